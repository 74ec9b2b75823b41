import { monthsBefore, periodOf, wibDay } from '../risk/periods';

/** Monthly records end with the loan's closing: 02 paid off, 03 written off, 04 claim waived, 12 paid with discount. */
export const CLOSED_CONDITIONS = ['02', '03', '04', '12'] as const;

/**
 * The first period whose closed loans are kept: the current month (WIB calendar, as profiles count) minus the
 * retention years. A loan that closed in an earlier period closed more than that many years ago.
 */
export function retentionCutoff(now: Date, years: number): string {
  return monthsBefore(periodOf(wibDay(now)), years * 12);
}
