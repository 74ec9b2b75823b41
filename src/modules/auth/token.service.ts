import { Injectable } from '@nestjs/common';
import { JsonWebTokenError, JwtService, TokenExpiredError } from '@nestjs/jwt';
import { Principal } from '../../common/auth/principal';
import { Role } from '../../common/auth/role';
import { DomainError } from '../../common/errors/domain-error';

interface AccessClaims {
  sub: string;
  role: Role;
  coop: string | null;
}

/** Short-lived HS256 access tokens; the claims are the principal, so no lookup per request. */
@Injectable()
export class TokenService {
  // Secret, algorithm, lifetime, issuer and audience are fixed once in jwtOptions().
  constructor(private readonly jwt: JwtService) {}

  issue(user: { id: string; role: Role; cooperativeId: string | null }): string {
    const claims: AccessClaims = { sub: user.id, role: user.role, coop: user.cooperativeId };
    return this.jwt.sign(claims);
  }

  verify(token: string): Principal {
    try {
      const claims = this.jwt.verify<AccessClaims>(token);
      if (!Object.values(Role).includes(claims.role)) throw new JsonWebTokenError('unknown role');
      return { kind: 'user', userId: claims.sub, apiKeyId: null, cooperativeId: claims.coop ?? null, role: claims.role };
    } catch (err) {
      if (err instanceof TokenExpiredError) throw new DomainError('AUTH.TOKEN_EXPIRED', 'The access token has expired');
      if (err instanceof JsonWebTokenError) throw new DomainError('AUTH.INVALID_TOKEN', 'The access token is not valid');
      throw err;
    }
  }
}
