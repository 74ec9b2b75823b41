import type { JobsOptions } from 'bullmq';

export enum QueueName {
  SUBMISSIONS = 'submissions',
  RISK = 'risk',
  AUDIT = 'audit',
  RETENTION = 'retention',
}

export enum JobName {
  INGEST_CSV = 'ingest-csv',
  SWEEP_SUBMISSIONS = 'sweep-submissions',
  RECALCULATE_BORROWER = 'recalculate-borrower',
  SWEEP_RISK_MARKERS = 'sweep-risk-markers',
  REFRESH_PROFILES = 'refresh-profiles',
  SEAL_AUDIT_EVENTS = 'seal-audit-events',
  PURGE_EXPIRED_RECORDS = 'purge-expired-records',
}

export interface JobPayloads {
  /** requestId: the upload's, so the worker's log lines for the file carry it. */
  [JobName.INGEST_CSV]: { submissionId: string; requestId?: string };
  [JobName.SWEEP_SUBMISSIONS]: Record<string, never>;
  [JobName.RECALCULATE_BORROWER]: { borrowerKey: string; submissionId?: string; requestId?: string };
  [JobName.SWEEP_RISK_MARKERS]: Record<string, never>;
  [JobName.REFRESH_PROFILES]: { reason: string };
  [JobName.SEAL_AUDIT_EVENTS]: Record<string, never>;
  [JobName.PURGE_EXPIRED_RECORDS]: Record<string, never>;
}

export const INGEST_ATTEMPTS = 5;
/**
 * A file's worker holds the job's lock for this long, renewing it at half; a killed worker's job is handed back
 * once the lock lapses and the next stalled check runs (BullMQ's defaults, 30 s each, left files idle for a minute).
 */
export const INGEST_LOCK_MS = 15_000;
export const INGEST_STALLED_CHECK_MS = 5_000;
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

export const RECALC_ATTEMPTS = 8;
export const RECALC_BACKOFF_MS = 2_000;
/** Jobs added per Redis round trip when a submission marks many borrowers. */
export const RECALC_ENQUEUE_BATCH = 1_000;
/** The daily re-ageing of time-window flags, just after midnight in Jakarta: profiles are dated by the WIB calendar. */
export const REFRESH_PROFILES_CRON = '10 0 * * *';
export const REFRESH_PROFILES_TZ = 'Asia/Jakarta';

export const RECALC_JOB_OPTIONS: JobsOptions = {
  attempts: RECALC_ATTEMPTS,
  backoff: { type: 'exponential', delay: RECALC_BACKOFF_MS },
  // Removed at once: a kept completed job would swallow the next add with the same borrower key as its id.
  removeOnComplete: true,
  // Kept a week so failures stay visible; the sweeper retries a failed job whose marker is still there.
  removeOnFail: { age: 7 * 24 * 3600 },
};

export const REFRESH_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 60_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 100 },
  removeOnFail: { age: 30 * 24 * 3600 },
};
