import { ConsentPurpose } from './consent-purpose';

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_VALIDITY_DAYS: Record<ConsentPurpose, number> = {
  [ConsentPurpose.NEW_APPLICATION]: 30,
  [ConsentPurpose.MONITORING]: 365,
};
export const MAX_VALIDITY_DAYS = 366;

/** The expiry to store, or an error message for the expiresAt field. */
export function resolveExpiry(purpose: ConsentPurpose, requested: string | undefined, now: Date): Date | string {
  if (requested === undefined) return new Date(now.getTime() + DEFAULT_VALIDITY_DAYS[purpose] * DAY_MS);
  const at = new Date(requested);
  if (Number.isNaN(at.getTime())) return 'expiresAt must be an ISO-8601 timestamp';
  if (at.getTime() <= now.getTime()) return 'expiresAt must be in the future';
  if (at.getTime() > now.getTime() + MAX_VALIDITY_DAYS * DAY_MS) return 'expiresAt may be at most one year ahead';
  return at;
}
