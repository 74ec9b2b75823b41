import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { UnitOfWork } from '../../../common/database/unit-of-work';
import { keepJobsScheduled, onReconnect } from '../../../common/jobs/enqueue';
import { JOB_SCHEDULES, QueueName, SWEEP_IDLE_MS } from '../../../common/jobs/queues';
import { SubmissionQueue } from './submission-queue';
import { SubmissionsRepository } from '../submissions.repository';

/** Finds accepted files whose ingest job was lost (Redis down at upload, Redis flushed) and enqueues them again. */
@Injectable()
export class SubmissionSweeper implements OnApplicationBootstrap {
  private readonly logger = new Logger(SubmissionSweeper.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly submissions: SubmissionsRepository,
    private readonly queue: SubmissionQueue,
    @InjectQueue(QueueName.SUBMISSIONS) private readonly bull: Queue,
  ) {}

  onApplicationBootstrap(): void {
    keepJobsScheduled(this.bull, [JOB_SCHEDULES.sweepSubmissions()], this.logger);
    // Redis is back: files accepted while it was away (or whose jobs an emptied Redis lost) are enqueued at once
    // rather than after SWEEP_IDLE_MS. A job still there absorbs the repeat (job id = submission id).
    onReconnect(
      this.bull,
      () => this.sweep(0),
      (err: unknown) => this.logger.warn({ err }, 'sweep of unfinished CSV submissions failed'),
    );
  }

  async sweep(idleMs = SWEEP_IDLE_MS): Promise<number> {
    const stale = await this.submissions.findUnfinished(this.uow.manager, new Date(Date.now() - idleMs), 500);
    for (const s of stale) await this.requeue(s.id, s.requestId ?? undefined);
    if (stale.length > 0) this.logger.log({ count: stale.length }, 're-enqueued unfinished CSV submissions');
    return stale.length;
  }

  // An unfinished file whose job ended (it failed for good but marking the submission FAILED failed too, e.g. with
  // Postgres down) would swallow a plain add for as long as the ended job is kept: retry or replace it instead.
  private async requeue(submissionId: string, requestId?: string): Promise<void> {
    const state = await this.bull.getJobState(submissionId);
    if (state === 'failed') {
      await (await Job.fromId(this.bull, submissionId))?.retry('failed');
      return;
    }
    if (state === 'completed') await (await Job.fromId(this.bull, submissionId))?.remove();
    await this.queue.enqueueIngest(submissionId, requestId);
  }
}
