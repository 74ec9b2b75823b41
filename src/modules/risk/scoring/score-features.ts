import { LoanHistory } from '../risk-input';

/*
 * The numbers the score reads about one borrower. Training (scripts/fit-score.ts) and the service both call
 * extractScoreFeatures, so the two cannot drift apart.
 *
 * The window is the WINDOW_MONTHS months ending at the latest period any of the borrower's loans reports; month 0 is
 * that latest month. Several loans are folded into one monthly series: the worst days past due, and the sums of
 * outstanding, paid amounts and credit limits of the loans reporting that month. NaN means "not known" (no payment
 * amounts reported, no limit, no balance to relate a payment to); the model gives an unknown value the average effect.
 */

export const WINDOW_MONTHS = 6;

export interface ScoreFeatures {
  /** Delinquency level (0 current, 1 = 1-30 days past due, 2 = 31-60, ...) of month 0. */
  latestLevel: number;
  /** Delinquency level of month 1 (0 when not reported). */
  previousLevel: number;
  /** Worst delinquency level of months 2-5. */
  olderWorstLevel: number;
  /** Months of the window with any days past due. */
  monthsDelinquent: number;
  /** latestLevel, unless month 0's payments are known to have covered month 1's balance (then 0). */
  latestLevelUnpaid: number;
  /** Outstanding / credit limit in month 0. */
  utilisation: number;
  /** Paid in month 0 / outstanding of month 1 (the statement it pays); 1 when month 1 had no balance. */
  paymentRatio: number;
  /** Months (of 0-4) with a balance the month before and no payment at all. */
  monthsNothingPaid: number;
  /** Months with neither a balance nor a payment: the facility sat unused. */
  monthsInactive: number;
  /** Change of the balance from month 5 (or the oldest reported month) to month 0, relative to the credit limit. */
  balanceChange: number;
  /** Outstanding in month 0. */
  outstanding: number;
  /** Paid in month 0. */
  latestPaid: number;
  /** Paid in month 1. */
  previousPaid: number;
  /** Sum of the credit limits of the loans reporting month 0. */
  creditLimit: number;
}

export type ScoreFeatureName = keyof ScoreFeatures;

/** Features whose value can change when only days past due change; the model may only let them raise risk. */
export const DELINQUENCY_FEATURES: readonly ScoreFeatureName[] = [
  'latestLevel',
  'previousLevel',
  'olderWorstLevel',
  'monthsDelinquent',
  'latestLevelUnpaid',
];

/** 0 when current, else the number of started 30-day blocks past due: monotone in days past due. */
export const delinquencyLevel = (daysPastDue: number): number => (daysPastDue > 0 ? Math.ceil(daysPastDue / 30) : 0);

// 'YYYY-MM' to a month number without allocating (this runs for every borrower on every rescore).
const monthNumber = (period: string): number =>
  (period.charCodeAt(0) - 48) * 12000 +
  (period.charCodeAt(1) - 48) * 1200 +
  (period.charCodeAt(2) - 48) * 120 +
  (period.charCodeAt(3) - 48) * 12 +
  (period.charCodeAt(5) - 48) * 10 +
  (period.charCodeAt(6) - 48) -
  1;

const ratio = (numerator: number, denominator: number): number =>
  denominator > 0 ? numerator / denominator : Number.NaN;

export function extractScoreFeatures(loans: readonly LoanHistory[]): ScoreFeatures {
  let latest = -1;
  for (const loan of loans) {
    for (const record of loan.records) latest = Math.max(latest, monthNumber(record.period));
  }

  const reported = new Array<boolean>(WINDOW_MONTHS).fill(false);
  const level = new Array<number>(WINDOW_MONTHS).fill(0);
  const outstanding = new Array<number>(WINDOW_MONTHS).fill(0);
  const paid = new Array<number>(WINDOW_MONTHS).fill(0);
  const paidKnown = new Array<boolean>(WINDOW_MONTHS).fill(false);
  const limit = new Array<number>(WINDOW_MONTHS).fill(0);

  for (const loan of loans) {
    let seen = 0; // bit per window month: a loan counts once a month even if a period were sent twice
    for (const record of loan.records) {
      const month = latest - monthNumber(record.period);
      // Written as a positive test so a malformed period (NaN) is skipped too.
      if (!(month >= 0 && month < WINDOW_MONTHS) || seen & (1 << month)) continue;
      seen |= 1 << month;
      reported[month] = true;
      level[month] = Math.max(level[month], delinquencyLevel(record.daysPastDue));
      outstanding[month] += Math.max(0, record.outstanding);
      limit[month] += Math.max(0, loan.creditLimit);
      if (record.paidAmount !== null) {
        paid[month] += Math.max(0, record.paidAmount);
        paidKnown[month] = true;
      }
    }
  }

  let monthsDelinquent = 0;
  let olderWorstLevel = 0;
  let inactive = 0;
  let oldest = 0;
  for (let m = 0; m < WINDOW_MONTHS; m++) {
    if (!reported[m]) continue;
    oldest = m;
    if (level[m] > 0) monthsDelinquent++;
    if (m >= 2) olderWorstLevel = Math.max(olderWorstLevel, level[m]);
    if (outstanding[m] === 0 && paidKnown[m] && paid[m] === 0) inactive++;
  }

  // A payment in month m settles the statement of month m + 1.
  let nothingPaid = 0;
  for (let m = 0; m < WINDOW_MONTHS - 1; m++) {
    if (paidKnown[m] && reported[m + 1] && outstanding[m + 1] > 0 && paid[m] === 0) nothingPaid++;
  }
  const anyPaymentsKnown = paidKnown.some(Boolean);
  const latestPaymentKnown = paidKnown[0] && reported[1];
  const coveredLatest = latestPaymentKnown && paid[0] >= outstanding[1];

  return {
    latestLevel: level[0],
    previousLevel: level[1],
    olderWorstLevel,
    monthsDelinquent,
    latestLevelUnpaid: coveredLatest ? 0 : level[0],
    utilisation: ratio(outstanding[0], limit[0]),
    paymentRatio: !latestPaymentKnown ? Number.NaN : outstanding[1] > 0 ? paid[0] / outstanding[1] : 1,
    monthsNothingPaid: anyPaymentsKnown ? nothingPaid : Number.NaN,
    monthsInactive: anyPaymentsKnown ? inactive : Number.NaN,
    balanceChange: ratio(outstanding[0] - outstanding[oldest], limit[0]),
    outstanding: latest < 0 ? Number.NaN : outstanding[0],
    latestPaid: paidKnown[0] ? paid[0] : Number.NaN,
    previousPaid: paidKnown[1] ? paid[1] : Number.NaN,
    creditLimit: latest < 0 ? Number.NaN : limit[0],
  };
}
