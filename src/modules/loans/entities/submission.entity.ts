import { CooperativeEntity } from '../../cooperatives/entities/cooperative.entity';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  ManyToOne,
} from 'typeorm';

export enum SubmissionStatus {
  QUEUED = 'QUEUED',
  PROCESSING = 'PROCESSING',
  COMPLETED = 'COMPLETED',
  REJECTED = 'REJECTED',
  FAILED = 'FAILED',
}

export enum SubmissionMode {
  STRICT = 'STRICT',
  PARTIAL = 'PARTIAL',
}

export enum SubmissionSource {
  JSON = 'JSON',
  CSV = 'CSV',
}

@Entity('submissions')
@Index(['cooperativeId', 'createdAt'])
// The same file from the same coop is recognised by its checksum and not applied twice; a file that was refused
// (REJECTED, FAILED) may be sent again, e.g. in PARTIAL mode after a STRICT refusal.
@Index('uq_submissions_csv_checksum', ['cooperativeId', 'checksum'], {
  unique: true,
  where: `source = 'CSV' AND status NOT IN ('REJECTED', 'FAILED')`,
})
@Index('uq_submissions_idempotency_key', ['cooperativeId', 'idempotencyKey'], {
  unique: true,
  where: 'idempotency_key IS NOT NULL',
})
@Index(['status', 'updatedAt'])
// Give-to-get, on every profile query: has the coop completed a submission lately? One index probe, not a scan.
@Index('ix_submissions_completed', ['cooperativeId', 'finishedAt'], { where: `status = 'COMPLETED'` })
// Early warning: completed submissions whose alerts are still to be raised (monitoring/alerts).
@Index('ix_submissions_alerts_pending', ['finishedAt'], {
  where: `status = 'COMPLETED' AND alerts_raised_at IS NULL`,
})
@Check('ck_submissions_status', `status IN ('QUEUED', 'PROCESSING', 'COMPLETED', 'REJECTED', 'FAILED')`)
@Check('ck_submissions_mode', `mode IN ('STRICT', 'PARTIAL')`)
@Check('ck_submissions_source', `source IN ('JSON', 'CSV')`)
@Check('ck_submissions_error_counts', `error_counts IS NULL OR jsonb_typeof(error_counts) = 'object'`)
export class SubmissionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  cooperativeId: string;

  @ManyToOne(() => CooperativeEntity, { onDelete: 'RESTRICT' })
  cooperative?: CooperativeEntity;

  @Column({ type: 'varchar', length: 4 })
  source: SubmissionSource;

  @Column({ type: 'varchar', length: 7 })
  mode: SubmissionMode;

  @Column({ type: 'varchar', length: 10 })
  status: SubmissionStatus;

  @Column({ type: 'integer', default: 0 })
  totalRows: number;

  @Column({ type: 'integer', default: 0 })
  processedRows: number;

  @Column({ type: 'integer', default: 0 })
  accepted: number;

  @Column({ type: 'integer', default: 0 })
  rejected: number;

  /** SHA-256 of the uploaded file (CSV) or of the request body (JSON). */
  @Column({ type: 'char', length: 64 })
  checksum: string;

  @Column({ type: 'bigint', default: 0 })
  sizeBytes: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  idempotencyKey: string | null;

  /** The first answer, returned again for a retried request with the same Idempotency-Key. */
  @Column({ type: 'jsonb', nullable: true })
  response: Record<string, unknown> | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByApiKeyId: string | null;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  /** A file-level failure (empty, not text, bad header), when there is one. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  errorCode: string | null;

  @Column({ type: 'text', nullable: true })
  errorMessage: string | null;

  /** errorMessage in Bahasa Indonesia. */
  @Column({ type: 'text', nullable: true })
  errorMessageId: string | null;

  /** Problems found by error code, over the whole submission; null for submissions from before the count. */
  @Column({ type: 'jsonb', nullable: true })
  errorCounts: Record<string, number> | null;

  /** True when more problems were found than submission_errors keeps (SUBMISSION_MAX_STORED_ERRORS). */
  @Column({ type: 'boolean', default: false })
  errorsTruncated: boolean;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** When monitoring raised this submission's alerts; null while still to do (set for submissions before it). */
  @Column({ type: 'timestamptz', nullable: true })
  alertsRaisedAt: Date | null;
}
