import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AUTH_METADATA, AuthenticatedRequest, RouteAuth } from '../../common/auth/authenticated.decorator';
import { Principal } from '../../common/auth/principal';
import { DomainError } from '../../common/errors/domain-error';
import { noteCaller } from '../../common/logging/request-caller';
import { ApiKeyVerifier } from '../cooperatives/api-key-verifier';
import { RequestRateLimiter } from './throttles';
import { TokenService } from './token.service';

/** Whose requests count together: the API key, else the user. Both verifiers set one; none is a wiring error. */
function rateLimitKey(principal: Principal): string {
  const id = principal.apiKeyId ?? principal.userId;
  if (id === null) throw new Error('A principal with neither an API key nor a user id');
  return id;
}

/**
 * Global guard: every route must say @Public() or @Authenticated({roles}); a route that says neither is refused,
 * so forgetting the decorator can never open a route.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly apiKeys: ApiKeyVerifier,
    private readonly rateLimiter: RequestRateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<RouteAuth | undefined>(AUTH_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (rule === 'public') return true;
    if (!rule) throw new DomainError('AUTH.FORBIDDEN', 'This route has no access rule');

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.authenticate(request);
    request.principal = principal;
    // The request logger reads the raw request, so it learns the caller here too.
    noteCaller(request.raw, principal);

    if (!rule.roles.includes(principal.role)) {
      throw new DomainError('AUTH.FORBIDDEN', `This action needs one of the roles ${rule.roles.join(', ')}`);
    }
    await this.rateLimiter.consume(rateLimitKey(principal));
    return true;
  }

  private async authenticate(request: AuthenticatedRequest): Promise<Principal> {
    const authorization = request.headers.authorization;
    if (typeof authorization === 'string' && authorization.length > 0) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match) throw new DomainError('AUTH.INVALID_TOKEN', 'Authorization must be "Bearer <accessToken>"');
      return await this.tokens.verify(match[1]);
    }
    const key = request.headers['x-api-key'];
    if (typeof key === 'string' && key.length > 0) {
      const principal = await this.apiKeys.verify(key);
      if (!principal) throw new DomainError('AUTH.INVALID_API_KEY', 'The API key is not valid or was revoked');
      return principal;
    }
    throw new DomainError('AUTH.UNAUTHENTICATED', 'Send a bearer token or an X-API-Key');
  }
}
