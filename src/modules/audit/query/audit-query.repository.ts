import { Injectable } from '@nestjs/common';
import { Tx } from '../../../common/database/unit-of-work';
import { AuditEventRow } from './audit-event.response';
import { SqlWhere } from './audit-event-filter';

const COLUMNS = `id, occurred_at, action, outcome, actor_user_id, actor_api_key_id, actor_cooperative_id, actor_role,
  subject_ref, purpose, consent_id, request_id, ip, details`;

/**
 * A refusal's reason as the answer shows it: details.reason of a DENIED or FAILED event when it is a code
 * (CONSENT.MISSING, INVALID_CREDENTIALS), never free text and never an allowed event's.
 */
const REASON = `CASE WHEN e.outcome <> 'ALLOWED' AND e.details->>'reason' ~ '^[A-Z][A-Z0-9_]*([.][A-Z0-9_]+)*$'
                     THEN left(e.details->>'reason', 100) END`;

/** Rows per query while exporting: one batch is all the export holds in memory. */
export const EXPORT_BATCH = 1000;

/**
 * Reads audit_events by column name (not through AuditEventEntity), newest first, keyset on id. The event keeps ids
 * only; who they were is read at query time from users, api_keys and cooperatives (a deleted user or key keeps its id
 * and has no name). A user or key is named only when it belongs to the event's actor coop: a coop AUDITOR, who sees
 * only its coop's events, is never shown the name of another coop's user.
 */
@Injectable()
export class AuditQueryRepository {
  /** Up to `limit` rows with ids below `before` (all, without it). */
  page(tx: Tx, where: SqlWhere, before: string | undefined, limit: number): Promise<AuditEventRow[]> {
    const params = [...where.params];
    let sql = `SELECT ${COLUMNS} FROM audit_events WHERE ${where.sql}`;
    if (before) {
      params.push(before);
      sql += ` AND id < $${params.length}`;
    }
    params.push(limit);
    // The page is cut first (on the audit indexes alone), then its rows are named.
    return tx.query(
      `SELECT e.id, e.occurred_at, e.action, e.outcome, e.actor_user_id, e.actor_api_key_id, e.actor_cooperative_id,
              e.actor_role, e.subject_ref, e.purpose, e.consent_id, e.request_id, e.ip, ${REASON} AS reason,
              u.name AS actor_user_name, u.email AS actor_user_email, k.name AS actor_api_key_name,
              c.name AS actor_cooperative_name
         FROM (${sql} ORDER BY id DESC LIMIT $${params.length}) e
         LEFT JOIN users u ON u.id = e.actor_user_id AND u.cooperative_id IS NOT DISTINCT FROM e.actor_cooperative_id
         LEFT JOIN api_keys k ON k.id = e.actor_api_key_id AND k.cooperative_id = e.actor_cooperative_id
         LEFT JOIN cooperatives c ON c.id = e.actor_cooperative_id
        ORDER BY e.id DESC`,
      params,
    );
  }

  /**
   * Every matching row, one keyset batch at a time, each batch fetched only when the consumer asks for more. The log is
   * append-only and new rows get higher ids, so batches below the last id seen neither skip nor repeat a row.
   */
  async *stream(tx: Tx, where: SqlWhere, batch = EXPORT_BATCH): AsyncGenerator<AuditEventRow> {
    let before: string | undefined;
    for (;;) {
      const rows = await this.page(tx, where, before, batch);
      yield* rows;
      if (rows.length < batch) return;
      before = rows[rows.length - 1].id;
    }
  }
}
