import { randomUUID } from 'node:crypto';
import { Role } from './role';
import { DomainError } from '../errors/domain-error';

/** Who is calling: a person (access token) or a coop system (API key). Network staff have no coop. */
export interface Principal {
  kind: 'user' | 'apiKey';
  userId: string | null;
  apiKeyId: string | null;
  cooperativeId: string | null;
  role: Role;
}

/** Request facts the audit log needs, whoever acts. */
interface RequestFacts {
  requestId: string;
  ip: string;
}

/** An authenticated caller: what the global auth guard proved. Passed from controllers into services. */
export interface Actor extends RequestFacts {
  principal: Principal;
}

/**
 * Someone acting with no principal: a caller on a public route (a login before any token exists), the server's own
 * console (CLI), or a worker acting for a submission's uploader. Only the audit log takes it.
 */
export interface AnonymousActor extends RequestFacts {
  principal: null;
}

/** Whom an audit event names. */
export type AuditActor = Actor | AnonymousActor;

/** The operator at the server's console or a scheduled job: audited with no principal and a request id of its own. */
export const systemActor = (command: string): AnonymousActor => ({
  principal: null,
  requestId: `cli-${command}-${randomUUID()}`,
  ip: 'local',
});

/**
 * The caller's own coop, on routes that only coop roles reach (network staff have none). A null here means a route's
 * roles let network staff through to a coop-only action: refused, never a query with a null coop.
 */
export function coopOf(actor: Actor): string {
  const id = actor.principal.cooperativeId;
  if (id === null) throw new DomainError('AUTH.FORBIDDEN', "This action is for a cooperative's own staff or systems");
  return id;
}
