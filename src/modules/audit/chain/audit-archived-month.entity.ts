import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A month (UTC) whose audit_events partition was detached and archived (docs/audit-log.md). Its links stay in the
 * chain; verification skips their content instead of reporting the events as deleted. Append-only.
 */
@Entity('audit_archived_months')
@Check('ck_audit_archived_months_first_day', `extract(day from month) = 1`)
export class AuditArchivedMonthEntity {
  @PrimaryColumn({ type: 'date' })
  month: string;

  /** Where the dump is kept. */
  @Column({ type: 'text' })
  archiveRef: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  archivedAt: Date;
}
