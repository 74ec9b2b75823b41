import { Injectable } from '@nestjs/common';
import { JsonWebTokenError, JwtService, TokenExpiredError } from '@nestjs/jwt';
import { Principal } from '../../common/auth/principal';
import { Role } from '../../common/auth/role';
import { DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { claimsAreCoherent, issuedAtFor, TokenClaims } from '../cooperatives/account-check';
import { AccountVerifier } from '../cooperatives/account-verifier';

interface AccessClaims {
  sub: string;
  role: Role;
  coop: string | null;
  iat?: number;
  exp?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Clock slack between the API processes that issue and check tokens. */
const LIFETIME_SLACK_SECONDS = 5;

const invalid = (why: string) => new JsonWebTokenError(why);

/**
 * Short-lived HS256 access tokens. The claims are checked against the account on every request (through
 * AccountVerifier's cache, so most requests make no query): a deleted user, a changed role or coop, a password
 * changed after the token was issued all answer 401.
 */
@Injectable()
export class TokenService {
  // Secret, algorithm, lifetime, issuer and audience are fixed once in jwtOptions().
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly accounts: AccountVerifier,
  ) {}

  issue(user: { id: string; role: Role; cooperativeId: string | null; credentialsChangedAt?: Date | null }): string {
    const claims: AccessClaims = {
      sub: user.id,
      role: user.role,
      coop: user.cooperativeId,
      iat: issuedAtFor(Date.now(), user.credentialsChangedAt ?? null),
    };
    return this.jwt.sign(claims);
  }

  async verify(token: string): Promise<Principal> {
    const claims = this.decode(token);
    const why = await this.accounts.mismatch(claims);
    if (why)
      throw new DomainError('AUTH.INVALID_TOKEN', 'The access token no longer matches the account; sign in again');
    return {
      kind: 'user',
      userId: claims.userId,
      apiKeyId: null,
      cooperativeId: claims.cooperativeId,
      role: claims.role,
    };
  }

  /** Signature, issuer, audience and times, then the shape of the claims; no database. */
  private decode(token: string): TokenClaims {
    try {
      const claims = this.jwt.verify<AccessClaims>(token);
      if (typeof claims.exp !== 'number') throw invalid('no exp');
      if (typeof claims.iat !== 'number') throw invalid('no iat');
      if (claims.exp - claims.iat > this.config.auth.tokenTtlSeconds + LIFETIME_SLACK_SECONDS)
        throw invalid('lifetime');
      if (typeof claims.sub !== 'string' || !UUID.test(claims.sub)) throw invalid('sub');
      if (!Object.values(Role).includes(claims.role)) throw invalid('unknown role');
      const cooperativeId = claims.coop ?? null;
      if (cooperativeId !== null && (typeof cooperativeId !== 'string' || !UUID.test(cooperativeId)))
        throw invalid('coop');
      if (!claimsAreCoherent({ role: claims.role, cooperativeId })) throw invalid('role and coop disagree');
      return { userId: claims.sub, role: claims.role, cooperativeId, issuedAt: claims.iat };
    } catch (err) {
      if (err instanceof TokenExpiredError) throw new DomainError('AUTH.TOKEN_EXPIRED', 'The access token has expired');
      if (err instanceof JsonWebTokenError)
        throw new DomainError('AUTH.INVALID_TOKEN', 'The access token is not valid');
      throw err;
    }
  }
}
