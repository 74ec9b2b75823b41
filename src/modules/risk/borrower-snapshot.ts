import { saturatedWholeNumber } from '../../common/database/transformers';
import { evaluateRecordFlags, FlagThresholds, RULE_SET_VERSION, StoredFlag } from './flags/risk-flags';
import { BorrowerRiskInput, LoanHistory } from './risk-input';
import { RiskScore, scoreBorrower } from './scoring/score';
import { isActiveLoan, monthsBefore, periodOf } from './periods';

/** Months of history a profile shows per loan. */
export const HISTORY_MONTHS = 24;

/**
 * The first period a profile looks at: 24 full months before the current one, so a coop that reports each month
 * after it ends still shows 24 months; the current month, when already reported, is shown too.
 */
export const historyStart = (asOfPeriod: string): string => monthsBefore(asOfPeriod, HISTORY_MONTHS);

export interface HistoryMonth {
  period: string;
  collectibility: number;
  daysPastDue: number;
  outstanding: number;
}

export interface SnapshotLoan {
  id: string;
  cooperativeId: string;
  loanRef: string;
  facilityType: string;
  principal: number;
  disbursedAt: string;
  maturityDate: string | null;
  latestPeriod: string;
  active: boolean;
  condition: string;
  outstanding: number;
  arrears: number;
  daysPastDue: number;
  collectibility: number;
  history: HistoryMonth[];
}

export interface SnapshotSummary {
  activeLoans: number;
  activeLenders: number;
  totalOutstanding: number;
  totalArrears: number;
  worstCollectibility: { current: number | null; last12Months: number | null; last24Months: number | null };
}

/** What borrower_profiles.snapshot holds. Coop ids and loan refs stay inside; the profile view masks them. */
export interface BorrowerSnapshot {
  loans: SnapshotLoan[];
  summary: SnapshotSummary;
  flags: StoredFlag[];
}

export interface SnapshotResult {
  snapshot: BorrowerSnapshot;
  risk: RiskScore;
  ruleSet: string;
}

export type LoanSource = LoanHistory & { loanRef: string };

/** The stored rule-set label: the flag rules' version and a short fingerprint of the configured thresholds. */
export function ruleSetLabel(thresholds: FlagThresholds): string {
  const text = Object.entries(thresholds)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(';');
  let hash = 0x811c9dc5; // FNV-1a: a stable label, not a secret
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `${RULE_SET_VERSION}:${hash.toString(16).padStart(8, '0')}`;
}

const worst = (values: number[]): number | null => (values.length === 0 ? null : Math.max(...values));

function toSnapshotLoan(loan: LoanSource, windowStart: string): SnapshotLoan | null {
  const shown = loan.records.filter((r) => r.period >= windowStart);
  if (shown.length === 0) return null;
  const latest = loan.records[0];
  return {
    id: loan.loanId,
    cooperativeId: loan.cooperativeId,
    loanRef: loan.loanRef,
    facilityType: loan.facilityType,
    principal: loan.principal,
    disbursedAt: loan.disbursedAt,
    maturityDate: loan.maturityDate,
    latestPeriod: latest.period,
    active: isActiveLoan(loan),
    condition: latest.condition,
    outstanding: latest.outstanding,
    arrears: latest.arrearsPrincipal + latest.arrearsInterest,
    daysPastDue: latest.daysPastDue,
    collectibility: latest.collectibility,
    history: shown.slice(0, HISTORY_MONTHS).map((r) => ({
      period: r.period,
      collectibility: r.collectibility,
      daysPastDue: r.daysPastDue,
      outstanding: r.outstanding,
    })),
  };
}

function summarise(loans: SnapshotLoan[], asOfPeriod: string): SnapshotSummary {
  const active = loans.filter((l) => l.active);
  const from12 = monthsBefore(asOfPeriod, 11);
  const months = loans.flatMap((l) => l.history);
  return {
    activeLoans: active.length,
    activeLenders: new Set(active.map((l) => l.cooperativeId)).size,
    // Summed exactly; a borrower past 2^53 rupiah (thousands of loans at the record cap) shows the largest exact number.
    totalOutstanding: saturatedWholeNumber(active.reduce((sum, l) => sum + BigInt(l.outstanding), 0n)).value,
    totalArrears: active.reduce((sum, l) => sum + l.arrears, 0),
    worstCollectibility: {
      current: worst(active.map((l) => l.collectibility)),
      last12Months: worst(months.filter((m) => m.period >= from12).map((m) => m.collectibility)),
      last24Months: worst(months.map((m) => m.collectibility)),
    },
  };
}

// Shown first: active loans, then the most recently reported, then the newest.
const byRelevance = (a: SnapshotLoan, b: SnapshotLoan) =>
  Number(b.active) - Number(a.active) ||
  b.latestPeriod.localeCompare(a.latestPeriod) ||
  b.disbursedAt.localeCompare(a.disbursedAt) ||
  a.id.localeCompare(b.id);

/**
 * Everything about one borrower that does not depend on who asks or on inquiries: computed by the recalculation
 * job after each change of data, and again each day so that time windows move on. `asOf` is a WIB calendar day.
 */
export function buildSnapshot(
  loans: LoanSource[],
  input: Omit<BorrowerRiskInput, 'loans'>,
  asOf: Date,
  thresholds: FlagThresholds,
): SnapshotResult {
  const asOfPeriod = periodOf(asOf);
  const windowStart = historyStart(asOfPeriod);
  const recent = loans
    .map((loan) => ({
      ...loan,
      records: loan.records.filter((r) => r.period >= windowStart && r.period <= asOfPeriod),
    }))
    .filter((loan) => loan.records.length > 0);
  const shown = loans.map((loan) => toSnapshotLoan(loan, windowStart)).filter((l): l is SnapshotLoan => l !== null);
  shown.sort(byRelevance);
  return {
    snapshot: {
      loans: shown,
      summary: summarise(shown, asOfPeriod),
      flags: evaluateRecordFlags({ ...input, loans: recent }, asOf, thresholds),
    },
    risk: scoreBorrower(recent),
    ruleSet: ruleSetLabel(thresholds),
  };
}
