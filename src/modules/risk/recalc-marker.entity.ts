import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A borrower whose risk must be recalculated. Written in the transaction that changes the borrower's data, so a
 * recalculation is never lost to a Redis outage or a crash: the recalculation job deletes the row when done.
 */
@Entity('risk_recalc_markers')
@Index(['markedAt'])
export class RecalcMarkerEntity {
  @PrimaryColumn({ type: 'char', length: 64 })
  borrowerKey: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  markedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  submissionId: string | null;
}
