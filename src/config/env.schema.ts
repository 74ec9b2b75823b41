import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength, ValidateIf } from 'class-validator';

// Reads the raw string: implicit conversion would already have turned "false" into true.
const toBool = ({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
  const raw = obj[key];
  return typeof raw === 'string' ? ['1', 'true', 'yes', 'on'].includes(raw.trim().toLowerCase()) : raw;
};

/** Development defaults, used only with NODE_ENV=development or test; elsewhere refused, even changed in case or spacing. */
export const DEV_SECRETS = {
  AUTH_TOKEN_SECRET: 'dev-only-auth-token-secret-change-me-0000000',
  API_KEY_HASH_SECRET: 'dev-only-api-key-hash-secret-change-me-00000',
  NIK_HASH_KEY: 'dev-only-nik-hash-key-change-me-000000000000',
} as const;

// Object.keys answers string[] for any object; DEV_SECRETS is a literal with exactly these keys.
export const SECRET_VARIABLES = Object.keys(DEV_SECRETS) as (keyof typeof DEV_SECRETS)[];

/** Every environment variable the service reads, with its default. */
export class EnvSchema {
  // No default: unset means production (loadConfig), so a forgotten NODE_ENV never runs on the published secrets.
  @IsOptional()
  @IsIn(['development', 'test', 'production'])
  NODE_ENV?: 'development' | 'test' | 'production';

  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '0.0.0.0';

  @IsString()
  @MinLength(1)
  DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/kcx';

  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE: number = 20;

  @IsString()
  @MinLength(1)
  REDIS_URL: string = 'redis://127.0.0.1:6379/0';

  @IsString()
  @MinLength(1)
  REDIS_KEY_PREFIX: string = 'kcx';

  @IsString()
  @MinLength(32)
  AUTH_TOKEN_SECRET: string = DEV_SECRETS.AUTH_TOKEN_SECRET;

  @IsInt()
  @Min(60)
  @Max(86400)
  AUTH_TOKEN_TTL_SECONDS: number = 900;

  @IsString()
  @MinLength(32)
  API_KEY_HASH_SECRET: string = DEV_SECRETS.API_KEY_HASH_SECRET;

  @IsString()
  @MinLength(32)
  NIK_HASH_KEY: string = DEV_SECRETS.NIK_HASH_KEY;

  @IsInt()
  @Min(1)
  @Max(32767)
  NIK_HASH_KEY_VERSION: number = 1;

  @IsInt()
  @Min(4)
  @Max(15)
  BCRYPT_COST: number = 12;

  @IsInt()
  @Min(0)
  RATE_LIMIT_PER_MINUTE: number = 1200;

  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_ACCOUNT: number = 5;

  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_ADDRESS: number = 50;

  @IsInt()
  @Min(1)
  LOGIN_FAILURE_WINDOW_SECONDS: number = 900;

  @Transform(toBool)
  @IsBoolean()
  WORKER_IN_PROCESS: boolean = false;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES: number = 10 * 1024 * 1024;

  @IsOptional()
  @IsString()
  CORS_ORIGINS: string = '';

  @Transform(toBool)
  @IsBoolean()
  TRUST_PROXY: boolean = false;

  // Risk flag thresholds (rule set of src/modules/risk/flags); changing one rescores the network in the background.
  @IsInt()
  @Min(0)
  @Max(9999)
  RISK_DELINQUENT_DAYS_PAST_DUE: number = 30;

  @IsInt()
  @Min(2)
  @Max(5)
  RISK_SEVERE_COLLECTIBILITY: number = 3;

  @IsInt()
  @Min(1)
  @Max(24)
  RISK_SEVERE_WINDOW_MONTHS: number = 12;

  @IsInt()
  @Min(1)
  @Max(24)
  RISK_WRITTEN_OFF_WINDOW_MONTHS: number = 24;

  @IsInt()
  @Min(2)
  @Max(100)
  RISK_MULTIPLE_LENDERS_MIN_COOPS: number = 3;

  @IsInt()
  @Min(1)
  @Max(730)
  RISK_STACKING_WINDOW_DAYS: number = 90;

  @IsInt()
  @Min(2)
  @Max(100)
  RISK_STACKING_MIN_COOPS: number = 2;

  @IsInt()
  @Min(2)
  @Max(100)
  RISK_SHOPPING_MIN_COOPS: number = 3;

  @IsInt()
  @Min(1)
  @Max(90)
  RISK_SHOPPING_WINDOW_DAYS: number = 30;

  @IsInt()
  @Min(1)
  @Max(24)
  RISK_RESTRUCTURED_WINDOW_MONTHS: number = 12;

  @IsInt()
  @Min(0)
  RISK_HIGH_INDEBTEDNESS_RUPIAH: number = 200_000_000;

  @IsInt()
  @Min(0)
  @Max(24)
  RISK_THIN_FILE_MIN_MONTHS: number = 6;

  /** How often the worker looks for borrowers whose recalculation job was lost, and how old a marker must be. */
  @IsInt()
  @Min(200)
  RISK_SWEEP_EVERY_MS: number = 30_000;

  @IsInt()
  @Min(0)
  RISK_MARKER_GRACE_MS: number = 30_000;

  /** Give-to-get: a coop that has reported nothing for longer may not query profiles; new coops get a grace period. */
  @IsInt()
  @Min(1)
  @Max(3650)
  RECIPROCITY_MAX_DAYS_WITHOUT_REPORT: number = 45;

  @IsInt()
  @Min(0)
  @Max(3650)
  RECIPROCITY_GRACE_DAYS: number = 60;

  /** Days a furnishing coop has to resolve a dispute before it shows as overdue. */
  @IsInt()
  @Min(1)
  @Max(365)
  DISPUTE_DUE_DAYS: number = 30;

  /** Years after a loan closed that its monthly records are kept. */
  @IsInt()
  @Min(1)
  @Max(30)
  RETENTION_YEARS: number = 5;

  /** A plain HTTP listener for Prometheus (GET /metrics, no credentials; keep it on the internal network); 0 = none. */
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT: number = 0;

  /** With it, GET /metrics on the API port answers a scraper sending `Authorization: Bearer <token>`. */
  @ValidateIf((env: EnvSchema) => env.METRICS_TOKEN !== '')
  @IsString()
  @MinLength(32)
  METRICS_TOKEN: string = '';

  /** Appends log lines to this file instead of stdout (the test suite captures its logs this way). */
  @IsOptional()
  @IsString()
  LOG_FILE: string = '';

  /** Per-coop ceilings an hour, across all its users and keys; far above a busy branch's day, far below harvesting. */
  @IsInt()
  @Min(0)
  PROFILE_QUERIES_PER_COOP_PER_HOUR: number = 600;

  @IsInt()
  @Min(0)
  CONSENTS_PER_COOP_PER_HOUR: number = 600;

  /** A coop's hour counts as a spike above this multiple of its own hourly baseline (and above the floor). */
  @IsInt()
  @Min(2)
  @Max(1000)
  QUERY_SPIKE_FACTOR: number = 5;

  @IsInt()
  @Min(1)
  QUERY_SPIKE_MIN_PER_HOUR: number = 50;

  /** Rejected rows stored (and answered) per submission; the rest are counted by code. */
  @IsInt()
  @Min(1)
  @Max(100000)
  SUBMISSION_MAX_STORED_ERRORS: number = 1000;

  /** Early warning: how often the worker raises alerts still to raise, ends lapsed enrollments, resends deliveries. */
  @IsInt()
  @Min(200)
  MONITORING_SWEEP_EVERY_MS: number = 10_000;

  /** A webhook endpoint that has not answered in this long counts as failed (API.md: 10 s), and is retried. */
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS: number = 10_000;

  /** The first webhook retry's delay; later ones double up to 360 times it (10 s to 1 h). Tests make it short. */
  @IsInt()
  @Min(1)
  @Max(60_000)
  WEBHOOK_RETRY_BASE_MS: number = 10_000;

  /** How often the worker extends the audit hash chain over new events. */
  @IsInt()
  @Min(200)
  AUDIT_SEAL_EVERY_MS: number = 5_000;
}
