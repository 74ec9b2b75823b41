import type { LoanHistory } from './risk-input';

const WIB_OFFSET_MS = 7 * 3600_000;

/** The WIB (UTC+7) calendar day of an instant, as a Date at 00:00 UTC of that day: risk windows count in WIB. */
export function wibDay(now: Date): Date {
  const shifted = new Date(now.getTime() + WIB_OFFSET_MS);
  return new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate()));
}

/** YYYY-MM-DD of a day produced by wibDay. */
export const isoDay = (day: Date): string => day.toISOString().slice(0, 10);

/** The YYYY-MM period of a Date's UTC calendar (use with wibDay for the WIB month). */
export const periodOf = (day: Date): string => day.toISOString().slice(0, 7);

/** The period n months before `period` (n may be negative). */
export function monthsBefore(period: string, n: number): string {
  const index = Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1 - n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Active: the latest report says the loan is running (00) or blocked (13); 02, 03, 04 and 12 close it. */
export function isActiveLoan(loan: Pick<LoanHistory, 'records'>): boolean {
  const latest = loan.records[0];
  return latest !== undefined && (latest.condition === '00' || latest.condition === '13');
}
