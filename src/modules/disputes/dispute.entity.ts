import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BorrowerEntity } from '../borrowers/borrower.entity';
import { ApiKeyEntity } from '../cooperatives/entities/api-key.entity';
import { CooperativeEntity } from '../cooperatives/entities/cooperative.entity';
import { UserEntity } from '../cooperatives/entities/user.entity';
import { LoanEntity } from '../loans/entities/loan.entity';
import { DisputeResolution, DisputeStatus } from './dispute-status';

/** A borrower's challenge of one reported loan, answered by the coop that reports it. */
@Entity('disputes')
// One open dispute per loan; a resolved one leaves room for the next.
@Index('uq_disputes_open_loan', ['loanId'], { unique: true, where: `status = 'OPEN'` })
@Index(['cooperativeId', 'openedAt'])
// The profile query reads a borrower's open disputes on every answer.
@Index('ix_disputes_open_borrower', ['borrowerKey'], { where: `status = 'OPEN'` })
@Check('ck_disputes_status', `status IN ('OPEN', 'RESOLVED')`)
@Check('ck_disputes_resolution', `resolution IS NULL OR resolution IN ('CORRECTED', 'CONFIRMED', 'DELETED')`)
@Check(
  'ck_disputes_state',
  `(status = 'OPEN' AND resolution IS NULL AND resolved_at IS NULL AND note IS NULL)
   OR (status = 'RESOLVED' AND resolution IS NOT NULL AND resolved_at IS NOT NULL
       AND (resolved_by_user_id IS NOT NULL OR resolved_by_api_key_id IS NOT NULL))`,
)
@Check('ck_disputes_opener', `opened_by_user_id IS NOT NULL OR opened_by_api_key_id IS NOT NULL`)
@Check('ck_disputes_reason', `char_length(reason) BETWEEN 1 AND 1000`)
@Check('ck_disputes_note', `note IS NULL OR char_length(note) BETWEEN 1 AND 1000`)
@Check('ck_disputes_due', `due_at > opened_at`)
export class DisputeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  loanId: string;

  // Retention that removes a loan removes its disputes with it; their audit events stay.
  @ManyToOne(() => LoanEntity, { onDelete: 'CASCADE' })
  loan?: LoanEntity;

  /** The furnishing coop: the loan's coop, the one that must answer. */
  @Column({ type: 'uuid' })
  cooperativeId: string;

  @ManyToOne(() => CooperativeEntity, { onDelete: 'RESTRICT' })
  cooperative?: CooperativeEntity;

  @Column({ type: 'char', length: 64 })
  borrowerKey: string;

  @ManyToOne(() => BorrowerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'borrower_key' })
  borrower?: BorrowerEntity;

  @Column({ type: 'varchar', length: 8 })
  status: DisputeStatus;

  @Column({ type: 'varchar', length: 9, nullable: true })
  resolution: DisputeResolution | null;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** Null when network staff opened it on the borrower's behalf. */
  @Column({ type: 'uuid', nullable: true })
  openedByCooperativeId: string | null;

  @ManyToOne(() => CooperativeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'opened_by_cooperative_id' })
  openedByCooperative?: CooperativeEntity;

  @Column({ type: 'uuid', nullable: true })
  openedByUserId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'opened_by_user_id' })
  openedByUser?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  openedByApiKeyId: string | null;

  @ManyToOne(() => ApiKeyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'opened_by_api_key_id' })
  openedByApiKey?: ApiKeyEntity;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  openedAt: Date;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  resolvedByUserId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'resolved_by_user_id' })
  resolvedByUser?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  resolvedByApiKeyId: string | null;

  @ManyToOne(() => ApiKeyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'resolved_by_api_key_id' })
  resolvedByApiKey?: ApiKeyEntity;
}
