/**
 * What the pure risk functions (flags and score) read about one borrower. Built from the borrower's loans and
 * monthly records by the recalculation service; nothing here touches Nest or the database.
 */

/** SLIK condition codes of API.md. */
export type LoanCondition = '00' | '02' | '03' | '04' | '12' | '13';

export interface MonthlyRecord {
  /** YYYY-MM */
  period: string;
  condition: LoanCondition;
  outstanding: number;
  arrearsPrincipal: number;
  arrearsInterest: number;
  daysPastDue: number;
  collectibility: number;
  paidAmount: number | null;
  restructureCount: number;
}

export interface LoanHistory {
  loanId: string;
  cooperativeId: string;
  facilityType: 'INSTALLMENT' | 'REVOLVING';
  principal: number;
  creditLimit: number;
  /** YYYY-MM-DD */
  disbursedAt: string;
  maturityDate: string | null;
  /** The loan's reported months within the last 24 months before the evaluation date, newest first; gaps are possible. */
  records: MonthlyRecord[];
}

/** Keyed hashes of the name and birth date one coop reports for the borrower. */
export interface ReportedIdentity {
  cooperativeId: string;
  nameHash: string;
  birthDateHash: string;
}

export interface Inquiry {
  cooperativeId: string;
  at: Date;
  purpose: string;
}

export interface BorrowerRiskInput {
  loans: LoanHistory[];
  identities: ReportedIdentity[];
  /** Loans with an open dispute (issue 5); flags treat them as reported. */
  disputedLoanIds: string[];
}
