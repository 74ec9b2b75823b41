import { Role } from '../../common/auth/role';
import { AccountState, claimsAreCoherent, issuedAtFor, TokenClaims, tokenMismatch } from './account-check';

const COOP = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const claims: TokenClaims = { userId: 'u', role: Role.COOP_ADMIN, cooperativeId: COOP, issuedAt: 1_000 };
const account: AccountState = { role: Role.COOP_ADMIN, cooperativeId: COOP, credentialsChangedAt: null };

describe('tokenMismatch', () => {
  it.each<[string, AccountState | null, RegExp | null]>([
    ['an unchanged account', account, null],
    ['a change before the token', { ...account, credentialsChangedAt: new Date(999_999) }, null],
    [
      'a change in the second the token was issued',
      { ...account, credentialsChangedAt: new Date(1_000_400) },
      /credentials changed/,
    ],
    ['a change after the token', { ...account, credentialsChangedAt: new Date(1_005_000) }, /credentials changed/],
    ['a deleted user', null, /no longer exists/],
    ['another role', { ...account, role: Role.AUDITOR }, /role/],
    ['another coop', { ...account, cooperativeId: OTHER }, /cooperative/],
    ['no coop any more', { ...account, cooperativeId: null }, /cooperative/],
  ])('%s', (_name, state, expected) => {
    const why = tokenMismatch(claims, state);
    expect(why === null ? null : expected?.test(why)).toBe(expected ? true : null);
  });
});

describe('claimsAreCoherent', () => {
  it.each<[Role, string | null, boolean]>([
    [Role.NETWORK_ADMIN, null, true],
    [Role.NETWORK_AUDITOR, COOP, false],
    [Role.COOP_ADMIN, null, false],
    [Role.LOAN_OFFICER, COOP, true],
  ])('%s with coop %s: %s', (role, cooperativeId, expected) => {
    expect(claimsAreCoherent({ role, cooperativeId })).toBe(expected);
  });
});

describe('issuedAtFor', () => {
  it.each<[number, Date | null, number]>([
    [5_000_700, null, 5_000],
    [5_000_700, new Date(4_000_000), 5_000],
    // Issued in the same second as the change: pushed past it, so the new token is not taken for an old one.
    [5_000_700, new Date(5_000_300), 5_001],
  ])('now %d, changed %p: iat %d', (now, changed, expected) => {
    expect(issuedAtFor(now, changed)).toBe(expected);
    expect(tokenMismatch({ ...claims, issuedAt: expected }, { ...account, credentialsChangedAt: changed })).toBeNull();
  });
});
