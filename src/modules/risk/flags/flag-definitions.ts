/**
 * The risk flag vocabulary: codes, severities and thresholds. A stored flag carries RULE_SET_VERSION's meaning, so a
 * change to what a code means or to a default threshold bumps the version.
 */
import type { FlagThresholds } from '../../../config/app-config';
// 2 (issue 18): LOAN_STACKING counts loans disbursed in the last stackingWindowDays before asOf (1: any two within
// that many days of each other in 24 months); THIN_FILE counts months up to asOf only; loan flags carry loanIds.
export const RULE_SET_VERSION = 2;

export type Severity = 'LOW' | 'MEDIUM' | 'HIGH';

export type FlagCode =
  | 'DELINQUENT_ELSEWHERE'
  | 'SEVERE_DELINQUENCY_12M'
  | 'WRITTEN_OFF_24M'
  | 'MULTIPLE_LENDERS'
  | 'LOAN_STACKING'
  | 'CREDIT_SHOPPING'
  | 'RESTRUCTURED_12M'
  | 'HIGH_INDEBTEDNESS'
  | 'IDENTITY_MISMATCH'
  | 'THIN_FILE'
  | 'DISPUTED_RECORD';

export interface RiskFlag {
  code: FlagCode;
  severity: Severity;
  message: { id: string; en: string };
}

/** A flag as stored in a precomputed borrower snapshot: viewer-independent. */
export interface StoredFlag extends RiskFlag {
  /** DELINQUENT_ELSEWHERE only: the coops with an active loan past the threshold; never shown to a viewer. */
  cooperativeIds?: string[];
  /**
   * The loans the flag is about (DELINQUENT_ELSEWHERE, SEVERE_DELINQUENCY_12M, WRITTEN_OFF_24M, LOAN_STACKING,
   * RESTRUCTURED_12M): ids of the snapshot's loans, which the profile shows; flagsForViewer names them for the viewer.
   */
  loanIds?: string[];
}

// The thresholds are configuration (RISK_* variables), so their shape lives in config/, which imports no module.
export type { FlagThresholds };

export const DEFAULT_FLAG_THRESHOLDS: Readonly<FlagThresholds> = Object.freeze({
  delinquentDaysPastDue: 30,
  severeCollectibility: 3, // Kurang Lancar: the first non-performing grade
  severeWindowMonths: 12,
  writtenOffWindowMonths: 24,
  multipleLendersMinCoops: 3,
  stackingWindowDays: 90,
  stackingMinCoops: 2,
  shoppingMinCoops: 3,
  shoppingWindowDays: 30,
  restructuredWindowMonths: 12,
  highIndebtednessRupiah: 200_000_000,
  thinFileMinMonths: 6,
});

export const FLAG_SEVERITY: Readonly<Record<FlagCode, Severity>> = Object.freeze({
  DELINQUENT_ELSEWHERE: 'HIGH',
  SEVERE_DELINQUENCY_12M: 'HIGH',
  WRITTEN_OFF_24M: 'HIGH',
  IDENTITY_MISMATCH: 'HIGH',
  MULTIPLE_LENDERS: 'MEDIUM',
  LOAN_STACKING: 'MEDIUM',
  CREDIT_SHOPPING: 'MEDIUM',
  RESTRUCTURED_12M: 'MEDIUM',
  HIGH_INDEBTEDNESS: 'MEDIUM',
  THIN_FILE: 'LOW',
  DISPUTED_RECORD: 'LOW',
});
