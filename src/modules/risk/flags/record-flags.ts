import { isActiveLoan } from '../periods';
import { BorrowerRiskInput, LoanCondition, LoanHistory, MonthlyRecord } from '../risk-input';
import { dayNumber, isWithinMonths } from './calendar';
import { FlagThresholds, StoredFlag } from './flag-definitions';
import * as messages from './flag-messages';
import { sortFlags } from './flag-order';

/*
 * Record flags, as of one date. "Latest record" is records[0] (newest first, as BorrowerRiskInput promises), whatever
 * its period. Month windows count calendar months back from asOf's month (see calendar.ts); records after asOf's
 * month fall outside every window.
 */

// Active is periods.ts's isActiveLoan: the latest record is 00 (active) or 13 (blocked: frozen but still owed, so
// still exposure). A loan without records is not active.
const LOSS_CONDITIONS: ReadonlySet<LoanCondition> = new Set<LoanCondition>(['03', '04']);
const LOSS_COLLECTIBILITY = 5; // Macet
// Stacking looks at disbursements in the 24 months of history the exchange holds.
const STACKING_LOOKBACK_MONTHS = 24;

type Check = (input: BorrowerRiskInput, asOf: Date, t: FlagThresholds) => StoredFlag | null;

const activeLoans = (input: BorrowerRiskInput): LoanHistory[] => input.loans.filter(isActiveLoan);

const distinctCoops = (loans: { cooperativeId: string }[]): string[] =>
  [...new Set(loans.map((loan) => loan.cooperativeId))].sort();

const recordsWithin = (input: BorrowerRiskInput, asOf: Date, months: number): MonthlyRecord[] =>
  input.loans.flatMap((loan) => loan.records.filter((record) => isWithinMonths(record.period, asOf, months)));

const delinquentElsewhere: Check = (input, _asOf, t) => {
  const late = activeLoans(input).filter((loan) => loan.records[0].daysPastDue > t.delinquentDaysPastDue);
  if (late.length === 0) return null;
  return { ...messages.delinquentElsewhere(t.delinquentDaysPastDue), cooperativeIds: distinctCoops(late) };
};

const severeDelinquency: Check = (input, asOf, t) =>
  recordsWithin(input, asOf, t.severeWindowMonths).some((record) => record.collectibility >= t.severeCollectibility)
    ? messages.severeDelinquency(t.severeCollectibility, t.severeWindowMonths)
    : null;

const writtenOff: Check = (input, asOf, t) =>
  recordsWithin(input, asOf, t.writtenOffWindowMonths).some(
    (record) => LOSS_CONDITIONS.has(record.condition) || record.collectibility >= LOSS_COLLECTIBILITY,
  )
    ? messages.writtenOff(t.writtenOffWindowMonths)
    : null;

const multipleLenders: Check = (input, _asOf, t) => {
  const coops = distinctCoops(activeLoans(input));
  return coops.length >= t.multipleLendersMinCoops ? messages.multipleLenders(coops.length) : null;
};

// Any condition counts: a loan repaid soon after still shows borrowing from several lenders at once. The flag needs
// loans at stackingMinCoops distinct coops whose disbursement dates are at most stackingWindowDays apart.
const loanStacking: Check = (input, asOf, t) => {
  const disbursed = input.loans
    .filter((loan) => isWithinMonths(loan.disbursedAt.slice(0, 7), asOf, STACKING_LOOKBACK_MONTHS))
    .map((loan) => ({ day: dayNumber(loan.disbursedAt), cooperativeId: loan.cooperativeId }))
    .sort((a, b) => a.day - b.day);
  const most = Math.max(
    0,
    ...disbursed.map(
      (first, i) =>
        distinctCoops(disbursed.slice(i).filter((loan) => loan.day - first.day <= t.stackingWindowDays)).length,
    ),
  );
  return most >= t.stackingMinCoops ? messages.loanStacking(most, t.stackingWindowDays) : null;
};

// restructureCount is cumulative per loan, so a restructure happened in a record's month when the count rose from the
// loan's previous reported record. Across a reporting gap the rise is dated to the later record. The oldest record we
// hold is compared with 0: a loan first reported inside the window already restructured is flagged, because we
// cannot show the restructure was older.
const restructuredWithin = (loan: LoanHistory, asOf: Date, months: number): boolean =>
  loan.records.some(
    (record, i) =>
      isWithinMonths(record.period, asOf, months) &&
      record.restructureCount > (loan.records[i + 1]?.restructureCount ?? 0),
  );

const restructured: Check = (input, asOf, t) =>
  input.loans.some((loan) => restructuredWithin(loan, asOf, t.restructuredWindowMonths))
    ? messages.restructured(t.restructuredWindowMonths)
    : null;

const highIndebtedness: Check = (input, _asOf, t) => {
  const total = activeLoans(input).reduce((sum, loan) => sum + loan.records[0].outstanding, 0);
  return total > t.highIndebtednessRupiah ? messages.highIndebtedness(t.highIndebtednessRupiah) : null;
};

// Only a conflict between two coops counts; one coop reporting two versions is its own correction history.
const identityMismatch: Check = (input) => {
  const ids = input.identities;
  const conflict = ids.some((a, i) =>
    ids
      .slice(i + 1)
      .some(
        (b) =>
          a.cooperativeId !== b.cooperativeId && (a.nameHash !== b.nameHash || a.birthDateHash !== b.birthDateHash),
      ),
  );
  return conflict ? messages.identityMismatch() : null;
};

// Distinct periods over all loans: two loans reported in the same month are one month of history.
const thinFile: Check = (input, _asOf, t) => {
  const periods = new Set(input.loans.flatMap((loan) => loan.records.map((record) => record.period)));
  return periods.size < t.thinFileMinMonths ? messages.thinFile(t.thinFileMinMonths) : null;
};

const disputedRecord: Check = (input) => {
  const disputed = new Set(input.disputedLoanIds);
  return input.loans.some((loan) => disputed.has(loan.loanId)) ? messages.disputedRecord() : null;
};

const CHECKS: readonly Check[] = [
  delinquentElsewhere,
  severeDelinquency,
  writtenOff,
  multipleLenders,
  loanStacking,
  restructured,
  highIndebtedness,
  identityMismatch,
  thinFile,
  disputedRecord,
];

/** Flags from the borrower's records and identities as of asOf, sorted by sortFlags. Viewer-independent. */
export function evaluateRecordFlags(input: BorrowerRiskInput, asOf: Date, t: FlagThresholds): StoredFlag[] {
  return sortFlags(CHECKS.map((check) => check(input, asOf, t)).filter((flag): flag is StoredFlag => flag !== null));
}
