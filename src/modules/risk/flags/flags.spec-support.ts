// Test-input builders for the flag specs; not part of the module's API.
import { monthsBefore } from '../periods';
import { BorrowerRiskInput, Inquiry, LoanHistory, MonthlyRecord, ReportedIdentity } from '../risk-input';
import { DEFAULT_FLAG_THRESHOLDS, FlagCode, FlagThresholds } from './flag-definitions';
import { evaluateRecordFlags } from './record-flags';

/** Evaluation day (WIB day at 00:00 UTC, as wibDay gives it); its month 2026-11 is month 0 of every window. */
export const AS_OF = new Date('2026-11-22T00:00:00Z');

/** The period n calendar months before AS_OF's month. */
export const monthsBack = (n: number): string => monthsBefore('2026-11', n);

export const record = (patch: Partial<MonthlyRecord> = {}): MonthlyRecord => ({
  period: monthsBack(0),
  condition: '00',
  outstanding: 10_000_000,
  arrearsPrincipal: 0,
  arrearsInterest: 0,
  daysPastDue: 0,
  collectibility: 1,
  paidAmount: 500_000,
  restructureCount: 0,
  ...patch,
});

/** `months` consecutive monthly records ending at AS_OF's month, newest first. */
export const history = (months: number, patch: Partial<MonthlyRecord> = {}): MonthlyRecord[] =>
  Array.from({ length: months }, (_, n) => record({ ...patch, period: monthsBack(n) }));

export const loan = (patch: Partial<LoanHistory> = {}): LoanHistory => ({
  loanId: 'loan-1',
  cooperativeId: 'coop-a',
  facilityType: 'INSTALLMENT',
  principal: 20_000_000,
  creditLimit: 20_000_000,
  disbursedAt: '2025-06-10',
  maturityDate: '2027-06-10',
  records: [record()],
  ...patch,
});

/** A loan at `cooperativeId` whose only record is `patch` (this month unless the patch says otherwise). */
export const loanAt = (cooperativeId: string, patch: Partial<MonthlyRecord> = {}): LoanHistory =>
  loan({ loanId: `${cooperativeId}-loan`, cooperativeId, records: [record(patch)] });

export const borrower = (loans: LoanHistory[], patch: Partial<BorrowerRiskInput> = {}): BorrowerRiskInput => ({
  loans,
  identities: [],
  disputedLoanIds: [],
  ...patch,
});

export const identity = (cooperativeId: string, patch: Partial<ReportedIdentity> = {}): ReportedIdentity => ({
  cooperativeId,
  nameHash: 'name-1',
  birthDateHash: 'birth-1',
  ...patch,
});

export const inquiry = (cooperativeId: string, at: Date, purpose = 'NEW_APPLICATION'): Inquiry => ({
  cooperativeId,
  at,
  purpose,
});

export const thresholds = (patch: Partial<FlagThresholds> = {}): FlagThresholds => ({
  ...DEFAULT_FLAG_THRESHOLDS,
  ...patch,
});

/** The codes evaluateRecordFlags raises, in its order. */
export const recordCodes = (
  input: BorrowerRiskInput,
  t: FlagThresholds = DEFAULT_FLAG_THRESHOLDS,
  asOf: Date = AS_OF,
): FlagCode[] => evaluateRecordFlags(input, asOf, t).map((flag) => flag.code);

export const raises = (code: FlagCode, input: BorrowerRiskInput, t?: FlagThresholds, asOf?: Date): boolean =>
  recordCodes(input, t, asOf).includes(code);
