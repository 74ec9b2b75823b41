import { ApiProperty } from '@nestjs/swagger';
import { AuditVerification } from './audit.service';

export class AuditVerificationResponse {
  @ApiProperty({
    description: 'True when the append-only triggers are in place and every sealed event matches the chain',
  })
  valid: boolean;
  @ApiProperty({ description: 'Sealed events read and compared with their seal' }) checked: number;
  @ApiProperty({ nullable: true, type: String, description: 'The first altered or deleted event, in chain order' })
  firstBrokenId: string | null;
  @ApiProperty({ description: 'Events written but not sealed yet (the sealer runs every few seconds); not a fault' })
  pending: number;
  @ApiProperty({ description: 'Sealed events of archived months, not compared' }) archived: number;
  @ApiProperty({ type: [String] }) problems: string[];
}

export const toAuditVerificationResponse = (v: AuditVerification): AuditVerificationResponse => ({
  valid: v.valid,
  checked: v.checked,
  firstBrokenId: v.firstBrokenId,
  pending: v.pending,
  archived: v.archived,
  problems: v.problems,
});
