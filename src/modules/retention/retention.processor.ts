import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobName, QueueName } from '../../common/jobs/queues';
import { JobInstrumentation } from '../metrics/job-instrumentation';
import { PurgeResult, RetentionService } from './retention.service';

// One purge at a time: a second would only skip the rows the first has locked.
@Processor(QueueName.RETENTION, { concurrency: 1 })
export class RetentionProcessor extends WorkerHost {
  private readonly logger = new Logger(RetentionProcessor.name);

  constructor(
    private readonly retention: RetentionService,
    private readonly jobs: JobInstrumentation,
  ) {
    super();
  }

  process(job: Job): Promise<PurgeResult> {
    return this.jobs.run(job, () => this.handle(job));
  }

  private async handle(job: Job): Promise<PurgeResult> {
    switch (job.name) {
      case JobName.PURGE_EXPIRED_RECORDS:
        return this.retention.purgeExpired();
      default:
        throw new Error(`unknown job ${job.name}`);
    }
  }

  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.warn({ err }, 'retention queue worker connection error');
  }

  @OnWorkerEvent('completed')
  onCompleted(job: Job): void {
    this.jobs.completed(job);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, err: Error): void {
    if (job) this.jobs.failed(job, err);
  }
}
