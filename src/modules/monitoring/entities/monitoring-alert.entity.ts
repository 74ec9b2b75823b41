import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { BorrowerEntity } from '../../borrowers/borrower.entity';
import { CooperativeEntity } from '../../cooperatives/entities/cooperative.entity';
import { ALERT_TYPE_LIST, AlertSeverity, AlertType, SEVERITY_LIST } from '../monitoring-types';
import { MonitoringEnrollmentEntity } from './monitoring-enrollment.entity';

/**
 * One early-warning alert for one coop about one of its enrolled borrowers. Its existence is decided here: the
 * unique (coop, borrower, event key) makes a redelivered or re-run raise a no-op, whatever the queue does.
 */
@Entity('monitoring_alerts')
@Unique('uq_monitoring_alerts_event', ['cooperativeId', 'borrowerKey', 'eventKey'])
// The inbox: a coop's alerts, newest first.
@Index('ix_monitoring_alerts_inbox', ['cooperativeId', 'raisedAt', 'id'])
@Index('ix_monitoring_alerts_unread', ['cooperativeId'], { where: `acknowledged_at IS NULL` })
@Index(['enrollmentId'])
@Check('ck_monitoring_alerts_type', `type IN (${ALERT_TYPE_LIST})`)
@Check('ck_monitoring_alerts_severity', `severity IN (${SEVERITY_LIST})`)
export class MonitoringAlertEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The coop alerted: the enrollment's coop. */
  @Column({ type: 'uuid' })
  cooperativeId: string;

  @ManyToOne(() => CooperativeEntity, { onDelete: 'RESTRICT' })
  cooperative?: CooperativeEntity;

  @Column({ type: 'uuid' })
  enrollmentId: string;

  @ManyToOne(() => MonitoringEnrollmentEntity, { onDelete: 'CASCADE' })
  enrollment?: MonitoringEnrollmentEntity;

  @Column({ type: 'char', length: 64 })
  borrowerKey: string;

  @ManyToOne(() => BorrowerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'borrower_key' })
  borrower?: BorrowerEntity;

  @Column({ type: 'varchar', length: 40 })
  type: AlertType;

  @Column({ type: 'varchar', length: 6 })
  severity: AlertSeverity;

  /** What happened, as a stable key (`NEW_LOAN:<loan id>`, `INQUIRY:<inquiry id>`, ...): one alert per event. */
  @Column({ type: 'varchar', length: 120 })
  eventKey: string;

  /** When the event happened (the report or the query), not when the alert was raised. */
  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  raisedAt: Date;

  /** The other coop, kept for the network's own checks; never answered (the alert shows lenderAlias). */
  @Column({ type: 'uuid', nullable: true })
  lenderCooperativeId: string | null;

  @Column({ type: 'varchar', length: 40 })
  lenderAlias: string;

  /** The loan elsewhere the alert is about (null for an inquiry). */
  @Column({ type: 'uuid', nullable: true })
  loanId: string | null;

  @Column({ type: 'char', length: 7, nullable: true })
  period: string | null;

  @Column({ type: 'text' })
  messageId: string;

  @Column({ type: 'text' })
  messageEn: string;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acknowledgedByUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  acknowledgedByApiKeyId: string | null;
}
