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
  /** details.reason of a DENIED or FAILED event, when it is a code. */
  reason: string | null;
  actor_user_name: string | null;
  actor_user_email: string | null;
  actor_api_key_name: string | null;
  actor_cooperative_name: string | null;
}

export class AuditActorResponse {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) userId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) apiKeyId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) cooperativeId: string | null;
  @ApiProperty({ nullable: true, type: String }) role: string | null;
  // Read from users, api_keys and cooperatives when the log is read; null once the user or key is gone.
  @ApiProperty({ nullable: true, type: String, description: "The user's name, when the actor is a user" })
  userName: string | null;
  @ApiProperty({ nullable: true, type: String, description: "The user's email, when the actor is a user" })
  userEmail: string | null;
  @ApiProperty({ nullable: true, type: String, description: "The API key's name, when the actor is a key" })
  apiKeyName: string | null;
  @ApiProperty({ nullable: true, type: String }) cooperativeName: string | null;
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
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'CONSENT.MISSING',
    description:
      'Why a DENIED or FAILED event was refused or failed, as the code its writer recorded (an error code such as ' +
      'CONSENT.MISSING or COOPERATIVE.QUOTA_EXCEEDED; INVALID_CREDENTIALS or THROTTLED for sign-ins); null for an ' +
      'ALLOWED event and where none was recorded',
  })
  reason: string | null;
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
    userName: r.actor_user_name,
    userEmail: r.actor_user_email,
    apiKeyName: r.actor_api_key_name,
    cooperativeName: r.actor_cooperative_name,
  },
  subjectRef: r.subject_ref,
  purpose: r.purpose,
  consentId: r.consent_id,
  requestId: r.request_id,
  ip: r.ip,
  reason: r.reason,
});

/** The default export's columns: the list fields, flattened, in the same order, the later additions at the end. */
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
  { key: 'actor_user_name', header: 'actorUserName' },
  { key: 'actor_user_email', header: 'actorUserEmail' },
  { key: 'actor_api_key_name', header: 'actorApiKeyName' },
  { key: 'actor_cooperative_name', header: 'actorCooperativeName' },
  { key: 'reason', header: 'reason' },
];
