import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobName, JobPayloads, QueueName } from '../../common/jobs/queues';
import { RiskRecalculationService } from './risk-recalculation.service';
import { RiskSweeper } from './risk-sweeper';

// Each job is a short transaction; several at once keep Postgres busy while one waits on the network.
@Processor(QueueName.RISK, { concurrency: 8 })
export class RiskProcessor extends WorkerHost {
  private readonly logger = new Logger(RiskProcessor.name);

  constructor(
    private readonly recalculation: RiskRecalculationService,
    private readonly sweeper: RiskSweeper,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JobName.RECALCULATE_BORROWER:
        return this.handleRecalculate(job.data as JobPayloads[JobName.RECALCULATE_BORROWER]);
      case JobName.SWEEP_RISK_MARKERS:
        return this.sweeper.sweep();
      case JobName.REFRESH_PROFILES:
        return this.recalculation.refreshProfiles({ onBatch: (progress) => job.updateProgress({ ...progress }) });
      default:
        throw new Error(`unknown job ${job.name}`);
    }
  }

  private handleRecalculate({ borrowerKey }: JobPayloads[JobName.RECALCULATE_BORROWER]): Promise<boolean> {
    return this.recalculation.recalculateBorrower(borrowerKey);
  }

  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.warn({ err }, 'risk queue worker connection error');
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, err: Error): void {
    if (!job) return;
    const { submissionId, requestId } = (job.data ?? {}) as { submissionId?: string; requestId?: string };
    this.logger.error({ err, jobId: job.id, job: job.name, attempts: job.attemptsMade, submissionId, requestId }, 'risk job failed');
  }
}
