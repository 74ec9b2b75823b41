export enum UsageMeasure {
  PROFILE_QUERIES = 'PROFILE_QUERIES',
  CONSENTS = 'CONSENTS',
}

export enum AnomalyKind {
  /** A coop's profile queries this hour far above its own hourly baseline. */
  PROFILE_QUERY_SPIKE = 'PROFILE_QUERY_SPIKE',
  /** A coop's consents this hour far above its own hourly baseline. */
  CONSENT_SPIKE = 'CONSENT_SPIKE',
  /** Many consents by one credential in minutes whose references differ only by a trailing number (FAKE-0...99). */
  CONSENT_REFERENCE_BURST = 'CONSENT_REFERENCE_BURST',
}

export const SPIKE_KIND: Record<UsageMeasure, AnomalyKind> = {
  [UsageMeasure.PROFILE_QUERIES]: AnomalyKind.PROFILE_QUERY_SPIKE,
  [UsageMeasure.CONSENTS]: AnomalyKind.CONSENT_SPIKE,
};

const HOUR_MS = 3_600_000;

/** Days of history the hourly baseline is the mean of (over the hours the coop was active at all). */
export const BASELINE_DAYS = 28;
/**
 * A reference burst: at least this many consents by one credential within BURST_WINDOW_MINUTES whose references share
 * one stem. A loan officer collects a signed form per applicant met; 20 in 10 minutes is a batch typed from a list.
 */
export const BURST_MIN_CONSENTS = 20;
export const BURST_WINDOW_MINUTES = 10;

/** The clock hour (UTC) holding `at`: quotas and spikes are counted per clock hour. */
export function hourWindow(at: Date): { start: Date; end: Date } {
  const start = Math.floor(at.getTime() / HOUR_MS) * HOUR_MS;
  return { start: new Date(start), end: new Date(start + HOUR_MS) };
}

/** Whole seconds until the next clock hour, at least 1: the Retry-After of a refused quota. */
export const secondsToNextHour = (at: Date): number =>
  Math.max(1, Math.ceil((hourWindow(at).end.getTime() - at.getTime()) / 1000));

/**
 * The part of a reference before its trailing number (`FAKE-17` -> `FAKE-`, `FORM-PK-2026-000123` -> `FORM-PK-2026-`),
 * compared without case and surrounding space; null when the reference does not end in a digit. Legitimate form
 * numbers share stems too: only a burst of them is a signal.
 */
export function referenceStem(reference: string): string | null {
  const m = /^(.*?)(\d+)$/.exec(reference.trim().toUpperCase());
  return m ? m[1] : null;
}

/**
 * A spike: `observed` this hour is at least `minPerHour` and more than `factor` times the coop's own hourly baseline.
 * A coop without history (baseline 0) is measured against `minPerHour` alone. factor <= 0 or minPerHour <= 0: off.
 */
export function isSpike(observed: number, baseline: number, factor: number, minPerHour: number): boolean {
  if (factor <= 0 || minPerHour <= 0) return false;
  return observed >= minPerHour && observed > factor * baseline;
}
