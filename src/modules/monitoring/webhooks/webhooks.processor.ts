import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobName, QueueName } from '../../../common/jobs/queues';
import { InstrumentedProcessor, JobHandlers } from '../../../common/jobs/instrumented-processor';
import { JobInstrumentation } from '../../../common/jobs/job-instrumentation';
import { WebhookDeliverer } from './webhook-deliverer';

// Many at once: each waits on a remote endpoint (up to WEBHOOK_TIMEOUT_MS), not on this machine.
@Processor(QueueName.WEBHOOKS, { concurrency: 16 })
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
