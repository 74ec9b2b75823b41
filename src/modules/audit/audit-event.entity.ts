import { Check, Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { AuditAction, AuditOutcome } from './audit-action';

/**
 * Append-only: the database refuses UPDATE, DELETE and TRUNCATE (see the migrations' triggers), and the sealer
 * chains every event by hash (chain/). The table is partitioned by month of occurred_at (UTC), which TypeORM does
 * not model: the migrations create it, and the partition key has to be part of the primary key.
 */
@Entity('audit_events')
@Check('ck_audit_events_outcome', `outcome IN ('ALLOWED', 'DENIED', 'FAILED')`)
@Check('ck_audit_events_digest', `octet_length(digest) = 32`)
@Index(['occurredAt', 'id'])
// Auditor lists are newest first by id, per coop or per subject.
@Index(['actorCooperativeId', 'id'])
@Index(['subjectRef', 'id'])
export class AuditEventEntity {
  // bigint comes back from pg as a string; ids are exposed as strings anyway. Unique by the identity alone.
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @PrimaryColumn({ type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  @Column({ type: 'text' })
  action: AuditAction;

  @Column({ type: 'text' })
  outcome: AuditOutcome;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorApiKeyId: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorCooperativeId: string | null;

  @Column({ type: 'text', nullable: true })
  actorRole: string | null;

  /** What the event is about: a borrower's opaque ref, a user id, a key id, a coop id. Never a NIK. */
  @Column({ type: 'text', nullable: true })
  subjectRef: string | null;

  @Column({ type: 'text', nullable: true })
  purpose: string | null;

  @Column({ type: 'uuid', nullable: true })
  consentId: string | null;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  /** Safe, non-personal facts (reason codes, counts). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;

  /**
   * sha256 of the columns above, computed by the database's BEFORE INSERT trigger (audit_events_digest) whoever
   * writes, so never inserted or read by the application; the sealer chains it (docs/audit-log.md).
   */
  @Column({ type: 'bytea', insert: false, update: false, select: false })
  digest: Buffer;
}
