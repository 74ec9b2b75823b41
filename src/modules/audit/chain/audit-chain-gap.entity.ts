import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An event id the sealer passed over because it was not visible yet (its transaction still open) or never will be
 * (rolled back). Looked at again on each run, so a late commit is sealed; forgotten after a grace period. A work
 * list, not evidence: tampering with it can only leave events unsealed, which verification reports as pending.
 */
@Entity('audit_chain_gaps')
export class AuditChainGapEntity {
  @PrimaryColumn({ type: 'bigint' })
  eventId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  notedAt: Date;
}
