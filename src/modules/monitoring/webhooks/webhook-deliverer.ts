import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '../../../common/database/unit-of-work';
import { WEBHOOK_ATTEMPTS, webhookRetryDelayMs } from '../../../common/jobs/queues';
import { AppConfig } from '../../../config/app-config';
import { Metrics } from '../../metrics/metrics';
import { toAlertView } from '../alerts/alert-view';
import { DeliveryStatus } from '../monitoring-types';
import { WebhookSecretCipher } from './webhook-secret-cipher';
import { WebhookSender } from './webhook-sender';
import { deliveredStatus, webhookSignature } from './webhook-signature';
import { WEBHOOK_DELETED_ERROR, WebhooksRepository } from './webhooks.repository';

export const WEBHOOK_USER_AGENT = 'KCX-Webhooks/1.0';

export const UNREADABLE_SECRET_ERROR =
  'the signing secret cannot be read (server secret changed): re-create the webhook';

/** A failed attempt: thrown so BullMQ retries the job after the webhook backoff. */
export class WebhookAttemptFailed extends Error {}

@Injectable()
export class WebhookDeliverer {
  private readonly logger = new Logger(WebhookDeliverer.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly webhooks: WebhooksRepository,
    private readonly cipher: WebhookSecretCipher,
    private readonly sender: WebhookSender,
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  /** One attempt of one delivery: POST the signed alert; throws to have BullMQ retry with backoff. */
  async deliver(deliveryId: string, attempt: number): Promise<void> {
    const delivery = await this.webhooks.findToSend(this.uow.manager, deliveryId);
    // Gone, or already DELIVERED / FAILED (a redelivered job): nothing is sent again.
    if (!delivery || delivery.status !== DeliveryStatus.PENDING) return;
    if (delivery.webhookDeletedAt) {
      await this.webhooks.cancel(this.uow.manager, deliveryId, WEBHOOK_DELETED_ERROR);
      return;
    }
    // The row counts too: a job added again by the sweep starts BullMQ's count from 1.
    const attempts = Math.max(attempt, delivery.attempts + 1);
    const secret = this.openSecret(delivery.secretSealed);
    if (secret === null) {
      // Sealed under another key (API_KEY_HASH_SECRET changed): no retry can sign it; the log says why.
      await this.webhooks.markFailedAttempt(this.uow.manager, deliveryId, {
        attempts,
        statusCode: null,
        error: UNREADABLE_SECRET_ERROR,
        nextAttemptAt: null,
        final: true,
      });
      this.metrics.webhookAttempted('FAILED');
      this.logger.warn({ deliveryId }, 'webhook secret unreadable; delete and re-create the webhook');
      return;
    }
    const view = toAlertView(delivery.alert);
    const body = JSON.stringify(view);
    const headers = {
      'Content-Type': 'application/json',
      'User-Agent': WEBHOOK_USER_AGENT,
      'X-KCX-Delivery': deliveryId,
      'X-KCX-Event': view.type,
      'X-KCX-Signature': webhookSignature(secret, body),
    };
    const { webhookTimeoutMs, webhookRetryBaseMs } = this.config.monitoring;
    const result = await this.sender.post(
      delivery.url,
      body,
      headers,
      webhookTimeoutMs,
      this.config.env === 'production',
    );
    if (result.statusCode !== null && deliveredStatus(result.statusCode)) {
      if (await this.webhooks.markDelivered(this.uow.manager, deliveryId, attempts, result.statusCode)) {
        this.metrics.webhookAttempted('DELIVERED', (Date.now() - delivery.alert.raised_at.getTime()) / 1000);
      }
      return;
    }
    const final = attempts >= WEBHOOK_ATTEMPTS;
    const error = result.error ?? 'failed';
    await this.webhooks.markFailedAttempt(this.uow.manager, deliveryId, {
      attempts,
      statusCode: result.statusCode,
      error,
      nextAttemptAt: final ? null : new Date(Date.now() + webhookRetryDelayMs(attempts, webhookRetryBaseMs)),
      final,
    });
    this.metrics.webhookAttempted(final ? 'FAILED' : 'RETRY');
    if (final) {
      this.logger.warn({ deliveryId, attempts, statusCode: result.statusCode }, 'webhook delivery failed for good');
      return;
    }
    throw new WebhookAttemptFailed(`webhook attempt ${attempts} failed: ${error}`);
  }

  private openSecret(sealed: Buffer): string | null {
    try {
      return this.cipher.open(sealed);
    } catch {
      return null;
    }
  }
}
