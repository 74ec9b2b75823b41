import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AlertType, DeliveryStatus } from '../monitoring-types';
import { DeliveryLogRow, WebhookRow } from './webhooks.repository';

export class WebhookResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  url: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class CreatedWebhookResponse extends WebhookResponse {
  @ApiProperty({ description: 'The signing secret (X-KCX-Signature): shown only in this answer', example: 'whsec_…' })
  secret: string;
}

export class WebhookListResponse {
  @ApiProperty({ type: [WebhookResponse] })
  items: WebhookResponse[];

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Always null: a coop has at most 5 webhooks' })
  nextCursor: string | null;
}

export class DeliveryResponse {
  @ApiProperty({ format: 'uuid', description: 'Also the X-KCX-Delivery header of every attempt' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  alertId: string;

  @ApiProperty({ enum: AlertType, description: 'The alert type (X-KCX-Event)' })
  type: AlertType;

  @ApiProperty({ enum: DeliveryStatus })
  status: DeliveryStatus;

  @ApiProperty()
  attempts: number;

  @ApiPropertyOptional({ type: Number, nullable: true })
  lastStatusCode: number | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  lastError: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  lastAttemptAt: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  nextAttemptAt: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  deliveredAt: string | null;
}

export class DeliveryPageResponse {
  @ApiProperty({ type: [DeliveryResponse] })
  items: DeliveryResponse[];

  @ApiPropertyOptional({ type: String, nullable: true })
  nextCursor: string | null;
}

export const toWebhookResponse = (row: WebhookRow): WebhookResponse => ({
  id: row.id,
  url: row.url,
  createdAt: row.createdAt.toISOString(),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toDeliveryResponse = (row: DeliveryLogRow): DeliveryResponse => ({
  id: row.id,
  alertId: row.alertId,
  type: row.type,
  status: row.status,
  attempts: row.attempts,
  lastStatusCode: row.lastStatusCode,
  lastError: row.lastError,
  createdAt: row.createdAt.toISOString(),
  lastAttemptAt: iso(row.lastAttemptAt),
  nextAttemptAt: iso(row.nextAttemptAt),
  deliveredAt: iso(row.deliveredAt),
});
