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
// The months of history a profile holds: the current month and the 24 before it (borrower-snapshot's historyStart).
const HISTORY_WINDOW_MONTHS = 25;

type Check = (input: BorrowerRiskInput, asOf: Date, t: FlagThresholds) => StoredFlag | null;

const activeLoans = (input: BorrowerRiskInput): LoanHistory[] => input.loans.filter(isActiveLoan);

const distinctCoops = (loans: { cooperativeId: string }[]): string[] =>
  [...new Set(loans.map((loan) => loan.cooperativeId))].sort();

/** The loans with a record in the month window that matches; the flag names them (loanIds), in input order. */
const loansWithRecordWithin = (
  input: BorrowerRiskInput,
  asOf: Date,
  months: number,
  matches: (record: MonthlyRecord) => boolean,
): LoanHistory[] =>
  input.loans.filter((loan) =>
    loan.records.some((record) => isWithinMonths(record.period, asOf, months) && matches(record)),
  );

const idsOf = (loans: LoanHistory[]): string[] => loans.map((loan) => loan.loanId);

const delinquentElsewhere: Check = (input, _asOf, t) => {
  const late = activeLoans(input).filter((loan) => loan.records[0].daysPastDue > t.delinquentDaysPastDue);
  if (late.length === 0) return null;
  return {
    ...messages.delinquentElsewhere(t.delinquentDaysPastDue),
    cooperativeIds: distinctCoops(late),
    loanIds: idsOf(late),
  };
};

const severeDelinquency: Check = (input, asOf, t) => {
  const loans = loansWithRecordWithin(
    input,
    asOf,
    t.severeWindowMonths,
    (record) => record.collectibility >= t.severeCollectibility,
  );
  if (loans.length === 0) return null;
  return { ...messages.severeDelinquency(t.severeCollectibility, t.severeWindowMonths), loanIds: idsOf(loans) };
};

const writtenOff: Check = (input, asOf, t) => {
  const loans = loansWithRecordWithin(
    input,
    asOf,
    t.writtenOffWindowMonths,
    (record) => LOSS_CONDITIONS.has(record.condition) || record.collectibility >= LOSS_COLLECTIBILITY,
  );
  if (loans.length === 0) return null;
  return { ...messages.writtenOff(t.writtenOffWindowMonths), loanIds: idsOf(loans) };
};

const multipleLenders: Check = (input, _asOf, t) => {
  const coops = distinctCoops(activeLoans(input));
  return coops.length >= t.multipleLendersMinCoops ? messages.multipleLenders(coops.length) : null;
};

// "New loans from 2 coops in the last 90 days", as the officer reads it: loans disbursed in [asOf -
// stackingWindowDays, asOf], both ends included, at stackingMinCoops distinct coops or more. Anchored to asOf, so a
// pair of loans taken close together long ago does not stand as recent borrowing (rule set 1 looked for any two
// disbursements within the window of each other in 24 months). Any condition counts: a loan repaid soon after still
// shows borrowing from several lenders at once.
const loanStacking: Check = (input, asOf, t) => {
  const today = dayNumber(asOf.toISOString().slice(0, 10));
  const recent = input.loans.filter((loan) => {
    const day = dayNumber(loan.disbursedAt);
    return day <= today && today - day <= t.stackingWindowDays;
  });
  const coops = distinctCoops(recent).length;
  if (coops < t.stackingMinCoops) return null;
  return {
    ...messages.loanStacking(coops, t.stackingWindowDays),
    loanIds: idsOf([...recent].sort((a, b) => a.disbursedAt.localeCompare(b.disbursedAt))),
  };
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

const restructured: Check = (input, asOf, t) => {
  const loans = input.loans.filter((loan) => restructuredWithin(loan, asOf, t.restructuredWindowMonths));
  if (loans.length === 0) return null;
  return { ...messages.restructured(t.restructuredWindowMonths), loanIds: idsOf(loans) };
};

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

// Distinct periods over all loans: two loans reported in the same month are one month of history. Only months up to
// asOf's, within the history a profile holds, count: a report dated after asOf is not history yet.
const thinFile: Check = (input, asOf, t) => {
  const periods = new Set(
    input.loans.flatMap((loan) =>
      loan.records
        .filter((record) => isWithinMonths(record.period, asOf, HISTORY_WINDOW_MONTHS))
        .map((record) => record.period),
    ),
  );
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
