import type { RiskFlag } from './flag-definitions';

/** A reason the report withholds the reading of the grade ("low risk"): the score may not be this applicant's. */
export interface GradeCaution {
  code: 'IDENTITY_MISMATCH';
  message: { id: string; en: string };
}

/**
 * While a HIGH IDENTITY_MISMATCH stands, the coops disagree on who holds this NIK, so the history and the score
 * built on it may be someone else's: a bureau shows the score but not its reading until the identity is checked.
 * Score and grade stay in the answer (the contract); the caution tells clients not to read them as the applicant's.
 */
export function gradeCaution(flags: readonly RiskFlag[]): GradeCaution | null {
  return flags.some((flag) => flag.code === 'IDENTITY_MISMATCH' && flag.severity === 'HIGH')
    ? {
        code: 'IDENTITY_MISMATCH',
        message: {
          id: 'Periksa identitas dahulu: nilai ini mungkin milik orang lain',
          en: 'Check the identity first: this grade may belong to someone else',
        },
      }
    : null;
}
