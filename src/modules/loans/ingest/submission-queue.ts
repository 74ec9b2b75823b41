import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { withTimeout } from '../../../common/jobs/enqueue';
import { INGEST_JOB_OPTIONS, JobName, JobPayloads, QueueName } from '../../../common/jobs/queues';

/** Producer side. Enqueueing never fails a request: the submission row is the durable record, the sweeper the net. */
@Injectable()
export class SubmissionQueue {
  private readonly logger = new Logger(SubmissionQueue.name);

  constructor(@InjectQueue(QueueName.SUBMISSIONS) private readonly queue: Queue) {}

  /** `requestId`: the upload's, carried to the worker for its log lines. */
  async enqueueIngest(submissionId: string, requestId?: string): Promise<boolean> {
    try {
      const payload: JobPayloads[JobName.INGEST_CSV] = requestId ? { submissionId, requestId } : { submissionId };
      // jobId = submission id: a repeat (retry, sweeper) collapses into the job already there.
      await withTimeout(this.queue.add(JobName.INGEST_CSV, payload, { ...INGEST_JOB_OPTIONS, jobId: submissionId }));
      return true;
    } catch (err) {
      this.logger.warn({ err, submissionId }, 'ingest job not enqueued; the sweeper will enqueue it');
      return false;
    }
  }
}
