import { ApiProperty } from '@nestjs/swagger';
import { AnomalyRow } from './usage.repository';
import { AnomalyKind } from './usage-rules';

class AnomalyCooperative {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

class AnomalyCredential {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) userId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) apiKeyId: string | null;
}

export class UsageAnomalyResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: AnomalyCooperative }) cooperative: AnomalyCooperative;
  @ApiProperty({ enum: AnomalyKind }) kind: AnomalyKind;
  @ApiProperty({ description: 'Start of the counted window: the clock hour of a spike, the first consent of a burst' })
  windowStart: string;
  @ApiProperty() windowEnd: string;
  @ApiProperty({ description: 'Events counted in the window (latest count)' }) observed: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: "Spikes: the coop's mean per active hour over the last 28 days",
  })
  baseline: number | null;
  @ApiProperty({ description: 'The count that raised the signal' }) threshold: number;
  @ApiProperty({
    type: AnomalyCredential,
    nullable: true,
    description: 'Bursts: the user or API key that recorded them',
  })
  credential: AnomalyCredential | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'FAKE-#',
    description: "Bursts: the references' shared stem, '#' for the number",
  })
  referencePattern: string | null;
  @ApiProperty() detectedAt: string;
  @ApiProperty() lastSeenAt: string;
}

export class UsageAnomalyPage {
  @ApiProperty({ type: [UsageAnomalyResponse] }) items: UsageAnomalyResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export const toUsageAnomalyResponse = (r: AnomalyRow): UsageAnomalyResponse => ({
  id: r.id,
  cooperative: { id: r.cooperativeId, name: r.cooperativeName },
  kind: r.kind,
  windowStart: r.windowStart.toISOString(),
  windowEnd: r.windowEnd.toISOString(),
  observed: r.observed,
  baseline: r.baseline === null ? null : Number(r.baseline),
  threshold: r.threshold,
  credential: r.actorUserId || r.actorApiKeyId ? { userId: r.actorUserId, apiKeyId: r.actorApiKeyId } : null,
  referencePattern: r.referencePattern,
  detectedAt: r.detectedAt.toISOString(),
  lastSeenAt: r.lastSeenAt.toISOString(),
});
