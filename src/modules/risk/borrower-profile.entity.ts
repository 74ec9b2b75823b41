import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { BorrowerEntity } from '../borrowers/borrower.entity';
import type { BorrowerSnapshot } from './borrower-snapshot';

/**
 * The precomputed part of a borrower's profile: loans with their 24-month history, summary, viewer-independent flags
 * and the score, as of one WIB calendar day. A profile query reads this one row instead of the records.
 */
@Entity('borrower_profiles')
@Check('ck_borrower_profiles_score', `score BETWEEN 250 AND 900`)
@Check('ck_borrower_profiles_grade', `grade IN ('A', 'B', 'C', 'D', 'E')`)
export class BorrowerProfileEntity {
  @PrimaryColumn({ type: 'char', length: 64 })
  borrowerKey: string;

  @OneToOne(() => BorrowerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'borrower_key' })
  borrower?: BorrowerEntity;

  @Column({ type: 'jsonb' })
  snapshot: BorrowerSnapshot;

  @Column({ type: 'smallint' })
  score: number;

  @Column({ type: 'char', length: 1 })
  grade: string;

  @Column({ type: 'varchar', length: 40 })
  modelVersion: string;

  /** The flag rule-set version and a fingerprint of its thresholds: a change of either rescores everyone. */
  @Column({ type: 'varchar', length: 40 })
  ruleSet: string;

  /** The WIB day the time windows were counted from; older than today means re-age before use. */
  @Column({ type: 'date' })
  asOf: string;

  @Column({ type: 'timestamptz' })
  computedAt: Date;
}
