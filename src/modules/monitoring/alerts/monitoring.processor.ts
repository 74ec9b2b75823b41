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
    [JobName.SWEEP_MONITORING]: () => this.sweep(),
  };

  /** Each step runs even if one before it failed (a stuck delivery must not wait on a raise); a failure fails the run. */
  private async sweep(): Promise<Record<string, number>> {
    const steps: [string, () => Promise<number>][] = [
      ['ended', () => this.enrollments.endLapsed(new Date())],
      ['raised', () => this.raiser.raisePending()],
      ['requeued', () => this.deliveries.requeueStuck()],
    ];
    const done: Record<string, number> = {};
    const failures: unknown[] = [];
    for (const [name, step] of steps) {
      try {
        done[name] = await step();
      } catch (err) {
        failures.push(err);
      }
    }
    if (failures.length > 0) throw new AggregateError(failures, `monitoring sweep: ${failures.length} step(s) failed`);
    return done;
  }

  process(job: Job): Promise<unknown> {
    return this.jobs.run(job, () => this.handle(job));
  }
}
