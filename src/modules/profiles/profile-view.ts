import type { BorrowerSnapshot, SnapshotLoan } from '../risk/borrower-snapshot';
import {
  evaluateDisputeFlags,
  evaluateInquiryFlags,
  FlagThresholds,
  flagsForViewer,
  gradeCaution,
  sortFlags,
  ViewerFlag,
  ViewerLoan,
} from '../risk/flags/risk-flags';
import type { Inquiry } from '../risk/risk-input';
import type { ProfileLoanResponse, ProfileResponse } from './profile.response';
import { aliasFor } from '../../common/privacy/lender-alias';

const DAY_MS = 86_400_000;

export interface ProfileViewInput {
  reportId: string;
  consentId: string;
  subjectRef: string;
  generatedAt: Date;
  viewer: { cooperativeId: string; name: string };
  stored: {
    snapshot: BorrowerSnapshot;
    score: number;
    grade: string;
    modelVersion: string;
    ruleSet: string;
    computedAt: Date;
  };
  /** The latest inquiry of each coop within 90 days, this one included. */
  inquiries: Inquiry[];
  disputedLoanIds: ReadonlySet<string>;
  thresholds: FlagThresholds;
}

/** Distinct coops that asked in [now - days, now], both ends included (as CREDIT_SHOPPING counts). */
function distinctCoopsWithin(inquiries: Inquiry[], now: Date, days: number): number {
  const since = now.getTime() - days * DAY_MS;
  return new Set(
    inquiries.filter((i) => i.at.getTime() >= since && i.at.getTime() <= now.getTime()).map((i) => i.cooperativeId),
  ).size;
}

/** DD/MM/YYYY of a YYYY-MM-DD date, as both languages' officers write it. */
const dayMonthYear = (isoDate: string): string => isoDate.split('-').reverse().join('/');

/**
 * How a flag names a loan: the own coop's by its account number, another coop's by the report's alias and the
 * disbursement date (its loanRef would point at the coop).
 */
function viewerLoan(loan: SnapshotLoan, own: boolean, alias: string | undefined): ViewerLoan {
  if (own) {
    return {
      own,
      name: { id: `pinjaman ${loan.loanRef} (koperasi Anda)`, en: `loan ${loan.loanRef} (your cooperative)` },
    };
  }
  const since = dayMonthYear(loan.disbursedAt);
  return { own, name: { id: `${alias}, pinjaman mulai ${since}`, en: `${alias}, loan from ${since}` } };
}

function toLoan(
  loan: SnapshotLoan,
  viewer: ProfileViewInput['viewer'],
  alias: string | undefined,
  disputed: boolean,
): ProfileLoanResponse {
  const own = loan.cooperativeId === viewer.cooperativeId;
  return {
    id: loan.id,
    lender: own ? { own: true, name: viewer.name } : { own: false, alias },
    ...(own ? { loanRef: loan.loanRef } : {}),
    facilityType: loan.facilityType,
    principal: loan.principal,
    disbursedAt: loan.disbursedAt,
    maturityDate: loan.maturityDate,
    condition: loan.condition,
    outstanding: loan.outstanding,
    daysPastDue: loan.daysPastDue,
    collectibility: loan.collectibility,
    disputed,
    history: loan.history.map((h) => ({ ...h })),
  };
}

/**
 * The profile one coop's officer sees: own loans by name and loanRef, every other coop's under an alias assigned
 * in the order the loans are shown (so neither the coop nor its loanRef can be read off the report), flags for
 * this viewer plus the inquiry flags of the moment. Built field by field: nothing stored leaks by accident.
 */
export function composeProfile(input: ProfileViewInput): ProfileResponse {
  const { snapshot } = input.stored;
  const aliases = new Map<string, string>();
  for (const loan of snapshot.loans) {
    if (loan.cooperativeId !== input.viewer.cooperativeId && !aliases.has(loan.cooperativeId)) {
      aliases.set(loan.cooperativeId, aliasFor(aliases.size));
    }
  }
  const now = input.generatedAt;
  const shownLoans = new Map(
    snapshot.loans.map((loan) => {
      const own = loan.cooperativeId === input.viewer.cooperativeId;
      return [loan.id, viewerLoan(loan, own, aliases.get(loan.cooperativeId))];
    }),
  );
  const flags = sortFlags<ViewerFlag>([
    ...flagsForViewer(snapshot.flags, input.viewer.cooperativeId, shownLoans),
    ...evaluateInquiryFlags(input.inquiries, now, input.thresholds),
    ...evaluateDisputeFlags(
      snapshot.loans.map((l) => l.id),
      input.disputedLoanIds,
    ),
  ]);
  const { summary } = snapshot;
  return {
    reportId: input.reportId,
    generatedAt: now.toISOString(),
    consentId: input.consentId,
    subject: { ref: input.subjectRef },
    summary: {
      activeLoans: summary.activeLoans,
      activeLenders: summary.activeLenders,
      totalOutstanding: summary.totalOutstanding,
      totalArrears: summary.totalArrears,
      worstCollectibility: { ...summary.worstCollectibility },
      inquiries: {
        last7Days: distinctCoopsWithin(input.inquiries, now, 7),
        last30Days: distinctCoopsWithin(input.inquiries, now, 30),
        last90Days: distinctCoopsWithin(input.inquiries, now, 90),
      },
    },
    risk: {
      score: input.stored.score,
      grade: input.stored.grade,
      modelVersion: input.stored.modelVersion,
      ruleSet: input.stored.ruleSet,
      computedAt: new Date(input.stored.computedAt).toISOString(),
      flags: flags.map((f) => ({
        code: f.code,
        severity: f.severity,
        message: { id: f.message.id, en: f.message.en },
        ...(f.loanIds ? { loanIds: [...f.loanIds] } : {}),
      })),
      caution: gradeCaution(flags),
    },
    loans: snapshot.loans.map((loan) =>
      toLoan(loan, input.viewer, aliases.get(loan.cooperativeId), input.disputedLoanIds.has(loan.id)),
    ),
  };
}
