import type { Schema } from '../../api';
import { consentEvidenceDtoTypeValues, queryProfileDtoPurposeValues } from '../../api-types';

// The shapes of the API answers this page reads (docs/api.md, "The profile"), from the OpenAPI document.

export type Purpose = Schema<'QueryProfileDto'>['purpose'];
export const PURPOSES: readonly Purpose[] = queryProfileDtoPurposeValues;

export type EvidenceType = Schema<'ConsentEvidenceDto'>['type'];
export const EVIDENCE_TYPES: readonly EvidenceType[] = consentEvidenceDtoTypeValues;

/**
 * The refusals the officer can fix on the spot by recording the applicant's consent. Error codes are not in the
 * OpenAPI document, so these are written out here.
 */
export const CONSENT_CODES = ['CONSENT.MISSING', 'CONSENT.EXPIRED', 'CONSENT.REVOKED'] as const;
export type ConsentCode = (typeof CONSENT_CODES)[number];

export type Flag = Schema<'RiskFlagResponse'>;
export type Severity = Flag['severity'];
export type HistoryMonth = Schema<'HistoryMonthResponse'>;
/** A loan of the profile; `history` holds up to 24 months, newest first. */
export type Loan = Schema<'ProfileLoanResponse'>;

/**
 * The profile answer. The document gives `subject` no properties and `risk.ruleSet` as always there; the console
 * reads `subject.ref` and treats `ruleSet` as optional, as API.md describes them.
 */
export type Profile = Omit<Schema<'ProfileResponse'>, 'subject' | 'risk'> & {
  subject: { ref: string };
  risk: Omit<Schema<'ProfileRisk'>, 'ruleSet'> & { ruleSet?: string };
};

/** What the page keeps once a profile is shown: the answer and the question, never the NIK itself. */
export interface CheckResult {
  profile: Profile;
  purpose: Purpose;
  /** The NIK's last four digits, for matching the report to the loan file. */
  nikEnd: string;
}

export type OpenedDispute = Schema<'OpenedDisputeResponse'>;

/** How the page names a lender: the own coop by name, the others by the report's alias. */
export function lenderName(loan: Loan): string {
  return (loan.lender.own ? loan.lender.name : loan.lender.alias) ?? '—';
}
