import { Injectable } from '@nestjs/common';
import { AuditActor } from '../../common/auth/principal';
import { Tx } from '../../common/database/unit-of-work';
import { AuditAction, AuditOutcome } from './audit-action';

/*
 * Every write to audit_events, in one place: an event inside the caller's transaction (AuditWriter.record, what
 * AuditService.record calls), an INSERT a caller's single statement embeds as a CTE (auditInsertSql, the profile
 * query), and bulk rows made by the database (insertAuditRows, the benchmarks). The table is append-only and the
 * database fixes each event's digest at insert (audit_events_digest), so what is written here is what the chain
 * seals: id and digest are the database's, never written by the application.
 */

/** The columns an event is written with, in the one order every writer uses. */
export const AUDIT_EVENT_COLUMNS = [
  'occurred_at',
  'action',
  'outcome',
  'actor_user_id',
  'actor_api_key_id',
  'actor_cooperative_id',
  'actor_role',
  'subject_ref',
  'purpose',
  'consent_id',
  'request_id',
  'ip',
  'details',
] as const;

export type AuditEventColumn = (typeof AUDIT_EVENT_COLUMNS)[number];

/**
 * A SQL expression per column. A column left out takes its default: occurred_at now() (the transaction's start),
 * details '{}', the others null.
 */
export type AuditColumnValues = { action: string; outcome: string } & Partial<Record<AuditEventColumn, string>>;

/**
 * `INSERT INTO audit_events (...) SELECT <values> <from> [RETURNING id]`: the statement part a caller embeds (as a CTE
 * body, or alone for bulk rows). Parameters in `values` sit in a SELECT list, where Postgres may not take their type
 * from the column: type each one nothing else in the statement types ($6::uuid).
 */
export function auditInsertSql(values: AuditColumnValues, from = '', returning = true): string {
  const columns = AUDIT_EVENT_COLUMNS.filter((c) => values[c] !== undefined);
  return `INSERT INTO audit_events (${columns.join(', ')})
       SELECT ${columns.map((c) => values[c]).join(', ')}
         ${from}${returning ? '\n       RETURNING id' : ''}`;
}

/** The one connection call a bulk writer needs (a pg Client or Pool, a TypeORM manager's query). */
export interface SqlClient {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

/**
 * Bulk rows built by the database (`from`: a FROM over generate_series, say), for seeding and benchmarks. No
 * RETURNING: a batch of 200,000 rows would send 200,000 ids back.
 */
export async function insertAuditRows(
  db: SqlClient,
  values: AuditColumnValues,
  from: string,
  params: unknown[],
): Promise<void> {
  await db.query(auditInsertSql(values, from, false), params);
}

export interface AuditEntry {
  action: AuditAction;
  outcome: AuditOutcome;
  subjectRef?: string | null;
  purpose?: string | null;
  consentId?: string | null;
  details?: Record<string, unknown>;
  /** Overrides the actor's principal fields, e.g. a login before any token exists. */
  actorOverride?: Partial<{ userId: string | null; cooperativeId: string | null; role: string | null }>;
}

/** One event's row: occurred_at is left to its default, the transaction's now(). */
const RECORD_SQL = `INSERT INTO audit_events (${AUDIT_EVENT_COLUMNS.slice(1).join(', ')})
  VALUES (${AUDIT_EVENT_COLUMNS.slice(1)
    .map((_, i) => `$${i + 1}`)
    .join(', ')})
  RETURNING id`;

@Injectable()
export class AuditWriter {
  /** Writes inside the caller's transaction, so the event commits or rolls back with the action. */
  async record(tx: Tx, actor: AuditActor, entry: AuditEntry): Promise<string> {
    const p = actor.principal;
    const o = entry.actorOverride ?? {};
    // In AUDIT_EVENT_COLUMNS order, without occurred_at. VALUES takes each parameter's type from its column.
    const values = [
      entry.action,
      entry.outcome,
      o.userId !== undefined ? o.userId : (p?.userId ?? null),
      p?.apiKeyId ?? null,
      o.cooperativeId !== undefined ? o.cooperativeId : (p?.cooperativeId ?? null),
      o.role !== undefined ? o.role : (p?.role ?? null),
      entry.subjectRef ?? null,
      entry.purpose ?? null,
      entry.consentId ?? null,
      actor.requestId,
      actor.ip,
      JSON.stringify(entry.details ?? {}),
    ];
    const rows: { id: string }[] = await tx.query(RECORD_SQL, values);
    return String(rows[0].id);
  }
}
