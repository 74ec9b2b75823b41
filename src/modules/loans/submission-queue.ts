import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { withTimeout } from '../../common/jobs/enqueue';
import { INGEST_JOB_OPTIONS, JobName, QueueName } from '../../common/jobs/queues';

/** Producer side. Enqueueing never fails a request: the submission row is the durable record, the sweeper the net. */
@Injectable()
export class SubmissionQueue {
  private readonly logger = new Logger(SubmissionQueue.name);

  constructor(@InjectQueue(QueueName.SUBMISSIONS) private readonly queue: Queue) {}

  async enqueueIngest(submissionId: string): Promise<boolean> {
    try {
      // jobId = submission id: a repeat (retry, sweeper) collapses into the job already there.
      await withTimeout(this.queue.add(JobName.INGEST_CSV, { submissionId }, { ...INGEST_JOB_OPTIONS, jobId: submissionId }));
      return true;
    } catch (err) {
      this.logger.warn({ err, submissionId }, 'ingest job not enqueued; the sweeper will enqueue it');
      return false;
    }
  }
}
