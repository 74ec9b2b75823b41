import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobName, QueueName } from '../../../common/jobs/queues';
import { InstrumentedProcessor, JobHandlers } from '../../../common/jobs/instrumented-processor';
import { JobInstrumentation } from '../../../common/jobs/job-instrumentation';
import { EnrollmentsService } from '../enrollments/enrollments.service';
import { WebhookDeliveryQueue } from '../webhooks/webhook-delivery-queue';
import { AlertRaiser } from './alert-raiser';

// One raise at a time per worker: batches are claimed with SKIP LOCKED, so two workers share the work.
@Processor(QueueName.MONITORING, { concurrency: 1 })
export class MonitoringProcessor extends InstrumentedProcessor {
  constructor(
    private readonly raiser: AlertRaiser,
    private readonly enrollments: EnrollmentsService,
    private readonly deliveries: WebhookDeliveryQueue,
    jobs: JobInstrumentation,
  ) {
    super(jobs);
  }

  readonly handlers: JobHandlers = {
    [JobName.RAISE_ALERTS]: () => this.raiser.raisePending(),
    [JobName.SWEEP_MONITORING]: async () => ({
      ended: await this.enrollments.endLapsed(new Date()),
      raised: await this.raiser.raisePending(),
      requeued: await this.deliveries.requeueStuck(),
    }),
  };

  process(job: Job): Promise<unknown> {
    return this.jobs.run(job, () => this.handle(job));
  }
}
