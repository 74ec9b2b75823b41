import { ScoreFeatureName, ScoreFeatures } from './score-features';

/*
 * A term turns one feature into points: a step function with a step at each edge (value >= edge), so a term is a
 * monotone staircase whenever all its step weights share a sign. Delinquency terms are fitted with non-negative
 * steps (more delinquency never lowers risk); see docs/model-card.md.
 */

export type Direction = 'riskUp' | 'riskDown' | 'free';

export interface TermSpec {
  feature: ScoreFeatureName;
  /** Ascending step positions. */
  edges: readonly number[];
  /** Sign constraint on every step weight (on the log-odds of default). */
  direction: Direction;
}

export interface ModelTerm extends TermSpec {
  /** Log-odds added at each edge the value reaches. */
  weights: readonly number[];
  /** Log-odds for an unknown (NaN) value: the term's average over the training rows. */
  missing: number;
}

/** Log-odds a term adds for one value. */
export function termLogOdds(term: ModelTerm, value: number): number {
  if (Number.isNaN(value)) return term.missing;
  let sum = 0;
  for (let j = 0; j < term.edges.length && value >= term.edges[j]; j++) sum += term.weights[j];
  return sum;
}

/** The step indicators of a term (1 where the value reaches the edge); NaN for an unknown value. */
export function termSteps(term: TermSpec, features: ScoreFeatures): number[] {
  const value = features[term.feature];
  return term.edges.map((edge) => (Number.isNaN(value) ? Number.NaN : value >= edge ? 1 : 0));
}

export interface ScoreModel {
  version: string;
  /** Default rate of the training rows: the probability given to a borrower without any records. */
  baseRate: number;
  intercept: number;
  terms: readonly ModelTerm[];
}

/** Log-odds of default for one borrower's features. */
export function modelLogOdds(model: ScoreModel, features: ScoreFeatures): number {
  let eta = model.intercept;
  for (const term of model.terms) eta += termLogOdds(term, features[term.feature]);
  return eta;
}
