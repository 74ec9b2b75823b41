import { ApiProperty } from '@nestjs/swagger';
import { EnrollmentEndReason, EnrollmentStatus } from '../monitoring-types';
import type { EnrollmentRow } from './enrollments.repository';

export class EnrollmentSubject {
  @ApiProperty({ format: 'uuid', description: "The borrower's opaque reference (never the NIK)" }) ref: string;
}

/** The answer to an enrolment: the enrollment (a repeated enrolment answers the same one). */
export class EnrollmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: EnrollmentSubject }) subject: EnrollmentSubject;
  @ApiProperty({ format: 'uuid', description: 'The MONITORING consent the enrollment was made under' })
  consentId: string;
  @ApiProperty({
    enum: EnrollmentStatus,
    example: EnrollmentStatus.ACTIVE,
    description: 'In a list, ENDED as soon as the consent no longer allows monitoring (before the sweep stores it)',
  })
  status: EnrollmentStatus;
  @ApiProperty({ example: '2026-12-03T09:15:00.000Z' }) enrolledAt: string;
}

/** A list item: the enrollment, how it ended, and the coop's own loans of the borrower. */
export class EnrollmentListItemResponse extends EnrollmentResponse {
  @ApiProperty({ nullable: true, type: String, description: 'When it ended; for a lapsed consent, when it lapsed' })
  endedAt: string | null;
  @ApiProperty({ enum: EnrollmentEndReason, nullable: true }) endReason: EnrollmentEndReason | null;
  @ApiProperty({
    type: [String],
    example: ['PK-2025-000123'],
    description: "The coop's own loan numbers of the borrower",
  })
  loanRefs: string[];
}

export class EnrollmentPageResponse {
  @ApiProperty({ type: [EnrollmentListItemResponse] }) items: EnrollmentListItemResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as ?cursor= for the next page' }) nextCursor:
    string | null;
}

export class BulkRefusal {
  @ApiProperty({ minimum: 1, description: "1-based position in the request's niks" }) row: number;
  @ApiProperty({
    example: 'CONSENT.MISSING',
    description:
      'CONSENT.MISSING, CONSENT.EXPIRED, CONSENT.REVOKED, or the NIK check of a malformed NIK (NIK.FORMAT, NIK.PROVINCE, NIK.DISTRICT, NIK.BIRTH_DATE, NIK.SERIAL); the NIK is never echoed',
  })
  code: string;
}

export class BulkEnrollmentResponse {
  @ApiProperty({ description: 'New enrollments' }) enrolled: number;
  @ApiProperty({ description: 'Rows already under an active enrollment, or repeating an earlier row of the request' })
  alreadyEnrolled: number;
  @ApiProperty({ type: [BulkRefusal] }) refused: BulkRefusal[];
}

export class PortfolioRefusal {
  @ApiProperty({ type: EnrollmentSubject }) subject: EnrollmentSubject;
  @ApiProperty({
    type: [String],
    example: ['PK-2025-000123'],
    description: "The coop's own active loans of the borrower",
  })
  loanRefs: string[];
  @ApiProperty({ example: 'CONSENT.MISSING', description: 'CONSENT.MISSING, CONSENT.EXPIRED or CONSENT.REVOKED' })
  code: string;
}

export class PortfolioEnrollmentResponse {
  @ApiProperty({ description: 'New enrollments' }) enrolled: number;
  @ApiProperty({ description: 'Borrowers already under an active enrollment' }) alreadyEnrolled: number;
  @ApiProperty({
    type: [PortfolioRefusal],
    description: 'Borrowers of the active portfolio that could not be enrolled',
  })
  refused: PortfolioRefusal[];
}

export const toEnrollmentListItem = (r: EnrollmentRow): EnrollmentListItemResponse => ({
  id: r.id,
  subject: { ref: r.subjectRef },
  consentId: r.consentId,
  status: r.status,
  enrolledAt: r.enrolledAt.toISOString(),
  endedAt: r.endedAt?.toISOString() ?? null,
  endReason: r.endReason,
  loanRefs: r.loanRefs,
});
