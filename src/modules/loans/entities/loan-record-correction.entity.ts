import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The values a correction replaced, kept for disputes and audits. */
@Entity('loan_record_corrections')
@Index(['loanId', 'period'])
export class LoanRecordCorrectionEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid' })
  loanId: string;

  @Column({ type: 'char', length: 7 })
  period: string;

  @Column({ type: 'char', length: 64 })
  borrowerKey: string;

  /** The replaced row: condition, amounts, days past due, collectibility, revision, submission id. */
  @Column({ type: 'jsonb' })
  previous: Record<string, unknown>;

  @Column({ type: 'uuid' })
  replacedBySubmissionId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  replacedAt: Date;
}
