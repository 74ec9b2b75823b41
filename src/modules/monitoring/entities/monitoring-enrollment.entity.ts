import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BorrowerEntity } from '../../borrowers/borrower.entity';
import { ConsentEntity } from '../../consents/consent.entity';
import { CooperativeEntity } from '../../cooperatives/entities/cooperative.entity';
import { END_REASON_LIST, ENROLLMENT_STATUS_LIST, EnrollmentEndReason, EnrollmentStatus } from '../monitoring-types';

/** A coop watching one of its own borrowers, under its MONITORING consent for that borrower. */
@Entity('monitoring_enrollments')
// One active enrollment per coop and borrower; ended ones stay as history.
@Index('uq_monitoring_enrollments_active', ['cooperativeId', 'borrowerKey'], {
  unique: true,
  where: `status = 'ACTIVE'`,
})
// Raising alerts reads the active enrollments of the borrowers an event is about.
@Index('ix_monitoring_enrollments_active_borrower', ['borrowerKey'], { where: `status = 'ACTIVE'` })
@Index(['cooperativeId', 'enrolledAt'])
@Check('ck_monitoring_enrollments_status', `status IN (${ENROLLMENT_STATUS_LIST})`)
@Check('ck_monitoring_enrollments_end_reason', `end_reason IS NULL OR end_reason IN (${END_REASON_LIST})`)
@Check(
  'ck_monitoring_enrollments_state',
  `(status = 'ACTIVE' AND ended_at IS NULL AND end_reason IS NULL)
   OR (status = 'ENDED' AND ended_at IS NOT NULL AND end_reason IS NOT NULL)`,
)
export class MonitoringEnrollmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  cooperativeId: string;

  @ManyToOne(() => CooperativeEntity, { onDelete: 'RESTRICT' })
  cooperative?: CooperativeEntity;

  @Column({ type: 'char', length: 64 })
  borrowerKey: string;

  @ManyToOne(() => BorrowerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'borrower_key' })
  borrower?: BorrowerEntity;

  /** The MONITORING consent the enrollment was made under. */
  @Column({ type: 'uuid' })
  consentId: string;

  @ManyToOne(() => ConsentEntity, { onDelete: 'RESTRICT' })
  consent?: ConsentEntity;

  @Column({ type: 'varchar', length: 6 })
  status: EnrollmentStatus;

  @Column({ type: 'timestamptz' })
  enrolledAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  endReason: EnrollmentEndReason | null;

  @Column({ type: 'uuid', nullable: true })
  enrolledByUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  enrolledByApiKeyId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
