import { Check, Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CooperativeEntity } from '../cooperatives/entities/cooperative.entity';
import { AnomalyKind } from './usage-rules';

/**
 * A usage anomaly for auditors: a spike against the coop's own baseline, or a burst of near-identical consent
 * references by one credential. A signal only, never a refusal. One window raises one row: (coop, kind, subject,
 * window) is unique, and later events in the window only raise `observed` and `lastSeenAt`.
 */
@Entity('usage_anomalies')
@Check('ck_usage_anomalies_kind', `kind IN ('PROFILE_QUERY_SPIKE', 'CONSENT_SPIKE', 'CONSENT_REFERENCE_BURST')`)
@Check('ck_usage_anomalies_window', `window_end > window_start`)
@Check('ck_usage_anomalies_observed', `observed >= 0 AND threshold >= 0`)
@Index(['cooperativeId', 'kind', 'subject', 'windowStart'], { unique: true })
// The auditors' list: newest first.
@Index(['detectedAt', 'id'])
export class UsageAnomalyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  cooperativeId: string;

  @ManyToOne(() => CooperativeEntity, { onDelete: 'RESTRICT' })
  cooperative?: CooperativeEntity;

  @Column({ type: 'varchar', length: 40 })
  kind: AnomalyKind;

  /** What is counted inside the coop: '' for a spike (the whole coop), the credential and reference stem for a burst. */
  @Column({ type: 'varchar', length: 120, default: '' })
  subject: string;

  @Column({ type: 'timestamptz' })
  windowStart: Date;

  @Column({ type: 'timestamptz' })
  windowEnd: Date;

  /** Events counted in the window (the latest count seen). */
  @Column({ type: 'int' })
  observed: number;

  /** The coop's mean per active hour over the last 28 days (spikes only). */
  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  baseline: string | null;

  /** The count that raised the signal. */
  @Column({ type: 'int' })
  threshold: number;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorApiKeyId: string | null;

  /** The shared reference stem of a burst with '#' for the number (`FAKE-#`); never a full reference. */
  @Column({ type: 'varchar', length: 110, nullable: true })
  referencePattern: string | null;

  @Column({ type: 'timestamptz' })
  detectedAt: Date;

  @Column({ type: 'timestamptz' })
  lastSeenAt: Date;
}
