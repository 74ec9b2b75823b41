import { Injectable } from '@nestjs/common';
import { Tx } from '../../common/database/unit-of-work';

export interface ProtectionTrigger {
  relation: string;
  name: string;
  /** null: the trigger is missing; false: it does not fire in ordinary sessions (disabled, or replica-only). */
  enabled: boolean | null;
}

@Injectable()
export class AuditRepository {
  /**
   * The triggers every audit table must carry: the append-only pair on audit_events and each of its partitions (a
   * partition can be changed or truncated by its own name), the chain and the archived months; and on audit_events
   * and each partition the one that fixes an event's digest at insert.
   */
  async protectionTriggers(tx: Tx): Promise<ProtectionTrigger[]> {
    const rows: { relation: string; name: string; tgenabled: string | null }[] = await tx.query(`
      WITH rels (rel, prefix) AS (
        SELECT 'audit_events'::regclass, 'audit_events'
        UNION ALL SELECT inhrelid::regclass, 'audit_events' FROM pg_inherits WHERE inhparent = 'audit_events'::regclass
        UNION ALL SELECT 'audit_chain'::regclass, 'audit_chain'
        UNION ALL SELECT 'audit_archived_months'::regclass, 'audit_archived_months')
      SELECT r.rel::text AS relation, n.name, t.tgenabled
        FROM rels r
       CROSS JOIN LATERAL (VALUES (r.prefix || '_no_update_delete'), (r.prefix || '_no_truncate')) AS n (name)
        LEFT JOIN pg_trigger t ON t.tgrelid = r.rel AND t.tgname = n.name
       UNION ALL
      SELECT r.rel::text, 'audit_events_digest', t.tgenabled
        FROM rels r LEFT JOIN pg_trigger t ON t.tgrelid = r.rel AND t.tgname = 'audit_events_digest'
       WHERE r.prefix = 'audit_events'
       ORDER BY 1, 2`);
    // 'O' fires in ordinary sessions, 'A' always; 'D' never and 'R' only in replica sessions: both leave the log open.
    return rows.map((r) => ({
      relation: r.relation,
      name: r.name,
      enabled: r.tgenabled === null ? null : r.tgenabled === 'O' || r.tgenabled === 'A',
    }));
  }
}
