import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobName, JobPayloads, QueueName } from '../../common/jobs/queues';
import { CsvIngestService } from './csv-ingest.service';
import { SubmissionSweeper } from './submission-sweeper';

// One file at a time per worker process: each holds a transaction and a COPY stream.
@Processor(QueueName.SUBMISSIONS, { concurrency: 1 })
export class SubmissionsProcessor extends WorkerHost {
  private readonly logger = new Logger(SubmissionsProcessor.name);

  constructor(
    private readonly ingest: CsvIngestService,
    private readonly sweeper: SubmissionSweeper,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JobName.INGEST_CSV:
        return this.handleIngestCsv(job.data as JobPayloads[JobName.INGEST_CSV]);
      case JobName.SWEEP_SUBMISSIONS:
        return this.sweeper.sweep();
      default:
        throw new Error(`unknown job ${job.name}`);
    }
  }

  private handleIngestCsv({ submissionId }: JobPayloads[JobName.INGEST_CSV]): Promise<void> {
    return this.ingest.ingest(submissionId);
  }

  // A Redis outage surfaces here; BullMQ reconnects by itself. Unlistened, the event would be an unhandled error.
  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.warn({ err }, 'queue worker connection error');
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, err: Error): Promise<void> {
    if (!job) return;
    this.logger.error({ err, jobId: job.id, job: job.name, attempts: job.attemptsMade }, 'job failed');
    if (job.name === JobName.INGEST_CSV && job.attemptsMade >= (job.opts.attempts ?? 1)) {
      // Bound to an EventEmitter: a rejection here would be unhandled and end the worker.
      await this.ingest
        .markFailed((job.data as JobPayloads[JobName.INGEST_CSV]).submissionId, err.message)
        .catch((markErr: Error) => this.logger.error({ err: markErr, jobId: job.id }, 'could not mark submission FAILED'));
    }
  }
}
