import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { consentStatus } from '../../consents/consent-rule';
import {
  HeldConsent,
  HeldCorrection,
  HeldDispute,
  HeldLoan,
  HeldRecord,
  HeldRiskProfile,
} from './subject-access.repository';

/** How personal identifiers are stored: never in clear, only as an HMAC under a server secret. */
export const KEYED_HASH = 'KEYED_HASH';

export class SubjectResponse {
  @ApiProperty({ format: 'uuid', description: 'Opaque reference of the borrower in reports and audit rows' })
  ref: string;
  @ApiProperty({ example: KEYED_HASH, description: 'The NIK is held only as a keyed hash (HMAC); never in clear' })
  nikHeldAs: string;
}

export class SarInquiryResponse {
  @ApiProperty({ description: 'Name of the coop that asked' }) cooperative: string;
  @ApiProperty() at: string;
  @ApiProperty({ example: 'NEW_APPLICATION' }) purpose: string;
}

export class SarMonthResponse {
  @ApiProperty({ example: '2026-01' }) period: string;
  @ApiProperty() condition: string;
  @ApiProperty() outstanding: number;
  @ApiProperty() daysPastDue: number;
  @ApiProperty() collectibility: number;
}

export class SarCorrectionResponse {
  @ApiProperty() period: string;
  @ApiProperty() replacedAt: string;
  @ApiProperty({
    description: 'The values the correction replaced',
    example: { condition: '00', outstanding: 2500000 },
  })
  previous: Record<string, unknown>;
}

export class SarDisputeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() status: string;
  @ApiProperty({ nullable: true, type: String }) resolution: string | null;
  @ApiProperty() openedAt: string;
  @ApiProperty() dueAt: string;
  @ApiProperty({ nullable: true, type: String }) resolvedAt: string | null;
}

export class SarLoanResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Name of the reporting coop' }) lender: string;
  @ApiProperty() loanRef: string;
  @ApiProperty() facilityType: string;
  @ApiProperty() principal: number;
  @ApiProperty() creditLimit: number;
  @ApiProperty() disbursedAt: string;
  @ApiProperty({ nullable: true, type: String }) maturityDate: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Null when no monthly record is held any more' })
  condition: string | null;
  @ApiProperty({ nullable: true, type: Number }) outstanding: number | null;
  @ApiProperty({ nullable: true, type: Number }) daysPastDue: number | null;
  @ApiProperty({ nullable: true, type: Number }) collectibility: number | null;
  @ApiProperty() latestPeriod: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Set when a dispute resolved DELETED took it out of profiles',
  })
  suppressedAt: string | null;
  @ApiProperty({ type: [SarMonthResponse], description: 'Every month held, newest first' }) history: SarMonthResponse[];
  @ApiProperty({ type: [SarCorrectionResponse] }) corrections: SarCorrectionResponse[];
  @ApiProperty({ type: [SarDisputeResponse] }) disputes: SarDisputeResponse[];
}

export class SarConsentResponse {
  @ApiProperty() cooperative: string;
  @ApiProperty() purpose: string;
  @ApiProperty({ example: 'ACTIVE' }) status: string;
  @ApiProperty() grantedAt: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({ example: 'SIGNED_FORM' }) evidenceType: string;
}

export class SarIdentityResponse {
  @ApiProperty({ description: 'The coop that reported them' }) cooperative: string;
  @ApiProperty({ example: ['fullName', 'birthDate'] }) fields: string[];
  @ApiProperty({ example: KEYED_HASH, description: 'Held only as keyed hashes, to spot two people under one NIK' })
  heldAs: string;
  @ApiProperty() updatedAt: string;
}

export class SarRiskResponse {
  @ApiProperty() score: number;
  @ApiProperty() grade: string;
  @ApiProperty() modelVersion: string;
  @ApiProperty() computedAt: string;
  @ApiProperty({ type: [String] }) flags: string[];
}

export class SubjectAccessReportResponse {
  @ApiProperty({
    type: SubjectResponse,
    nullable: true,
    description: 'Null when the network holds nothing under this NIK',
  })
  subject: SubjectResponse | null;
  @ApiProperty() generatedAt: string;
  @ApiProperty({ type: [SarInquiryResponse], description: 'Every profile query held about the borrower, newest first' })
  inquiries: SarInquiryResponse[];
  @ApiProperty({ type: [SarLoanResponse] }) loans: SarLoanResponse[];
  @ApiProperty({ type: [SarConsentResponse] }) consents: SarConsentResponse[];
  @ApiProperty({ type: [SarIdentityResponse] }) identities: SarIdentityResponse[];
  @ApiPropertyOptional({ type: SarRiskResponse, nullable: true }) risk: SarRiskResponse | null;
}

export interface HeldData {
  subjectRef: string;
  inquiries: { cooperative: string; at: Date; purpose: string }[];
  loans: HeldLoan[];
  records: HeldRecord[];
  corrections: HeldCorrection[];
  disputes: HeldDispute[];
  consents: HeldConsent[];
  identities: { cooperative: string; updatedAt: Date }[];
  risk: HeldRiskProfile | null;
}

export const emptyReport = (now: Date): SubjectAccessReportResponse => ({
  subject: null,
  generatedAt: now.toISOString(),
  inquiries: [],
  loans: [],
  consents: [],
  identities: [],
  risk: null,
});

function byLoan<T extends { loanId: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(row.loanId, [...(map.get(row.loanId) ?? []), row]);
  return map;
}

const CORRECTED_FIELDS = [
  'condition',
  'outstanding',
  'arrearsPrincipal',
  'arrearsInterest',
  'daysPastDue',
  'collectibility',
  'paidAmount',
  'restructureCount',
  'reportedAt',
];

const previousValues = (previous: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(CORRECTED_FIELDS.filter((f) => f in previous).map((f) => [f, previous[f]]));

const month = (r: HeldRecord): SarMonthResponse => ({
  period: r.period,
  condition: r.condition,
  outstanding: r.outstanding,
  daysPastDue: r.daysPastDue,
  collectibility: r.collectibility,
});

export function toSubjectAccessReport(held: HeldData, now: Date): SubjectAccessReportResponse {
  const records = byLoan(held.records);
  const corrections = byLoan(held.corrections);
  const disputes = byLoan(held.disputes);
  return {
    subject: { ref: held.subjectRef, nikHeldAs: KEYED_HASH },
    generatedAt: now.toISOString(),
    inquiries: held.inquiries.map((i) => ({ cooperative: i.cooperative, at: i.at.toISOString(), purpose: i.purpose })),
    loans: held.loans.map((l) => {
      const history = records.get(l.id) ?? [];
      const latest = history.find((r) => r.period === l.latestPeriod);
      return {
        id: l.id,
        lender: l.lender,
        loanRef: l.loanRef,
        facilityType: l.facilityType,
        principal: l.principal,
        creditLimit: l.creditLimit,
        disbursedAt: l.disbursedAt,
        maturityDate: l.maturityDate,
        condition: latest?.condition ?? null,
        outstanding: latest?.outstanding ?? null,
        daysPastDue: latest?.daysPastDue ?? null,
        collectibility: latest?.collectibility ?? null,
        latestPeriod: l.latestPeriod,
        suppressedAt: l.suppressedAt?.toISOString() ?? null,
        history: history.map(month),
        corrections: (corrections.get(l.id) ?? []).map((c) => ({
          period: c.period,
          replacedAt: c.replacedAt.toISOString(),
          previous: previousValues(c.previous),
        })),
        disputes: (disputes.get(l.id) ?? []).map((d) => ({
          id: d.id,
          status: d.status,
          resolution: d.resolution,
          openedAt: d.openedAt.toISOString(),
          dueAt: d.dueAt.toISOString(),
          resolvedAt: d.resolvedAt?.toISOString() ?? null,
        })),
      };
    }),
    consents: held.consents.map((c) => ({
      cooperative: c.cooperative,
      purpose: c.purpose,
      status: consentStatus(c, now),
      grantedAt: c.grantedAt.toISOString(),
      expiresAt: c.expiresAt.toISOString(),
      revokedAt: c.revokedAt?.toISOString() ?? null,
      evidenceType: c.evidenceType,
    })),
    identities: held.identities.map((i) => ({
      cooperative: i.cooperative,
      fields: ['fullName', 'birthDate'],
      heldAs: KEYED_HASH,
      updatedAt: i.updatedAt.toISOString(),
    })),
    risk: held.risk && { ...held.risk, computedAt: held.risk.computedAt.toISOString() },
  };
}
