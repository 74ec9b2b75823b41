import { Injectable } from '@nestjs/common';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Tx } from '../../common/database/unit-of-work';
import { AuditEventEntity } from './audit-event.entity';

export type NewAuditEvent = Omit<AuditEventEntity, 'id' | 'occurredAt'>;

export interface ProtectionTrigger {
  relation: string;
  name: string;
  /** null: the trigger is missing. */
  enabled: boolean | null;
}

@Injectable()
export class AuditRepository {
  async insert(tx: Tx, event: NewAuditEvent): Promise<string> {
    const result = await tx.insert(AuditEventEntity, event as QueryDeepPartialEntity<AuditEventEntity>);
    return String(result.identifiers[0].id);
  }

  /**
   * The append-only triggers every audit table must carry: audit_events and each of its partitions (a partition
   * can be changed or truncated by its own name), the chain and the archived months.
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
       ORDER BY 1, 2`);
    return rows.map((r) => ({ relation: r.relation, name: r.name, enabled: r.tgenabled === null ? null : r.tgenabled !== 'D' }));
  }
}
