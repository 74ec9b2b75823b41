import { LoanHistory } from '../risk-input';
import { extractScoreFeatures } from './score-features';
import { SCORE_MODEL } from './score-model';
import { ScoreModel, modelLogOdds } from './score-terms';

export { MODEL_VERSION } from './score-model';

export type Grade = 'A' | 'B' | 'C' | 'D' | 'E';

export interface RiskScore {
  /** 250 (highest risk) to 900 (lowest risk). */
  score: number;
  grade: Grade;
  probabilityOfDefault: number;
  modelVersion: string;
}

/*
 * Points to double the odds: 600 points at odds of 9 good to 1 bad (a 10% probability of default), 50 more points
 * for each doubling of the odds. Fixed policy, independent of the fitted weights, so a refit does not move the scale.
 */
export const SCORE_MIN = 250;
export const SCORE_MAX = 900;
export const ANCHOR_SCORE = 600;
export const ANCHOR_ODDS = 9;
export const POINTS_TO_DOUBLE_ODDS = 50;

/** Lowest score of each grade; each grade spans one doubling of the odds. */
export const GRADE_BANDS: readonly { grade: Grade; minScore: number }[] = [
  { grade: 'A', minScore: 625 },
  { grade: 'B', minScore: 575 },
  { grade: 'C', minScore: 525 },
  { grade: 'D', minScore: 475 },
  { grade: 'E', minScore: SCORE_MIN },
];

const FACTOR = POINTS_TO_DOUBLE_ODDS / Math.LN2;
const OFFSET = ANCHOR_SCORE - FACTOR * Math.log(ANCHOR_ODDS);

/** Score for a log-odds of default (ln(p / (1 - p))). */
export function scoreForLogOdds(logOdds: number): number {
  // ln(good odds) = -logOdds
  const raw = Math.round(OFFSET - FACTOR * logOdds);
  return Math.min(SCORE_MAX, Math.max(SCORE_MIN, raw));
}

export function gradeForScore(score: number): Grade {
  for (const band of GRADE_BANDS) if (score >= band.minScore) return band.grade;
  return 'E';
}

const sigmoid = (eta: number): number => 1 / (1 + Math.exp(-eta));

/** The score under a given model; the fitting script evaluates candidate models through this same path. */
export function scoreBorrowerWith(model: ScoreModel, loans: readonly LoanHistory[]): RiskScore {
  const hasRecords = loans.some((loan) => loan.records.length > 0);
  // No records, no information: the borrower is scored at the training population's average risk.
  const logOdds = hasRecords
    ? modelLogOdds(model, extractScoreFeatures(loans))
    : Math.log(model.baseRate / (1 - model.baseRate));
  const score = scoreForLogOdds(logOdds);
  return {
    score,
    grade: gradeForScore(score),
    probabilityOfDefault: Math.round(sigmoid(logOdds) * 10_000) / 10_000,
    modelVersion: model.version,
  };
}

export function scoreBorrower(loans: LoanHistory[]): RiskScore {
  return scoreBorrowerWith(SCORE_MODEL, loans);
}
