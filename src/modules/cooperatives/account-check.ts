import { isNetworkRole, Role } from '../../common/auth/role';

/** What an access token claims about its user. */
export interface TokenClaims {
  userId: string;
  role: Role;
  cooperativeId: string | null;
  /** `iat`, seconds since the epoch. */
  issuedAt: number;
}

/** The account as the database has it now; null when the user does not exist. */
export interface AccountState {
  role: Role;
  cooperativeId: string | null;
  credentialsChangedAt: Date | null;
}

/** A network role has no coop and a coop role has one, whatever else the token says. */
export const claimsAreCoherent = (claims: Pick<TokenClaims, 'role' | 'cooperativeId'>): boolean =>
  isNetworkRole(claims.role) === (claims.cooperativeId === null);

/** Whole seconds, as in `iat`: a token issued in the second of the change or before it is older than the change. */
export const changedAtSeconds = (at: Date): number => Math.floor(at.getTime() / 1000);

/** Why the token no longer speaks for the account, or null when it still does. */
export function tokenMismatch(claims: TokenClaims, account: AccountState | null): string | null {
  if (!account) return 'the user no longer exists';
  if (account.role !== claims.role) return 'the role changed';
  if (account.cooperativeId !== claims.cooperativeId) return 'the cooperative changed';
  if (account.credentialsChangedAt && claims.issuedAt <= changedAtSeconds(account.credentialsChangedAt)) {
    return 'the credentials changed after the token was issued';
  }
  return null;
}

/**
 * The `iat` to put in a new token: now, but always after the last credential change, so a token issued right after
 * a change (in the same second) is not mistaken for one from before it.
 */
export function issuedAtFor(nowMs: number, credentialsChangedAt: Date | null): number {
  const now = Math.floor(nowMs / 1000);
  return credentialsChangedAt ? Math.max(now, changedAtSeconds(credentialsChangedAt) + 1) : now;
}
