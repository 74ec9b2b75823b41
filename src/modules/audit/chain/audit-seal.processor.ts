import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobName, QueueName } from '../../../common/jobs/queues';
import { JobInstrumentation } from '../../metrics/job-instrumentation';
import { AuditSealer } from './audit-sealer';

// One at a time: the sealer is serial by nature (an advisory lock keeps other workers' runs out too).
@Processor(QueueName.AUDIT, { concurrency: 1 })
export class AuditSealProcessor extends WorkerHost {
  private readonly logger = new Logger(AuditSealProcessor.name);

  constructor(
    private readonly sealer: AuditSealer,
    private readonly jobs: JobInstrumentation,
  ) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return this.jobs.run(job, () => this.handle(job));
  }

  private async handle(job: Job): Promise<unknown> {
    switch (job.name) {
      case JobName.SEAL_AUDIT_EVENTS:
        return this.sealer.handleScheduledRun();
      default:
        throw new Error(`unknown job ${job.name}`);
    }
  }

  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.warn({ err }, 'audit queue worker connection error');
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
