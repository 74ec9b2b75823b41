import { ApiProperty } from '@nestjs/swagger';
import { ColumnOption } from 'csv-stringify';
import { AuditAction, AuditOutcome } from '../audit-action';

/** One audit_events row as the query repository reads it (ids are bigints, so pg hands them over as strings). */
export interface AuditEventRow {
  id: string;
  occurred_at: Date;
  action: AuditAction;
  outcome: AuditOutcome;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  actor_cooperative_id: string | null;
  actor_role: string | null;
  subject_ref: string | null;
  purpose: string | null;
  consent_id: string | null;
  request_id: string | null;
  ip: string | null;
}

export class AuditActorResponse {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) userId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) apiKeyId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) cooperativeId: string | null;
  @ApiProperty({ nullable: true, type: String }) role: string | null;
}

export class AuditEventResponse {
  @ApiProperty({ example: '1042' }) id: string;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ enum: AuditAction }) action: AuditAction;
  @ApiProperty({ enum: AuditOutcome }) outcome: AuditOutcome;
  @ApiProperty({ type: AuditActorResponse }) actor: AuditActorResponse;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "A borrower's opaque ref, a user, key, coop or submission id",
  })
  subjectRef: string | null;
  @ApiProperty({ nullable: true, type: String }) purpose: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) consentId: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;
}

export const toAuditEventResponse = (r: AuditEventRow): AuditEventResponse => ({
  id: String(r.id),
  occurredAt: r.occurred_at.toISOString(),
  action: r.action,
  outcome: r.outcome,
  actor: {
    userId: r.actor_user_id,
    apiKeyId: r.actor_api_key_id,
    cooperativeId: r.actor_cooperative_id,
    role: r.actor_role,
  },
  subjectRef: r.subject_ref,
  purpose: r.purpose,
  consentId: r.consent_id,
  requestId: r.request_id,
  ip: r.ip,
});

/** The export's columns: the list fields, flattened, in the same order. */
export const AUDIT_CSV_COLUMNS: ColumnOption[] = [
  { key: 'id', header: 'id' },
  { key: 'occurred_at', header: 'occurredAt' },
  { key: 'action', header: 'action' },
  { key: 'outcome', header: 'outcome' },
  { key: 'actor_user_id', header: 'actorUserId' },
  { key: 'actor_api_key_id', header: 'actorApiKeyId' },
  { key: 'actor_cooperative_id', header: 'actorCooperativeId' },
  { key: 'actor_role', header: 'actorRole' },
  { key: 'subject_ref', header: 'subjectRef' },
  { key: 'purpose', header: 'purpose' },
  { key: 'consent_id', header: 'consentId' },
  { key: 'request_id', header: 'requestId' },
  { key: 'ip', header: 'ip' },
];
