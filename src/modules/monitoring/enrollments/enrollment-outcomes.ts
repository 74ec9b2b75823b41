import { checkNik, NikErrorCode } from '../../borrowers/nik';

/** How an enrolment request came: one NIK, a list, or the coop's active portfolio. Recorded in the audit details. */
export enum EnrollmentSource {
  SINGLE = 'SINGLE',
  BULK = 'BULK',
  PORTFOLIO = 'PORTFOLIO',
}

/** What became of one row of a request. */
export enum EnrollmentOutcomeKind {
  ENROLLED = 'ENROLLED',
  /** Already under an active enrollment of the coop, or a repeat of an earlier row of the same request. */
  ALREADY_ENROLLED = 'ALREADY_ENROLLED',
  REFUSED = 'REFUSED',
}

/** At most this many NIKs per bulk request (API.md). */
export const MAX_BULK_NIKS = 5000;

/** One row of a request: a borrower key, or the code of the NIK that could not become one. */
export type EnrolInput = { row: number; borrowerKey: string; code?: undefined } | { row: number; code: NikErrorCode };

/**
 * The rows of a bulk request, 1-based: each NIK checked (borrowers/nik.ts) and turned into its borrower key by
 * `keyOf` (the borrowers module's keyed hash); a malformed one keeps only its code, never the NIK.
 */
export function toEnrolInputs(niks: readonly string[], keyOf: (validNik: string) => string, today: Date): EnrolInput[] {
  return niks.map((nik, i) => {
    const check = checkNik(nik, today);
    return check.valid ? { row: i + 1, borrowerKey: keyOf(check.nik) } : { row: i + 1, code: check.code };
  });
}

export interface OutcomeTally<R> {
  enrolled: number;
  alreadyEnrolled: number;
  refused: R[];
}

/** Counts the outcomes; every row lands in exactly one of the three. */
export function tallyOutcomes<O extends { kind: EnrollmentOutcomeKind }, R>(
  outcomes: readonly O[],
  refusal: (o: O) => R,
): OutcomeTally<R> {
  const tally: OutcomeTally<R> = { enrolled: 0, alreadyEnrolled: 0, refused: [] };
  for (const o of outcomes) {
    if (o.kind === EnrollmentOutcomeKind.ENROLLED) tally.enrolled++;
    else if (o.kind === EnrollmentOutcomeKind.ALREADY_ENROLLED) tally.alreadyEnrolled++;
    else tally.refused.push(refusal(o));
  }
  return tally;
}
