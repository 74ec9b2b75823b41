import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { UnitOfWork } from '../../../common/database/unit-of-work';
import { withTimeout } from '../../../common/jobs/enqueue';
import { JobName, QueueName, WEBHOOK_BACKOFF_TYPE, WEBHOOK_JOB_OPTIONS } from '../../../common/jobs/queues';
import { AppConfig } from '../../../config/app-config';
import { WebhooksRepository } from './webhooks.repository';

/** A delivery this long PENDING without a job is stuck (its job lost with Redis, or never added). */
export const STUCK_AFTER_MS = 60_000;
const SWEEP_LIMIT = 1_000;

/** Producer of DELIVER_WEBHOOK jobs (job id = delivery id). Never fails the caller: the delivery rows are durable. */
@Injectable()
export class WebhookDeliveryQueue {
  private readonly logger = new Logger(WebhookDeliveryQueue.name);

  constructor(
    @InjectQueue(QueueName.WEBHOOKS) private readonly queue: Queue,
    private readonly uow: UnitOfWork,
    private readonly webhooks: WebhooksRepository,
    private readonly config: AppConfig,
  ) {}

  /** After the alerts' transaction committed: a job per new delivery. */
  async enqueue(deliveryIds: string[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    const opts = {
      ...WEBHOOK_JOB_OPTIONS,
      backoff: { type: WEBHOOK_BACKOFF_TYPE, delay: this.config.monitoring.webhookRetryBaseMs },
    };
    try {
      await withTimeout(
        this.queue.addBulk(
          deliveryIds.map((id) => ({
            name: JobName.DELIVER_WEBHOOK,
            data: { deliveryId: id },
            opts: { ...opts, jobId: id },
          })),
        ),
      );
    } catch (err) {
      this.logger.warn({ err, deliveries: deliveryIds.length }, 'webhook deliveries not enqueued; the sweep will');
    }
  }

  /** The net: PENDING deliveries whose job is gone (Redis outage, crash) get it again. Returns how many. */
  async requeueStuck(stuckAfterMs = STUCK_AFTER_MS): Promise<number> {
    const ids = await this.webhooks.findPendingBefore(
      this.uow.manager,
      new Date(Date.now() - stuckAfterMs),
      SWEEP_LIMIT,
    );
    if (ids.length === 0) return 0;
    const states = await Promise.all(ids.map((id) => this.queue.getJobState(id)));
    const missing = ids.filter((_, i) => states[i] === 'unknown' || states[i] === 'completed');
    const failed = ids.filter((_, i) => states[i] === 'failed');
    const completed = ids.filter((_, i) => states[i] === 'completed');
    // A completed job kept under the id would swallow the add.
    for (const id of completed) await (await Job.fromId(this.queue, id))?.remove();
    for (const id of failed) await (await Job.fromId(this.queue, id))?.retry('failed');
    if (missing.length > 0) await this.enqueue(missing);
    this.logger.log(
      { pending: ids.length, enqueued: missing.length, retried: failed.length },
      'webhook deliveries swept',
    );
    return missing.length + failed.length;
  }
}
