import { Principal } from '../../../common/auth/principal';
import { Role } from '../../../common/auth/role';
import { DomainError } from '../../../common/errors/domain-error';
import { AuditAction, AuditOutcome } from '../audit-action';

export interface AuditEventFilter {
  action?: AuditAction;
  outcome?: AuditOutcome;
  actorCooperativeId?: string;
  actorUserId?: string;
  subjectRef?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

/** null: the whole network; otherwise only events whose actor belongs to this coop. */
export type AuditScope = string | null;

export interface SqlWhere {
  sql: string;
  params: unknown[];
}

/** A NETWORK_AUDITOR sees every event; anyone else only their own coop's actors' events, and nothing without a coop. */
export function auditScope(principal: Principal): AuditScope {
  if (principal.role === Role.NETWORK_AUDITOR) return null;
  if (!principal.cooperativeId) throw new DomainError('AUTH.FORBIDDEN', 'Audit events are readable by auditors only');
  return principal.cooperativeId;
}

/**
 * The WHERE clause over audit_events for a filter within a scope. An actorCooperativeId naming another coop simply
 * intersects with the scope, so a coop auditor gets an empty list and learns nothing about that coop.
 */
export function auditWhere(filter: AuditEventFilter, scope: AuditScope): SqlWhere {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (column: string, op: string, value: unknown) => {
    params.push(value);
    clauses.push(`${column} ${op} $${params.length}`);
  };
  if (scope !== null) add('actor_cooperative_id', '=', scope);
  if (filter.actorCooperativeId) add('actor_cooperative_id', '=', filter.actorCooperativeId);
  if (filter.actorUserId) add('actor_user_id', '=', filter.actorUserId);
  if (filter.action) add('action', '=', filter.action);
  if (filter.outcome) add('outcome', '=', filter.outcome);
  if (filter.subjectRef) add('subject_ref', '=', filter.subjectRef);
  if (filter.from) add('occurred_at', '>=', filter.from);
  if (filter.to) add('occurred_at', '<', filter.to);
  return { sql: clauses.length ? clauses.join(' AND ') : 'TRUE', params };
}

/** Query-string timestamps to Dates; an empty or reversed range is refused, naming `to`. */
export function timeRange(from?: string, to?: string): { from?: Date; to?: Date } {
  const range = { from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined };
  if (range.from && range.to && range.from.getTime() > range.to.getTime()) {
    throw new DomainError('VALIDATION', 'The time range is not valid', [
      { field: 'to', message: 'to must not be before from' },
    ]);
  }
  return range;
}

/** The filters as recorded in an AUDIT_LOG_READ event's details (only those given). */
export function filterDetails(filter: AuditEventFilter): Record<string, string> {
  const details: Record<string, string> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined) details[key] = value instanceof Date ? value.toISOString() : String(value);
  }
  return details;
}
