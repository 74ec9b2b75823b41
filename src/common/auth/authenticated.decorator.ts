import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Actor, AnonymousActor, Principal } from './principal';
import { API_KEY_ROLES, Role } from './role';

export const AUTH_METADATA = 'kcx:auth';

export interface AuthRequirement {
  /** Roles allowed on the route; API keys pass only if their role is listed. */
  roles: Role[];
}

export type RouteAuth = AuthRequirement | 'public';

/** The one way to protect a route: a global guard refuses any route that has no auth metadata at all. */
export function Authenticated(requirement: AuthRequirement) {
  const keyable = requirement.roles.some((r) => API_KEY_ROLES.includes(r));
  return applyDecorators(
    SetMetadata(AUTH_METADATA, requirement),
    ApiBearerAuth('bearer'),
    ...(keyable ? [ApiSecurity('apiKey')] : []),
    ApiUnauthorizedResponse({
      description:
        'Not authenticated (AUTH.UNAUTHENTICATED, AUTH.INVALID_TOKEN, AUTH.TOKEN_EXPIRED, AUTH.INVALID_API_KEY)',
    }),
    ApiForbiddenResponse({ description: `Role not allowed; allowed: ${requirement.roles.join(', ')}` }),
  );
}

export const Public = () => SetMetadata(AUTH_METADATA, 'public');

export interface AuthenticatedRequest extends FastifyRequest {
  principal?: Principal;
}

/**
 * The authenticated caller with request id and address, for services that audit. Only on routes behind
 * `@Authenticated`: the global guard has set the principal, so a missing one is a wiring error, not a refusal.
 */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!req.principal) throw new Error('CurrentActor on a route without @Authenticated');
  return { principal: req.principal, requestId: String(req.id), ip: req.ip };
});

/** A caller on a public route (a login): no principal yet, only what the audit log needs. */
export const RequestActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): AnonymousActor => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  return { principal: null, requestId: String(req.id), ip: req.ip };
});
