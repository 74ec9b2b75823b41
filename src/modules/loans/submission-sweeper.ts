import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { UnitOfWork } from '../../common/database/unit-of-work';
import { keepScheduled } from '../../common/jobs/enqueue';
import { JobName, QueueName, SWEEP_EVERY_MS, SWEEP_IDLE_MS } from '../../common/jobs/queues';
import { SubmissionQueue } from './submission-queue';
import { SubmissionsRepository } from './submissions.repository';

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
    keepScheduled(
      this.bull,
      () => this.bull.upsertJobScheduler('sweep-submissions', { every: SWEEP_EVERY_MS }, { name: JobName.SWEEP_SUBMISSIONS, data: {} }),
      this.logger,
    );
  }

  async sweep(idleMs = SWEEP_IDLE_MS): Promise<number> {
    const stale = await this.submissions.findUnfinished(this.uow.manager, new Date(Date.now() - idleMs), 500);
    for (const s of stale) await this.queue.enqueueIngest(s.id);
    if (stale.length > 0) this.logger.log({ count: stale.length }, 're-enqueued unfinished CSV submissions');
    return stale.length;
  }
}
