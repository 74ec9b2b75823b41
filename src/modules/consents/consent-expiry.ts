import { ConsentPurpose } from './consent-purpose';

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_VALIDITY_DAYS: Record<ConsentPurpose, number> = {
  [ConsentPurpose.NEW_APPLICATION]: 30,
  [ConsentPurpose.MONITORING]: 365,
};
/**
 * The furthest expiry a consent may be given (README): NEW_APPLICATION's 30 days may only be shortened; MONITORING
 * runs at most a calendar year, 366 days when it spans a 29 February.
 */
export const MAX_VALIDITY_DAYS: Record<ConsentPurpose, number> = {
  [ConsentPurpose.NEW_APPLICATION]: 30,
  [ConsentPurpose.MONITORING]: 366,
};
/** A client's clock may run a little ahead of ours: its "now + 30 days" is not refused for a few seconds' skew. */
export const CLOCK_SKEW_MS = 60_000;

const LIMIT_WORDS: Record<ConsentPurpose, string> = {
  [ConsentPurpose.NEW_APPLICATION]: 'a NEW_APPLICATION consent may be at most 30 days ahead',
  [ConsentPurpose.MONITORING]: 'a MONITORING consent may be at most one year ahead',
};

/** The expiry to store, or an error message for the expiresAt field. */
export function resolveExpiry(purpose: ConsentPurpose, requested: string | undefined, now: Date): Date | string {
  if (requested === undefined) return new Date(now.getTime() + DEFAULT_VALIDITY_DAYS[purpose] * DAY_MS);
  const at = new Date(requested);
  if (Number.isNaN(at.getTime())) return 'expiresAt must be an ISO-8601 timestamp';
  if (at.getTime() <= now.getTime()) return 'expiresAt must be in the future';
  if (at.getTime() > now.getTime() + MAX_VALIDITY_DAYS[purpose] * DAY_MS + CLOCK_SKEW_MS)
    return `expiresAt: ${LIMIT_WORDS[purpose]}`;
  return at;
}
