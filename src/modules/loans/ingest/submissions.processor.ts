import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { UnitOfWork } from '../../../common/database/unit-of-work';
import { INGEST_LOCK_MS, INGEST_STALLED_CHECK_MS, JobName, JobPayloads, QueueName } from '../../../common/jobs/queues';
import { InstrumentedProcessor, JobHandlers } from '../../../common/jobs/instrumented-processor';
import { JobInstrumentation } from '../../../common/jobs/job-instrumentation';
import { Metrics } from '../../metrics/metrics';
import { CsvIngestService } from './csv-ingest.service';
import { SubmissionSweeper } from './submission-sweeper';
import { SubmissionStatus } from '../entities/submission.entity';
import { SubmissionsRepository } from '../submissions.repository';

// One file at a time per worker process: each holds a transaction and a COPY stream.
@Processor(QueueName.SUBMISSIONS, {
  concurrency: 1,
  lockDuration: INGEST_LOCK_MS,
  stalledInterval: INGEST_STALLED_CHECK_MS,
})
export class SubmissionsProcessor extends InstrumentedProcessor {
  constructor(
    private readonly ingest: CsvIngestService,
    private readonly sweeper: SubmissionSweeper,
    jobs: JobInstrumentation,
    private readonly metrics: Metrics,
    private readonly uow: UnitOfWork,
    private readonly submissions: SubmissionsRepository,
  ) {
    super(jobs);
  }

  readonly handlers: JobHandlers = {
    [JobName.INGEST_CSV]: (job) => this.ingest.ingest(job.data.submissionId),
    [JobName.SWEEP_SUBMISSIONS]: () => this.sweeper.sweep(),
  };

  async process(job: Job): Promise<unknown> {
    if (!this.handlers[job.name as JobName]) throw new Error(`unknown job ${job.name}`);
    // A file's log lines carry its upload's request id.
    const known =
      job.name === JobName.INGEST_CSV
        ? { requestId: await this.requestIdOf(job.data as JobPayloads[JobName.INGEST_CSV]) }
        : {};
    return this.jobs.run(job, () => this.handle(job), known);
  }

  /** The upload's request id: in the payload, or (a job enqueued by the sweeper or before it was) on the submission. */
  private async requestIdOf({ submissionId, requestId }: JobPayloads[JobName.INGEST_CSV]): Promise<string | undefined> {
    if (requestId) return requestId;
    const submission = await this.submissions.findById(this.uow.manager, submissionId).catch(() => null);
    return submission?.requestId ?? undefined;
  }

  /** A file whose last attempt failed is marked FAILED, so its submitter sees the end. */
  protected override async afterFailure(job: Job, err: Error, final: boolean): Promise<void> {
    if (job.name !== JobName.INGEST_CSV || !final) return;
    // Called from a worker event: a rejection here would be unhandled and end the worker.
    await this.ingest
      .markFailed((job.data as JobPayloads[JobName.INGEST_CSV]).submissionId, err.message)
      .then((marked) => marked && this.metrics.submissionFinished('CSV', SubmissionStatus.FAILED))
      .catch((markErr: Error) =>
        this.logger.error({ err: markErr, jobId: job.id }, 'could not mark submission FAILED'),
      );
  }
}
