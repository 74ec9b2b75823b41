import { Injectable } from '@nestjs/common';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Tx } from '../../common/database/unit-of-work';
import { AuditEventEntity } from './audit-event.entity';

export type NewAuditEvent = Omit<AuditEventEntity, 'id' | 'occurredAt'>;

@Injectable()
export class AuditRepository {
  async insert(tx: Tx, event: NewAuditEvent): Promise<string> {
    const result = await tx.insert(AuditEventEntity, event as QueryDeepPartialEntity<AuditEventEntity>);
    return String(result.identifiers[0].id);
  }

  /** The append-only triggers that protect audit_events, with whether each is enabled. */
  async protectionTriggers(tx: Tx): Promise<{ name: string; enabled: boolean }[]> {
    const rows: { tgname: string; tgenabled: string }[] = await tx.query(
      `SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'audit_events'::regclass AND NOT tgisinternal`,
    );
    return rows.map((r) => ({ name: r.tgname, enabled: r.tgenabled !== 'D' }));
  }

  async count(tx: Tx): Promise<number> {
    return tx.count(AuditEventEntity);
  }
}
