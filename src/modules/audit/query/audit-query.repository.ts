import { Injectable } from '@nestjs/common';
import { Tx } from '../../../common/database/unit-of-work';
import { AuditEventRow } from './audit-event.response';
import { SqlWhere } from './audit-event-filter';

const COLUMNS = `id, occurred_at, action, outcome, actor_user_id, actor_api_key_id, actor_cooperative_id, actor_role,
  subject_ref, purpose, consent_id, request_id, ip`;

/** Rows per query while exporting: one batch is all the export holds in memory. */
export const EXPORT_BATCH = 1000;

/** Reads audit_events by column name (not through AuditEventEntity), newest first, keyset on id. */
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
    return tx.query(`${sql} ORDER BY id DESC LIMIT $${params.length}`, params);
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
