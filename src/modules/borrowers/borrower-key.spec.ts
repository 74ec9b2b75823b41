import { borrowerKey, identityHash, normalizeName } from './borrower-key';

const secret = 'k'.repeat(40);
const nik = '3375010112890001';

describe('borrowerKey', () => {
  it('is deterministic for one secret and version', () => {
    expect(borrowerKey(nik, secret, 1)).toBe(borrowerKey(nik, secret, 1));
    expect(borrowerKey(nik, secret, 1)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs between NIKs, secrets and key versions', () => {
    const base = borrowerKey(nik, secret, 1);
    expect(borrowerKey('3375010112890002', secret, 1)).not.toBe(base);
    expect(borrowerKey(nik, 's'.repeat(40), 1)).not.toBe(base);
    expect(borrowerKey(nik, secret, 2)).not.toBe(base);
  });

  it('never contains the NIK', () => {
    expect(borrowerKey(nik, secret, 1)).not.toContain(nik);
  });
});

describe('identity hashes', () => {
  it.each([
    ['Siti Rahmawati', '  siti   RAHMAWATI '],
    ['Nur Aini', 'Nur-Aini'],
    ['Rene', 'René'],
  ])('treat %p and %p as one name', (a, b) => {
    expect(normalizeName(a)).toBe(normalizeName(b));
    expect(identityHash('name', a, secret)).toBe(identityHash('name', b, secret));
  });

  it('tell different names and birth dates apart', () => {
    expect(identityHash('name', 'Siti', secret)).not.toBe(identityHash('name', 'Sita', secret));
    expect(identityHash('birthDate', '1989-12-01', secret)).not.toBe(identityHash('birthDate', '1989-12-02', secret));
  });
});
