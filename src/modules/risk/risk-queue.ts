import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { UnitOfWork } from '../../common/database/unit-of-work';
import { withTimeout } from '../../common/jobs/enqueue';
import { JobName, QueueName, RECALC_ENQUEUE_BATCH, RECALC_JOB_OPTIONS } from '../../common/jobs/queues';
import { RiskRepository } from './risk.repository';

/**
 * Producer of recalculation jobs: one per borrower, the borrower key as job id, so that repeats collapse into the
 * job already waiting. Never fails the caller: the marker rows are the durable record, the sweeper the net.
 */
@Injectable()
export class RiskQueue {
  private readonly logger = new Logger(RiskQueue.name);

  constructor(
    @InjectQueue(QueueName.RISK) private readonly queue: Queue,
    private readonly uow: UnitOfWork,
    private readonly repository: RiskRepository,
  ) {}

  /** After a submission commits: a job for each borrower it marked. Returns how many were enqueued. */
  async enqueueSubmission(submissionId: string, requestId?: string): Promise<number> {
    let after = '';
    let count = 0;
    try {
      for (;;) {
        const keys = await this.repository.findMarkedBySubmission(
          this.uow.manager,
          submissionId,
          after,
          RECALC_ENQUEUE_BATCH,
        );
        if (keys.length === 0) break;
        await this.enqueue(keys, { submissionId, requestId });
        count += keys.length;
        after = keys[keys.length - 1];
      }
    } catch (err) {
      this.logger.warn({ err, submissionId, enqueued: count }, 'recalculation jobs not all enqueued; the sweeper will');
    }
    return count;
  }

  async enqueue(keys: string[], context: { submissionId?: string; requestId?: string } = {}): Promise<void> {
    await withTimeout(
      this.queue.addBulk(
        keys.map((borrowerKey) => ({
          name: JobName.RECALCULATE_BORROWER,
          data: { borrowerKey, ...context },
          opts: { ...RECALC_JOB_OPTIONS, jobId: borrowerKey },
        })),
      ),
    );
  }
}
