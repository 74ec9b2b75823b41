import { BorrowerEntity } from '../borrowers/borrower.entity';
import { CooperativeEntity } from '../cooperatives/entities/cooperative.entity';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn, JoinColumn, ManyToOne } from 'typeorm';
import { ConsentPurpose, EvidenceType } from './consent-purpose';

@Entity('consents')
@Check('ck_consents_purpose', `purpose IN ('NEW_APPLICATION', 'MONITORING')`)
@Check('ck_consents_evidence_type', `evidence_type IN ('SIGNED_FORM', 'DIGITAL_SIGNATURE', 'OTP')`)
@Check('ck_consents_expiry', `expires_at > granted_at`)
// The consent check looks up (coop, borrower, purpose) on every profile query.
@Index(['cooperativeId', 'borrowerKey', 'purpose', 'expiresAt'])
// Subject access reports read a borrower's consents at every coop.
@Index(['borrowerKey'])
// A coop's hourly baseline of consents (usage anomalies) reads its consents by time.
@Index(['cooperativeId', 'grantedAt'])
export class ConsentEntity {
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

  @Column({ type: 'varchar', length: 20 })
  purpose: ConsentPurpose;

  @Column({ type: 'varchar', length: 20 })
  evidenceType: EvidenceType;

  /** The number of the signed form, the signature id or the OTP transaction id: proof of consent. */
  @Column({ type: 'varchar', length: 100 })
  evidenceReference: string;

  @Column({ type: 'uuid', nullable: true })
  grantedByUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  grantedByApiKeyId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  grantedAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
