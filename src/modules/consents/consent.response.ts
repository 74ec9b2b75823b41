import { ApiProperty } from '@nestjs/swagger';
import { ConsentPurpose, ConsentStatus, EvidenceType } from './consent-purpose';
import { ConsentEntity } from './consent.entity';
import { consentStatus } from './consent-rule';

export class ConsentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) cooperativeId: string;
  @ApiProperty({ enum: ConsentPurpose }) purpose: ConsentPurpose;
  @ApiProperty({ enum: ConsentStatus }) status: ConsentStatus;
  // The evidence's reference is stored as proof but never echoed: it is free text the officer typed.
  @ApiProperty({ example: { type: 'SIGNED_FORM' } })
  evidence: { type: EvidenceType };
  @ApiProperty() grantedAt: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
}

export const toConsentResponse = (c: ConsentEntity, now = new Date()): ConsentResponse => ({
  id: c.id,
  cooperativeId: c.cooperativeId,
  purpose: c.purpose,
  status: consentStatus(c, now),
  evidence: { type: c.evidenceType },
  grantedAt: c.grantedAt.toISOString(),
  expiresAt: c.expiresAt.toISOString(),
  revokedAt: c.revokedAt?.toISOString() ?? null,
});
