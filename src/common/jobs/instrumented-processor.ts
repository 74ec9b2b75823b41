import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobInstrumentation } from './job-instrumentation';
import { JobName, JobPayloads } from './queues';

/** A processor's handlers, one per job name it consumes; the worker's boot check counts them (job-handler-check.ts). */
export type JobHandlers = { [N in JobName]?: (job: Job<JobPayloads[N], unknown, N>) => Promise<unknown> };

/**
 * A queue's processor with the worker events every queue handles alike: connection errors logged (a Redis outage
 * surfaces here and BullMQ reconnects by itself; unlistened, the event would be an unhandled error), completions and
 * failures counted. A processor lists its jobs in `handlers`; one with more to do on a failure overrides
 * `afterFailure`.
 */
export abstract class InstrumentedProcessor extends WorkerHost {
  protected readonly logger = new Logger(this.constructor.name);

  /** The jobs this processor consumes, by name: what `handle` dispatches on. */
  abstract readonly handlers: JobHandlers;

  constructor(protected readonly jobs: JobInstrumentation) {
    super();
  }

  /** Runs the job's handler; a job this processor does not list fails. */
  protected handle(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as JobName] as ((job: Job) => Promise<unknown>) | undefined;
    if (!handler) return Promise.reject(new Error(`unknown job ${job.name}`));
    return handler(job);
  }

  /** Called after a failed attempt is counted and logged; `final` when no retry is left. */
  protected afterFailure(_job: Job, _err: Error, _final: boolean): Promise<void> | void {}

  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.warn({ err, queue: this.worker.name }, 'queue worker connection error');
  }

  @OnWorkerEvent('completed')
  onCompleted(job: Job): void {
    this.jobs.completed(job);
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, err: Error): Promise<void> {
    if (job) await this.afterFailure(job, err, this.jobs.failed(job, err));
  }
}
