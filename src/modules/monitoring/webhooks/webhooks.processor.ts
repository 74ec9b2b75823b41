import { Processor } from '@nestjs/bullmq';
import { Job, MinimalJob } from 'bullmq';
import { JobName, QueueName, WEBHOOK_BACKOFF_TYPE, webhookRetryDelayMs } from '../../../common/jobs/queues';
import { InstrumentedProcessor, JobHandlers } from '../../../common/jobs/instrumented-processor';
import { JobInstrumentation } from '../../../common/jobs/job-instrumentation';
import { WebhookDeliverer } from './webhook-deliverer';

/** The webhook backoff: the base delay travels in the job's own options (the producer's config). */
export function webhookBackoff(attemptsMade: number, type?: string, _err?: Error, job?: MinimalJob): number {
  const backoff = job?.opts.backoff;
  const base = typeof backoff === 'object' && backoff.delay ? backoff.delay : undefined;
  return type === WEBHOOK_BACKOFF_TYPE ? webhookRetryDelayMs(attemptsMade, base) : 0;
}

// Many at once: each waits on a remote endpoint (up to WEBHOOK_TIMEOUT_MS), not on this machine; the queue is the
// webhooks' own, so a dead endpoint holds at most its own slots, never another queue's work.
@Processor(QueueName.WEBHOOKS, { concurrency: 32, settings: { backoffStrategy: webhookBackoff } })
export class WebhooksProcessor extends InstrumentedProcessor {
  constructor(
    private readonly deliverer: WebhookDeliverer,
    jobs: JobInstrumentation,
  ) {
    super(jobs);
  }

  readonly handlers: JobHandlers = {
    [JobName.DELIVER_WEBHOOK]: (job) => this.deliverer.deliver(job.data.deliveryId, job.attemptsMade + 1),
  };

  process(job: Job): Promise<unknown> {
    return this.jobs.run(job, () => this.handle(job));
  }
}
