import type { JobsOptions, RepeatOptions } from 'bullmq';

/**
 * The jobs registry: every queue and job name, each job's queue and payload type, the job options, and the
 * schedules of the repeatable jobs. Producers, processors and schedulers take their names and options from here;
 * the worker's boot check (job-handler-check.ts) refuses to start unless each job here has exactly one handler.
 */

export enum QueueName {
  SUBMISSIONS = 'submissions',
  RISK = 'risk',
  AUDIT = 'audit',
  RETENTION = 'retention',
  /** Early warning: raising alerts and the monitoring sweep. */
  MONITORING = 'monitoring',
  /** Webhook deliveries only: a slow or dead endpoint waits here, never in front of anything else. */
  WEBHOOKS = 'webhooks',
}

export enum JobName {
  INGEST_CSV = 'ingest-csv',
  SWEEP_SUBMISSIONS = 'sweep-submissions',
  RECALCULATE_BORROWER = 'recalculate-borrower',
  SWEEP_RISK_MARKERS = 'sweep-risk-markers',
  REFRESH_PROFILES = 'refresh-profiles',
  SEAL_AUDIT_EVENTS = 'seal-audit-events',
  PURGE_EXPIRED_RECORDS = 'purge-expired-records',
  RAISE_ALERTS = 'raise-alerts',
  SWEEP_MONITORING = 'sweep-monitoring',
  DELIVER_WEBHOOK = 'deliver-webhook',
}

/** The queue each job is added to and consumed from. */
export const JOB_QUEUE: Readonly<Record<JobName, QueueName>> = {
  [JobName.INGEST_CSV]: QueueName.SUBMISSIONS,
  [JobName.SWEEP_SUBMISSIONS]: QueueName.SUBMISSIONS,
  [JobName.RECALCULATE_BORROWER]: QueueName.RISK,
  [JobName.SWEEP_RISK_MARKERS]: QueueName.RISK,
  [JobName.REFRESH_PROFILES]: QueueName.RISK,
  [JobName.SEAL_AUDIT_EVENTS]: QueueName.AUDIT,
  [JobName.PURGE_EXPIRED_RECORDS]: QueueName.RETENTION,
  [JobName.RAISE_ALERTS]: QueueName.MONITORING,
  [JobName.SWEEP_MONITORING]: QueueName.MONITORING,
  [JobName.DELIVER_WEBHOOK]: QueueName.WEBHOOKS,
};

export interface JobPayloads {
  /** requestId: the upload's, so the worker's log lines for the file carry it. */
  [JobName.INGEST_CSV]: { submissionId: string; requestId?: string };
  [JobName.SWEEP_SUBMISSIONS]: Record<string, never>;
  [JobName.RECALCULATE_BORROWER]: { borrowerKey: string; submissionId?: string; requestId?: string };
  [JobName.SWEEP_RISK_MARKERS]: Record<string, never>;
  [JobName.REFRESH_PROFILES]: { reason: string };
  [JobName.SEAL_AUDIT_EVENTS]: Record<string, never>;
  [JobName.PURGE_EXPIRED_RECORDS]: Record<string, never>;
  /** A nudge: raise every alert still to raise (submissions and queries marked in Postgres); no payload needed. */
  [JobName.RAISE_ALERTS]: { requestId?: string };
  [JobName.SWEEP_MONITORING]: Record<string, never>;
  /** The delivery row is the durable record; the job only carries out the sending. */
  [JobName.DELIVER_WEBHOOK]: { deliveryId: string };
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

/** A missed seal run is harmless (the next one seals more), so runs are neither retried nor kept. */
export const SEAL_JOB_OPTIONS: JobsOptions = { removeOnComplete: true, removeOnFail: { age: 24 * 3600, count: 100 } };

/** The daily purge, at night in Jakarta, away from the 00:10 profile refresh and the coops' working hours. */
export const PURGE_CRON = '30 2 * * *';
export const PURGE_TZ = 'Asia/Jakarta';

export const PURGE_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 10 * 60_000 },
  removeOnComplete: { age: 30 * 24 * 3600, count: 60 },
  removeOnFail: { age: 90 * 24 * 3600 },
};

/** One raise job waiting at a time (its id), however many submissions and queries nudge it. */
export const RAISE_ALERTS_JOB_ID = 'raise-alerts';
export const RAISE_ALERTS_JOB_OPTIONS: JobsOptions = {
  jobId: RAISE_ALERTS_JOB_ID,
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  // Removed at once, so the next nudge can add the id again.
  removeOnComplete: true,
  removeOnFail: { age: 24 * 3600, count: 100 },
};
export const SWEEP_MONITORING_JOB_OPTIONS: JobsOptions = {
  removeOnComplete: true,
  removeOnFail: { age: 24 * 3600, count: 100 },
};

/** Webhook retries: from the first delay (WEBHOOK_RETRY_BASE_MS, 10 s) doubling, capped at 360 times it (1 h). */
export const WEBHOOK_RETRY_BASE_MS = 10_000;
export const WEBHOOK_RETRY_CAP_FACTOR = 360;
/** API.md: a failing endpoint is retried for at least 24 hours. */
export const WEBHOOK_RETRY_SPAN_MS = 24 * 3600_000;
/** The backoff type of DELIVER_WEBHOOK jobs: BullMQ calls the worker's backoffStrategy for it. */
export const WEBHOOK_BACKOFF_TYPE = 'webhook';

/** The wait after the n-th failed attempt (attemptsMade, from 1). */
export function webhookRetryDelayMs(attemptsMade: number, baseMs = WEBHOOK_RETRY_BASE_MS): number {
  const cap = baseMs * WEBHOOK_RETRY_CAP_FACTOR;
  return Math.min(cap, baseMs * 2 ** Math.min(Math.max(attemptsMade - 1, 0), 30));
}

/** The fewest attempts whose waits add up to the span: the last attempt is at least 24 h after the first. */
export function webhookAttemptsFor(spanMs = WEBHOOK_RETRY_SPAN_MS, baseMs = WEBHOOK_RETRY_BASE_MS): number {
  let waited = 0;
  let attempts = 1;
  while (waited < spanMs) waited += webhookRetryDelayMs(attempts++, baseMs);
  return attempts;
}

/** 33: a shorter WEBHOOK_RETRY_BASE_MS (tests) shrinks every wait alike, the count stays. */
export const WEBHOOK_ATTEMPTS = webhookAttemptsFor();

/** Job options of one delivery; jobId (the delivery id) and the backoff's base delay are the producer's. */
export const WEBHOOK_JOB_OPTIONS: JobsOptions = {
  attempts: WEBHOOK_ATTEMPTS,
  backoff: { type: WEBHOOK_BACKOFF_TYPE, delay: WEBHOOK_RETRY_BASE_MS },
  // Removed at once: the row is the record, and a kept completed job would swallow a re-add of its id.
  removeOnComplete: true,
  // Kept: the sweep retries a failed job whose row is still PENDING (a worker killed on its last attempt).
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** A repeatable job: what `upsertSchedule` (enqueue.ts) hands to BullMQ's job scheduler. */
export interface JobSchedule<N extends JobName = JobName> {
  /** The scheduler's id in Redis: the same id at every start replaces the schedule rather than adding one. */
  schedulerId: string;
  name: N;
  repeat: RepeatOptions;
  data: JobPayloads[N];
  opts?: JobsOptions;
}

/** Every repeatable job. An interval that comes from config is the one argument. */
export const JOB_SCHEDULES = {
  sweepSubmissions: (): JobSchedule<JobName.SWEEP_SUBMISSIONS> => ({
    schedulerId: 'sweep-submissions',
    name: JobName.SWEEP_SUBMISSIONS,
    repeat: { every: SWEEP_EVERY_MS },
    data: {},
  }),
  sweepRiskMarkers: (everyMs: number): JobSchedule<JobName.SWEEP_RISK_MARKERS> => ({
    schedulerId: 'sweep-risk-markers',
    name: JobName.SWEEP_RISK_MARKERS,
    repeat: { every: everyMs },
    data: {},
  }),
  refreshProfilesDaily: (): JobSchedule<JobName.REFRESH_PROFILES> => ({
    schedulerId: 'refresh-profiles-daily',
    name: JobName.REFRESH_PROFILES,
    repeat: { pattern: REFRESH_PROFILES_CRON, tz: REFRESH_PROFILES_TZ },
    data: { reason: 'daily' },
    opts: REFRESH_JOB_OPTIONS,
  }),
  sealAuditEvents: (everyMs: number): JobSchedule<JobName.SEAL_AUDIT_EVENTS> => ({
    schedulerId: 'seal-audit-events',
    name: JobName.SEAL_AUDIT_EVENTS,
    repeat: { every: everyMs },
    data: {},
    opts: SEAL_JOB_OPTIONS,
  }),
  sweepMonitoring: (everyMs: number): JobSchedule<JobName.SWEEP_MONITORING> => ({
    schedulerId: 'sweep-monitoring',
    name: JobName.SWEEP_MONITORING,
    repeat: { every: everyMs },
    data: {},
    opts: SWEEP_MONITORING_JOB_OPTIONS,
  }),
  purgeExpiredRecordsDaily: (): JobSchedule<JobName.PURGE_EXPIRED_RECORDS> => ({
    schedulerId: 'purge-expired-records-daily',
    name: JobName.PURGE_EXPIRED_RECORDS,
    repeat: { pattern: PURGE_CRON, tz: PURGE_TZ },
    data: {},
    opts: PURGE_JOB_OPTIONS,
  }),
} as const;
