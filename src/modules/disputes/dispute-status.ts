export enum DisputeStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
}

export enum DisputeResolution {
  /** The coop sent a corrected report of the loan after the dispute opened. */
  CORRECTED = 'CORRECTED',
  /** The reported data stands. */
  CONFIRMED = 'CONFIRMED',
  /** The loan should never have been reported: it is suppressed from profiles and scoring. */
  DELETED = 'DELETED',
}

export const REASON_MAX = 1000;
export const NOTE_MAX = 1000;
