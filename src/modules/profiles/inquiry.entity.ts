import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BorrowerEntity } from '../borrowers/borrower.entity';
import { ConsentEntity } from '../consents/consent.entity';
import { CooperativeEntity } from '../cooperatives/entities/cooperative.entity';

/** An answered profile query, kept on the borrower's record: inquiries by many coops are a risk signal. */
@Entity('inquiries')
@Index(['borrowerKey', 'occurredAt'])
// A coop's hourly baseline of profile queries (usage anomalies) reads its inquiries by time.
@Index(['cooperativeId', 'occurredAt'])
// Early warning: NEW_APPLICATION queries whose INQUIRY_ELSEWHERE alerts are still to be raised (monitoring/alerts).
@Index('ix_inquiries_alerts_pending', ['occurredAt'], {
  where: `purpose = 'NEW_APPLICATION' AND alerts_raised_at IS NULL`,
})
@Check('ck_inquiries_purpose', `purpose IN ('NEW_APPLICATION', 'MONITORING')`)
export class InquiryEntity {
  /** Also the reportId of the profile the query answered. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'char', length: 64 })
  borrowerKey: string;

  @ManyToOne(() => BorrowerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'borrower_key' })
  borrower?: BorrowerEntity;

  @Column({ type: 'uuid' })
  cooperativeId: string;

  @ManyToOne(() => CooperativeEntity, { onDelete: 'RESTRICT' })
  cooperative?: CooperativeEntity;

  @Column({ type: 'varchar', length: 20 })
  purpose: string;

  @Column({ type: 'uuid' })
  consentId: string;

  @ManyToOne(() => ConsentEntity, { onDelete: 'RESTRICT' })
  consent?: ConsentEntity;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'uuid', nullable: true })
  apiKeyId: string | null;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  /** When monitoring raised this query's alerts; null while still to do (set for queries before it). */
  @Column({ type: 'timestamptz', nullable: true })
  alertsRaisedAt: Date | null;
}
