import { monthsBefore, periodOf } from '../periods';

/*
 * Calendar arithmetic for the flag windows. asOf is read on its UTC calendar, as periods.ts does: pass wibDay(now)
 * for the WIB month. A window of N months is asOf's month and the N - 1 months before it; later periods are outside.
 */

const DAY_MS = 86_400_000;

export function isWithinMonths(period: string, asOf: Date, windowMonths: number): boolean {
  if (windowMonths <= 0) return false;
  const last = periodOf(asOf);
  return period <= last && period >= monthsBefore(last, windowMonths - 1);
}

/** Days since the epoch of a 'YYYY-MM-DD' date, so dates compare and subtract as whole days. */
export function dayNumber(isoDate: string): number {
  const [year, month, day] = isoDate.split('-').map(Number);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** The instant `days` whole days before `now`. */
export const daysBefore = (now: Date, days: number): Date => new Date(now.getTime() - days * DAY_MS);
