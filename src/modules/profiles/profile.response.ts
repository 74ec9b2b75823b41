import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEFAULT_FLAG_THRESHOLDS, RULE_SET_VERSION } from '../risk/flags/risk-flags';
import { GRADE_BANDS, gradeForScore } from '../risk/scoring/score';

// The document's example score, with the grade the real grade function gives it (612 is a B: B starts at 575).
const EXAMPLE_SCORE = 612;
const GRADES = GRADE_BANDS.map((band) => band.grade);

class WorstCollectibility {
  @ApiProperty({ nullable: true, type: Number, example: 2 }) current: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 3 }) last12Months: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 3 }) last24Months: number | null;
}

class InquiryCounts {
  @ApiProperty({ description: 'Distinct coops that queried, this query included', example: 1 }) last7Days: number;
  @ApiProperty({ example: 2 }) last30Days: number;
  @ApiProperty({ example: 2 }) last90Days: number;
}

class ProfileSummary {
  @ApiProperty({ example: 2 }) activeLoans: number;
  @ApiProperty({ example: 2 }) activeLenders: number;
  @ApiProperty({ description: 'Whole rupiah, active loans', example: 12500000 }) totalOutstanding: number;
  @ApiProperty({ description: 'Whole rupiah, principal and interest in arrears', example: 750000 })
  totalArrears: number;
  @ApiProperty({ type: WorstCollectibility }) worstCollectibility: WorstCollectibility;
  @ApiProperty({ type: InquiryCounts }) inquiries: InquiryCounts;
}

const DAYS = DEFAULT_FLAG_THRESHOLDS.delinquentDaysPastDue;

class FlagMessage {
  @ApiProperty({
    example: `Pinjaman aktif menunggak lebih dari ${DAYS} hari di koperasi lain: Koperasi B, pinjaman mulai 01/03/2025`,
  })
  id: string;
  @ApiProperty({
    example: `Active loan more than ${DAYS} days past due at another cooperative: Koperasi B, loan from 01/03/2025`,
  })
  en: string;
}

class RiskFlagResponse {
  @ApiProperty({ example: 'DELINQUENT_ELSEWHERE' }) code: string;
  @ApiProperty({ enum: ['LOW', 'MEDIUM', 'HIGH'] }) severity: string;
  @ApiProperty({ type: FlagMessage }) message: FlagMessage;
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description:
      'The loans the flag is about (ids of `loans[]`), on DELINQUENT_ELSEWHERE, SEVERE_DELINQUENCY_12M, ' +
      'WRITTEN_OFF_24M, LOAN_STACKING and RESTRUCTURED_12M; the message names them as the report does',
  })
  loanIds?: string[];
}

class CautionMessage {
  @ApiProperty({ example: 'Periksa identitas dahulu: nilai ini mungkin milik orang lain' }) id: string;
  @ApiProperty({ example: 'Check the identity first: this grade may belong to someone else' }) en: string;
}

class RiskCaution {
  @ApiProperty({ enum: ['IDENTITY_MISMATCH'], example: 'IDENTITY_MISMATCH' }) code: string;
  @ApiProperty({ type: CautionMessage }) message: CautionMessage;
}

class ProfileRisk {
  @ApiProperty({ minimum: 250, maximum: 900, example: EXAMPLE_SCORE }) score: number;
  @ApiProperty({ enum: GRADES, example: gradeForScore(EXAMPLE_SCORE) }) grade: string;
  @ApiProperty({ example: 'kcx-score-1' }) modelVersion: string;
  @ApiProperty({ example: `${RULE_SET_VERSION}:1a2b3c4d`, description: 'Flag rule set and threshold fingerprint' })
  ruleSet: string;
  @ApiProperty() computedAt: string;
  @ApiProperty({ type: [RiskFlagResponse] }) flags: RiskFlagResponse[];
  @ApiProperty({
    type: RiskCaution,
    nullable: true,
    description:
      "Set while a flag means the score may not be this applicant's (a HIGH IDENTITY_MISMATCH): show score and " +
      "grade with this message instead of the grade's risk reading; null otherwise",
  })
  caution: RiskCaution | null;
}

class Lender {
  @ApiProperty({ description: "true for the asking coop's own loans" }) own: boolean;
  @ApiPropertyOptional({ description: 'Own loans only', example: 'KSP Sejahtera Pekalongan' }) name?: string;
  @ApiPropertyOptional({ description: "Other coops' loans only; stable within one report", example: 'Koperasi B' })
  alias?: string;
}

class HistoryMonthResponse {
  @ApiProperty({ example: '2026-10' }) period: string;
  @ApiProperty({ example: 1 }) collectibility: number;
  @ApiProperty({ example: 0 }) daysPastDue: number;
  @ApiProperty({ example: 4200000 }) outstanding: number;
}

export class ProfileLoanResponse {
  @ApiProperty({ format: 'uuid', description: 'Use it to open a dispute' }) id: string;
  @ApiProperty({ type: Lender }) lender: Lender;
  @ApiPropertyOptional({ description: 'Own loans only' }) loanRef?: string;
  @ApiProperty({ enum: ['INSTALLMENT', 'REVOLVING'] }) facilityType: string;
  @ApiProperty({ example: 5000000 }) principal: number;
  @ApiProperty({ example: '2025-03-01' }) disbursedAt: string;
  @ApiProperty({ nullable: true, type: String, example: '2027-03-01' }) maturityDate: string | null;
  @ApiProperty({ example: '00', description: 'SLIK condition of the latest report' }) condition: string;
  @ApiProperty({ example: 4200000 }) outstanding: number;
  @ApiProperty({ example: 0 }) daysPastDue: number;
  @ApiProperty({ example: 1 }) collectibility: number;
  @ApiProperty({ example: false }) disputed: boolean;
  @ApiProperty({ type: [HistoryMonthResponse], description: 'Up to 24 months, newest first' })
  history: HistoryMonthResponse[];
}

export class ProfileResponse {
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty() generatedAt: string;
  @ApiProperty({ format: 'uuid' }) consentId: string;
  @ApiProperty({ example: { ref: '0f8e2a8c-2f64-4d0b-9a6e-3b1d1c6a9e11' }, description: 'Opaque, stable per borrower' })
  subject: { ref: string };
  @ApiProperty({ type: ProfileSummary }) summary: ProfileSummary;
  @ApiProperty({ type: ProfileRisk }) risk: ProfileRisk;
  @ApiProperty({ type: [ProfileLoanResponse] }) loans: ProfileLoanResponse[];
}
