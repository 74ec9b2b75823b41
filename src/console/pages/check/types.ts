// The shapes of the API answers this page reads (../shared/API.md, "The profile").

export type Purpose = 'NEW_APPLICATION' | 'MONITORING';
export const PURPOSES: Purpose[] = ['NEW_APPLICATION', 'MONITORING'];

export type EvidenceType = 'SIGNED_FORM' | 'DIGITAL_SIGNATURE' | 'OTP';
export const EVIDENCE_TYPES: EvidenceType[] = ['SIGNED_FORM', 'DIGITAL_SIGNATURE', 'OTP'];

/** The refusals the officer can fix on the spot by recording the applicant's consent. */
export const CONSENT_CODES = ['CONSENT.MISSING', 'CONSENT.EXPIRED', 'CONSENT.REVOKED'] as const;
export type ConsentCode = (typeof CONSENT_CODES)[number];

export type Severity = 'LOW' | 'MEDIUM' | 'HIGH';

export interface Flag {
  code: string;
  severity: Severity;
  message: { id: string; en: string };
}

export interface HistoryMonth {
  period: string;
  collectibility: number;
  daysPastDue: number;
  outstanding: number;
}

export interface Loan {
  id: string;
  lender: { own: boolean; name?: string; alias?: string };
  loanRef?: string;
  facilityType: string;
  principal: number;
  disbursedAt: string;
  maturityDate: string | null;
  condition: string;
  outstanding: number;
  daysPastDue: number;
  collectibility: number;
  disputed: boolean;
  /** Up to 24 months, newest first. */
  history: HistoryMonth[];
}

export interface Profile {
  reportId: string;
  generatedAt: string;
  consentId: string;
  subject: { ref: string };
  summary: {
    activeLoans: number;
    activeLenders: number;
    totalOutstanding: number;
    totalArrears: number;
    worstCollectibility: { current: number | null; last12Months: number | null; last24Months: number | null };
    inquiries: { last7Days: number; last30Days: number; last90Days: number };
  };
  risk: { score: number; grade: string; modelVersion: string; ruleSet?: string; computedAt: string; flags: Flag[] };
  loans: Loan[];
}

/** What the page keeps once a profile is shown: the answer and the question, never the NIK itself. */
export interface CheckResult {
  profile: Profile;
  purpose: Purpose;
  /** The NIK's last four digits, for matching the report to the loan file. */
  nikEnd: string;
}

export interface OpenedDispute {
  id: string;
  loanId: string;
  status: string;
  dueAt: string;
}

/** How the page names a lender: the own coop by name, the others by the report's alias. */
export function lenderName(loan: Loan): string {
  return (loan.lender.own ? loan.lender.name : loan.lender.alias) ?? '—';
}
