import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { performance } from 'node:perf_hooks';
import { JobLogContext } from '../logging/job-log-context';
import { JobMetrics } from './job-metrics';
import { JobName } from './queues';

/** Jobs that run by the thousand or every few seconds: their completion is logged at debug, not info. */
const FREQUENT_JOBS = new Set<string>([
  JobName.RECALCULATE_BORROWER,
  JobName.SWEEP_SUBMISSIONS,
  JobName.SWEEP_RISK_MARKERS,
  JobName.SEAL_AUDIT_EVENTS,
]);

/**
 * What every processor does around its jobs: run each inside a log context bound to the job's ids (so every line
 * written while it runs carries the request id), time it, and count completions and failures from the worker's
 * events (they fire once BullMQ has recorded the outcome, stalled jobs included).
 */
@Injectable()
export class JobInstrumentation {
  private readonly logger = new Logger('Jobs');

  constructor(
    private readonly context: JobLogContext,
    private readonly metrics: JobMetrics,
  ) {}

  run<T>(job: Job, work: () => Promise<T>, known: { requestId?: string } = {}): Promise<T> {
    return this.context.run(
      job,
      async () => {
        const started = performance.now();
        try {
          const result = await work();
          const durationMs = Math.round(performance.now() - started);
          if (FREQUENT_JOBS.has(job.name)) this.logger.debug({ durationMs, attempt: job.attemptsMade + 1 }, 'job done');
          else this.logger.log({ durationMs, attempt: job.attemptsMade + 1 }, 'job done');
          return result;
        } finally {
          this.metrics.jobRan(job.queueName, job.name, (performance.now() - started) / 1000);
        }
      },
      known,
    );
  }

  completed(job: Job): void {
    this.metrics.jobCompleted(job.queueName, job.name);
  }

  /** Counts the failed attempt and logs it with the job's ids. Returns whether no retry is left. */
  failed(job: Job, err: Error): boolean {
    const final = job.attemptsMade >= (job.opts.attempts ?? 1);
    this.metrics.jobFailed(job.queueName, job.name, final);
    this.logger.error({ err, ...this.context.fieldsOf(job), attempts: job.attemptsMade, final }, 'job failed');
    return final;
  }
}
