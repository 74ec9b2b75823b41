import { LoanEntity } from './loan.entity';
import { Check, Column, Entity, Index, PrimaryColumn, ManyToOne } from 'typeorm';
import { rupiah } from '../../../common/database/transformers';

/** One loan's state in one month. Re-sending (loan, period) replaces it; the old values go to loan_record_corrections. */
@Entity('loan_records')
@Index(['borrowerKey', 'period'])
// Early warning reads what one submission wrote (monitoring/alerts): an index probe, not a scan of every record.
@Index('ix_loan_records_submission', ['submissionId'])
@Check('ck_loan_records_condition', `condition IN ('00', '02', '03', '04', '12', '13')`)
@Check('ck_loan_records_dpd', `days_past_due BETWEEN 0 AND 9999`)
@Check('ck_loan_records_collectibility', `collectibility BETWEEN 1 AND 5`)
@Check(
  'ck_loan_records_amounts',
  `outstanding >= 0 AND arrears_principal >= 0 AND arrears_interest >= 0 AND (paid_amount IS NULL OR paid_amount >= 0) AND restructure_count >= 0`,
)
@Check('ck_loan_records_period', `period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
export class LoanRecordEntity {
  @PrimaryColumn({ type: 'uuid' })
  loanId: string;

  @ManyToOne(() => LoanEntity, { onDelete: 'CASCADE' })
  loan?: LoanEntity;

  @PrimaryColumn({ type: 'char', length: 7 })
  period: string;

  /** Denormalised so a borrower's history is one index range, and the table can be distributed by it. */
  @Column({ type: 'char', length: 64 })
  borrowerKey: string;

  @Column({ type: 'char', length: 2 })
  condition: string;

  @Column({ type: 'bigint', transformer: rupiah })
  outstanding: number;

  @Column({ type: 'bigint', transformer: rupiah, default: 0 })
  arrearsPrincipal: number;

  @Column({ type: 'bigint', transformer: rupiah, default: 0 })
  arrearsInterest: number;

  @Column({ type: 'integer' })
  daysPastDue: number;

  @Column({ type: 'smallint' })
  collectibility: number;

  @Column({ type: 'smallint' })
  collectibilityRuleVersion: number;

  @Column({ type: 'bigint', transformer: rupiah, nullable: true })
  paidAmount: number | null;

  @Column({ type: 'integer', default: 0 })
  restructureCount: number;

  /** 1 for the first report of this period, +1 for each correction. */
  @Column({ type: 'integer', default: 1 })
  revision: number;

  @Column({ type: 'uuid' })
  submissionId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  reportedAt: Date;
}
