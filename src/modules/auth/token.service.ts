import { Injectable } from '@nestjs/common';
import { JsonWebTokenError, JwtService, TokenExpiredError } from '@nestjs/jwt';
import { Principal } from '../../common/auth/principal';
import { Role } from '../../common/auth/role';
import { DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';

interface AccessClaims {
  sub: string;
  role: Role;
  coop: string | null;
}

const ISSUER = 'kcx';
const AUDIENCE = 'kcx-api';

/** Short-lived HS256 access tokens; the claims are the principal, so no lookup per request. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  issue(user: { id: string; role: Role; cooperativeId: string | null }): string {
    const claims: AccessClaims = { sub: user.id, role: user.role, coop: user.cooperativeId };
    return this.jwt.sign(claims, {
      secret: this.config.auth.tokenSecret,
      expiresIn: this.config.auth.tokenTtlSeconds,
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithm: 'HS256',
    });
  }

  verify(token: string): Principal {
    try {
      const claims = this.jwt.verify<AccessClaims>(token, {
        secret: this.config.auth.tokenSecret,
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
      if (!Object.values(Role).includes(claims.role)) throw new JsonWebTokenError('unknown role');
      return { kind: 'user', userId: claims.sub, apiKeyId: null, cooperativeId: claims.coop ?? null, role: claims.role };
    } catch (err) {
      if (err instanceof TokenExpiredError) throw new DomainError('AUTH.TOKEN_EXPIRED', 'The access token has expired');
      if (err instanceof JsonWebTokenError) throw new DomainError('AUTH.INVALID_TOKEN', 'The access token is not valid');
      throw err;
    }
  }
}
