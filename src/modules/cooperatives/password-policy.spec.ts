import { passwordProblem, PASSWORD_MAX_BYTES } from './password-policy';

describe('passwordProblem', () => {
  const context = { email: 'siti.rahmawati@ksp-batik.co.id', name: 'Siti Rahmawati' };

  it.each<[string, string, RegExp | null]>([
    ['the demo password', 'Demo-Pass-2026', null],
    ['a passphrase', 'river lantern copper orchid', null],
    ['a random one', 'q8Z1m0x4K9pR', null],
    ['72 bytes of ASCII', 'Kx9!Lm3#'.repeat(9), null],
    ['12 characters that are 36 bytes', 'ꦏꦺꦴꦥꦼꦫꦱꦶꦪꦸꦤꦶ', null],
    ['11 characters', 'Kx9!Kx9!Kx9', /at least 12 characters/],
    ["'a' x 10 (accepted until now)", 'aaaaaaaaaa', /at least 12/],
    ["'a' x 12", 'aaaaaaaaaaaa', /mostly one repeated character/],
    ['mostly one character', 'aaaaaaaaB1c!', /mostly one repeated character/],
    ['two characters alternating', 'abababababab', /different characters/],
    ['73 bytes of ASCII', 'Kx9!Lm3#'.repeat(9) + 'z', /at most 72 bytes/],
    ['30 characters that are 90 bytes', 'ꦏꦺꦴꦥꦼꦫꦱꦶꦪꦸꦤꦶꦏꦺꦴꦥꦼꦫꦱꦶꦪꦸꦤꦶꦏꦺꦴꦥꦼꦫ', /at most 72 bytes.*90/],
    ['a common password', 'qwertyuiop123', /commonly used/],
    ['a common password upper-cased', 'QWERTY123456', /commonly used/],
    ['a common word with digits around', '2026Sunshine!!', /commonly used/],
    ['a common word with swaps', 'P@ssw0rd12345', /commonly used/],
    ['"password" inside', 'MyPassword-is-long', /"password"/],
    ['"koperasi" inside', 'koperasi-batik-99', /"koperasi"/],
    ['the email local part', 'rahmawati-2026-ok', /email address/],
    ['the email domain is not checked', 'batik-motif-tulis-77', null],
  ])('%s', (_name, password, expected) => {
    const problem = passwordProblem(password, context);
    expect(problem === null ? null : expected?.test(problem)).toBe(expected ? true : null);
  });

  it('never repeats the password in its message', () => {
    for (const password of ['short', 'aaaaaaaaaaaa', 'qwertyuiop123', 'x'.repeat(PASSWORD_MAX_BYTES + 1)]) {
      expect(passwordProblem(password)).not.toContain(password);
    }
  });
});
