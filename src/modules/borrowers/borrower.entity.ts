import { Column, CreateDateColumn, Entity, Generated, PrimaryColumn } from 'typeorm';

/** One row per person the network knows, keyed by the HMAC of the NIK; the NIK itself is never stored. */
@Entity('borrowers')
export class BorrowerEntity {
  @PrimaryColumn({ type: 'char', length: 64 })
  borrowerKey: string;

  @Column({ type: 'smallint' })
  keyVersion: number;

  /** What reports and audit rows show instead of the NIK: random, stable, unrelated to the NIK. */
  @Column({ type: 'uuid', unique: true })
  @Generated('uuid')
  subjectRef: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
