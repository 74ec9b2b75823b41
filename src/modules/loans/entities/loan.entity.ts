import { BorrowerEntity } from '../../borrowers/borrower.entity';
import { CooperativeEntity } from '../../cooperatives/entities/cooperative.entity';
import {
  Check,
  Column,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  CreateDateColumn,
  JoinColumn,
  ManyToOne,
} from 'typeorm';
import { rupiah } from '../../../common/database/transformers';

/** A loan is (coop, loanRef); its descriptive fields follow the latest reported period. */
@Entity('loans')
@Unique('uq_loans_cooperative_loan_ref', ['cooperativeId', 'loanRef'])
@Index(['borrowerKey'])
@Check('ck_loans_facility_type', `facility_type IN ('INSTALLMENT', 'REVOLVING')`)
@Check('ck_loans_amounts', `principal > 0 AND credit_limit >= 0`)
@Check('ck_loans_suppression', `(suppressed_at IS NULL) = (suppressed_by_dispute_id IS NULL)`)
export class LoanEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  cooperativeId: string;

  @ManyToOne(() => CooperativeEntity, { onDelete: 'RESTRICT' })
  cooperative?: CooperativeEntity;

  @Column({ type: 'varchar', length: 50 })
  loanRef: string;

  @Column({ type: 'char', length: 64 })
  borrowerKey: string;

  @ManyToOne(() => BorrowerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'borrower_key' })
  borrower?: BorrowerEntity;

  @Column({ type: 'varchar', length: 12 })
  facilityType: string;

  @Column({ type: 'bigint', transformer: rupiah })
  principal: number;

  @Column({ type: 'bigint', transformer: rupiah })
  creditLimit: number;

  @Column({ type: 'date' })
  disbursedAt: string;

  @Column({ type: 'date', nullable: true })
  maturityDate: string | null;

  @Column({ type: 'char', length: 7 })
  latestPeriod: string;

  /** Set when a dispute is resolved DELETED: the loan leaves profiles and scores, later reports included. */
  @Column({ type: 'timestamptz', nullable: true })
  suppressedAt: Date | null;

  // No foreign key: loans and disputes would refer to each other, and a dispute already goes with its loan.
  @Column({ type: 'uuid', nullable: true })
  suppressedByDisputeId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
