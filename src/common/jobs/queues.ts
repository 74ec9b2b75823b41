import type { JobsOptions } from 'bullmq';

export enum QueueName {
  SUBMISSIONS = 'submissions',
}

export enum JobName {
  INGEST_CSV = 'ingest-csv',
  SWEEP_SUBMISSIONS = 'sweep-submissions',
}

export interface JobPayloads {
  [JobName.INGEST_CSV]: { submissionId: string };
  [JobName.SWEEP_SUBMISSIONS]: Record<string, never>;
}

export const INGEST_ATTEMPTS = 5;
export const INGEST_BACKOFF_MS = 10_000;
/** How often the sweeper looks for accepted files whose job was lost (Redis outage, crash). */
export const SWEEP_EVERY_MS = 60_000;
/** A queued or processing file untouched this long gets its job again; jobId dedupe makes that harmless. */
export const SWEEP_IDLE_MS = 2 * 60_000;

export const INGEST_JOB_OPTIONS: JobsOptions = {
  attempts: INGEST_ATTEMPTS,
  backoff: { type: 'exponential', delay: INGEST_BACKOFF_MS },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};
