import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { AppConfig } from './app-config';
import { DEV_SECRETS, EnvSchema, SECRET_VARIABLES } from './env.schema';
import { sharedSecretPairs, weakSecretReason } from './secret-strength';

export class ConfigError extends Error {}

function describe(errors: ValidationError[]): string {
  return errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`).join('\n  ');
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) {
    if (inner && typeof inner === 'object') deepFreeze(inner);
  }
  return Object.freeze(value);
}

/** Production needs three strong secrets of its own, all different (and a strong METRICS_TOKEN when one is set). */
function refuseWeakSecrets(defined: Record<string, string | undefined>, nodeEnvUnset: boolean): void {
  const published = Object.values(DEV_SECRETS);
  const problems: string[] = [];
  for (const name of SECRET_VARIABLES) {
    const reason = weakSecretReason(defined[name], published);
    if (reason) problems.push(`${name} ${reason}`);
  }
  if (defined.METRICS_TOKEN !== undefined) {
    const reason = weakSecretReason(defined.METRICS_TOKEN, published);
    if (reason) problems.push(`METRICS_TOKEN ${reason}`);
  }
  const secrets = Object.fromEntries([...SECRET_VARIABLES, 'METRICS_TOKEN'].map((n) => [n, defined[n]]));
  for (const [a, b] of sharedSecretPairs(secrets)) problems.push(`${a} and ${b} must be different secrets`);
  if (problems.length === 0) return;
  const why = nodeEnvUnset
    ? 'NODE_ENV is not set, so production rules apply (set NODE_ENV=development or NODE_ENV=test to run on the development secrets)'
    : 'NODE_ENV=production needs secrets of your own';
  throw new ConfigError(`Invalid configuration: ${why}:\n  ${problems.join('\n  ')}`);
}

/** Validates the environment once; throws a ConfigError naming every bad variable. */
export function loadConfig(raw: NodeJS.ProcessEnv): AppConfig {
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const env = plainToInstance(EnvSchema, defined, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false });
  if (errors.length > 0) throw new ConfigError(`Invalid configuration:\n  ${describe(errors)}`);

  // Development secrets only on request: NODE_ENV unset (as `node dist/src/main.js` leaves it) is production.
  const mode = env.NODE_ENV ?? 'production';
  if (mode === 'production') refuseWeakSecrets(defined, env.NODE_ENV === undefined);

  const config: AppConfig = {
    env: mode,
    http: {
      port: env.PORT,
      host: env.HOST,
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      corsOrigins: env.CORS_ORIGINS.split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      trustProxy: env.TRUST_PROXY,
    },
    database: { url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE },
    redis: { url: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX },
    auth: {
      tokenSecret: env.AUTH_TOKEN_SECRET,
      tokenTtlSeconds: env.AUTH_TOKEN_TTL_SECONDS,
      apiKeyHashSecret: env.API_KEY_HASH_SECRET,
      bcryptCost: env.BCRYPT_COST,
      rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
      loginMaxFailuresPerAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      loginMaxFailuresPerAddress: env.LOGIN_MAX_FAILURES_PER_ADDRESS,
      loginFailureWindowSeconds: env.LOGIN_FAILURE_WINDOW_SECONDS,
    },
    borrowers: { nikHashKey: env.NIK_HASH_KEY, nikHashKeyVersion: env.NIK_HASH_KEY_VERSION },
    worker: { inProcess: env.WORKER_IN_PROCESS },
    risk: {
      thresholds: {
        delinquentDaysPastDue: env.RISK_DELINQUENT_DAYS_PAST_DUE,
        severeCollectibility: env.RISK_SEVERE_COLLECTIBILITY,
        severeWindowMonths: env.RISK_SEVERE_WINDOW_MONTHS,
        writtenOffWindowMonths: env.RISK_WRITTEN_OFF_WINDOW_MONTHS,
        multipleLendersMinCoops: env.RISK_MULTIPLE_LENDERS_MIN_COOPS,
        stackingWindowDays: env.RISK_STACKING_WINDOW_DAYS,
        stackingMinCoops: env.RISK_STACKING_MIN_COOPS,
        shoppingMinCoops: env.RISK_SHOPPING_MIN_COOPS,
        shoppingWindowDays: env.RISK_SHOPPING_WINDOW_DAYS,
        restructuredWindowMonths: env.RISK_RESTRUCTURED_WINDOW_MONTHS,
        highIndebtednessRupiah: env.RISK_HIGH_INDEBTEDNESS_RUPIAH,
        thinFileMinMonths: env.RISK_THIN_FILE_MIN_MONTHS,
      },
      sweepEveryMs: env.RISK_SWEEP_EVERY_MS,
      markerGraceMs: env.RISK_MARKER_GRACE_MS,
    },
    reciprocity: {
      maxDaysWithoutReport: env.RECIPROCITY_MAX_DAYS_WITHOUT_REPORT,
      graceDays: env.RECIPROCITY_GRACE_DAYS,
    },
    disputes: { dueDays: env.DISPUTE_DUE_DAYS },
    retention: { years: env.RETENTION_YEARS },
    audit: { sealEveryMs: env.AUDIT_SEAL_EVERY_MS },
    metrics: { port: env.METRICS_PORT, token: env.METRICS_TOKEN || null },
    logLevel: env.LOG_LEVEL,
    logFile: env.LOG_FILE || null,
    usage: {
      profileQueriesPerCoopPerHour: env.PROFILE_QUERIES_PER_COOP_PER_HOUR,
      consentsPerCoopPerHour: env.CONSENTS_PER_COOP_PER_HOUR,
      spikeFactor: env.QUERY_SPIKE_FACTOR,
      spikeMinPerHour: env.QUERY_SPIKE_MIN_PER_HOUR,
    },
    submissions: { maxStoredErrors: env.SUBMISSION_MAX_STORED_ERRORS },
    monitoring: {
      sweepEveryMs: env.MONITORING_SWEEP_EVERY_MS,
      webhookTimeoutMs: env.WEBHOOK_TIMEOUT_MS,
      webhookRetryBaseMs: env.WEBHOOK_RETRY_BASE_MS,
    },
  };
  return deepFreeze(config);
}
