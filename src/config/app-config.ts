/** The risk flags' thresholds (src/modules/risk/flags), set by the RISK_* variables. */
export interface FlagThresholds {
  delinquentDaysPastDue: number;
  severeCollectibility: number;
  severeWindowMonths: number;
  writtenOffWindowMonths: number;
  multipleLendersMinCoops: number;
  stackingWindowDays: number;
  stackingMinCoops: number;
  shoppingMinCoops: number;
  shoppingWindowDays: number;
  restructuredWindowMonths: number;
  highIndebtednessRupiah: number;
  thinFileMinMonths: number;
}

/** The typed, frozen configuration every module receives; built once by loadConfig(). */
export abstract class AppConfig {
  abstract readonly env: 'development' | 'test' | 'production';
  abstract readonly http: {
    readonly port: number;
    readonly host: string;
    readonly bodyLimitBytes: number;
    readonly corsOrigins: readonly string[];
    readonly trustProxy: boolean;
  };
  abstract readonly database: { readonly url: string; readonly poolSize: number };
  abstract readonly redis: { readonly url: string; readonly keyPrefix: string };
  abstract readonly auth: {
    readonly tokenSecret: string;
    readonly tokenTtlSeconds: number;
    readonly apiKeyHashSecret: string;
    readonly bcryptCost: number;
    readonly rateLimitPerMinute: number;
    readonly loginMaxFailuresPerAccount: number;
    readonly loginMaxFailuresPerAddress: number;
    readonly loginFailureWindowSeconds: number;
  };
  abstract readonly borrowers: { readonly nikHashKey: string; readonly nikHashKeyVersion: number };
  abstract readonly worker: { readonly inProcess: boolean };
  abstract readonly risk: {
    readonly thresholds: Readonly<FlagThresholds>;
    readonly sweepEveryMs: number;
    readonly markerGraceMs: number;
  };
  abstract readonly reciprocity: { readonly maxDaysWithoutReport: number; readonly graceDays: number };
  abstract readonly disputes: { readonly dueDays: number };
  abstract readonly retention: { readonly years: number };
  abstract readonly audit: { readonly sealEveryMs: number };
  abstract readonly metrics: { readonly port: number; readonly token: string | null };
  abstract readonly logLevel: string;
  abstract readonly logFile: string | null;
  abstract readonly usage: {
    readonly profileQueriesPerCoopPerHour: number;
    readonly consentsPerCoopPerHour: number;
    readonly spikeFactor: number;
    readonly spikeMinPerHour: number;
  };
  abstract readonly submissions: { readonly maxStoredErrors: number };
  abstract readonly monitoring: {
    readonly sweepEveryMs: number;
    readonly webhookTimeoutMs: number;
    readonly webhookRetryBaseMs: number;
  };
}
