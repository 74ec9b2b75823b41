import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One link of the audit hash chain, in seal order: hash = sha256(previous link's hash || the event's digest).
 * Append-only like the log (see the migration's triggers). seq is dense (the sealer numbers the links), so a
 * removed link shows as a hole.
 */
@Entity('audit_chain')
@Check('ck_audit_chain_hash', `octet_length(hash) = 32`)
export class AuditChainEntity {
  @PrimaryColumn({ type: 'bigint' })
  seq: string;

  // An event is sealed once.
  @Index({ unique: true })
  @Column({ type: 'bigint' })
  eventId: string;

  /** With event_id, the event's full key: the verifier's join prunes to one partition. */
  @Column({ type: 'timestamptz' })
  eventOccurredAt: Date;

  @Column({ type: 'bytea' })
  hash: Buffer;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  sealedAt: Date;
}
