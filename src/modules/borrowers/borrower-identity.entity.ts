import { BorrowerEntity } from './borrower.entity';
import { Column, Entity, PrimaryColumn, UpdateDateColumn, JoinColumn, ManyToOne } from 'typeorm';

/** Keyed hashes of the name and birth date each coop reports for a borrower, to spot two people under one NIK. */
@Entity('borrower_identities')
export class BorrowerIdentityEntity {
  @PrimaryColumn({ type: 'char', length: 64 })
  borrowerKey: string;

  @ManyToOne(() => BorrowerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'borrower_key' })
  borrower?: BorrowerEntity;

  @PrimaryColumn({ type: 'uuid' })
  cooperativeId: string;

  @Column({ type: 'char', length: 64 })
  nameHash: string;

  @Column({ type: 'char', length: 64 })
  birthDateHash: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
