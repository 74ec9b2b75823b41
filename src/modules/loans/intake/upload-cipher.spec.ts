import { AppConfig } from '../../../config/app-config';
import { loadConfig } from '../../../config/load-config';
import { UploadCipher } from './upload-cipher';

describe('UploadCipher', () => {
  const cipher = new UploadCipher(loadConfig({ NODE_ENV: 'test' }) as AppConfig);
  const plain = Buffer.from('nik;nama\n3375010112890001;Siti\n');

  it('round-trips and never stores the plain text', () => {
    const sealed = cipher.seal(plain);
    expect(sealed.includes(Buffer.from('3375010112890001'))).toBe(false);
    expect(cipher.open(sealed)).toEqual(plain);
  });

  it('uses a fresh IV each time', () => {
    expect(cipher.seal(plain).equals(cipher.seal(plain))).toBe(false);
  });

  it('refuses a tampered chunk', () => {
    const sealed = cipher.seal(plain);
    sealed[sealed.length - 1] ^= 1;
    expect(() => cipher.open(sealed)).toThrow();
  });

  it('cannot be opened under another secret', () => {
    const other = new UploadCipher(loadConfig({ NODE_ENV: 'test', NIK_HASH_KEY: 'o'.repeat(40) }) as AppConfig);
    expect(() => other.open(cipher.seal(plain))).toThrow();
  });
});
