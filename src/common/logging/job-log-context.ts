import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { propertyOf } from '../errors/caught';
// The AsyncLocalStorage nestjs-pino reads its per-request logger from; not re-exported by the package's index.
import { storage, Store } from 'nestjs-pino/storage';

/** What every log line written while a job runs carries. */
export interface JobLogFields {
  requestId: string;
  jobId: string | undefined;
  queue: string;
  job: string;
  submissionId?: string;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

/**
 * The ids of a job for its log lines: the request that caused it (carried in the payload) and its submission.
 * A job no request caused (a sweep, a schedule) gets one of its own, so its lines still group under a requestId.
 */
export function jobLogFields(job: Job, known: { requestId?: string } = {}): JobLogFields {
  return {
    requestId: known.requestId ?? text(propertyOf(job.data, 'requestId')) ?? `${job.queueName}:${job.id}`,
    jobId: job.id,
    queue: job.queueName,
    job: job.name,
    submissionId: text(propertyOf(job.data, 'submissionId')),
  };
}

/**
 * Runs a job inside a logging context, as nestjs-pino runs a request: every Nest Logger call made while the job
 * runs, in the processor or any service it calls, writes through a child logger bound to the job's ids.
 */
@Injectable()
export class JobLogContext {
  // Jobs can outlive their context (the worker's 'failed' event fires after it); the same Job object comes back.
  private readonly fields = new WeakMap<Job, JobLogFields>();

  constructor(private readonly pino: PinoLogger) {}

  run<T>(job: Job, work: () => Promise<T>, known: { requestId?: string } = {}): Promise<T> {
    const fields = jobLogFields(job, known);
    this.fields.set(job, fields);
    // The root logger, never a request's: a job is its own context even when an in-process worker picks it up.
    const root = storage.exit(() => this.pino.logger);
    return storage.run(new Store(root.child(fields)), work);
  }

  /** The fields a job ran with (after run), else those its payload gives. */
  fieldsOf(job: Job): JobLogFields {
    return this.fields.get(job) ?? jobLogFields(job);
  }
}
