import { DELINQUENCY_FEATURES, ScoreFeatures } from '../score-features';
import { ModelTerm, TermSpec, termSteps } from '../score-terms';
import { LogisticFit } from './logistic-fit';

/*
 * The design matrix of a scorecard: one column per step of every term. An unknown value gets the column's training
 * mean, so it scores the term's average; the shipped model stores that average as the term's `missing` log-odds.
 */

export interface Design {
  columns: Float64Array[];
  lower: number[];
  upper: number[];
  /** Mean of each column over the rows with a known value. */
  means: number[];
}

/** Refuses a spec that could let more delinquency lower risk. */
export function assertMonotoneSpec(terms: readonly TermSpec[]): void {
  for (const term of terms) {
    if (DELINQUENCY_FEATURES.includes(term.feature) && term.direction !== 'riskUp') {
      throw new Error(`term ${term.feature} reads days past due, so it must be riskUp`);
    }
    if (term.edges.some((edge, j) => j > 0 && edge <= term.edges[j - 1])) {
      throw new Error(`term ${term.feature}: edges must ascend`);
    }
  }
}

/** `means` from the training rows when building a holdout design; computed from `rows` when omitted. */
export function buildDesign(
  terms: readonly TermSpec[],
  rows: readonly ScoreFeatures[],
  means?: readonly number[],
): Design {
  assertMonotoneSpec(terms);
  const steps = rows.map((row) => terms.flatMap((term) => termSteps(term, row)));
  const width = terms.reduce((sum, term) => sum + term.edges.length, 0);
  const columnMeans =
    means?.slice() ??
    Array.from({ length: width }, (_, j) => {
      const known = steps.map((row) => row[j]).filter((value) => !Number.isNaN(value));
      return known.length > 0 ? known.reduce((sum, value) => sum + value, 0) / known.length : 0;
    });
  const columns = Array.from({ length: width }, (_, j) =>
    Float64Array.from(steps, (row) => (Number.isNaN(row[j]) ? columnMeans[j] : row[j])),
  );
  const lower: number[] = [];
  const upper: number[] = [];
  for (const term of terms) {
    for (let k = 0; k < term.edges.length; k++) {
      lower.push(term.direction === 'riskUp' ? 0 : -Infinity);
      upper.push(term.direction === 'riskDown' ? 0 : Infinity);
    }
  }
  return { columns, lower, upper, means: columnMeans };
}

// Twelve decimals: far below anything that moves a score, and stable text for the generated file.
const rounded = (value: number): number => Number(value.toFixed(12));

/** The fitted weights laid back onto their terms, as score-model.ts ships them. */
export function toModelTerms(terms: readonly TermSpec[], fit: LogisticFit, means: readonly number[]): ModelTerm[] {
  let column = 0;
  return terms.map((term) => {
    const weights = term.edges.map((_, k) => rounded(fit.weights[column + k]));
    const missing = rounded(term.edges.reduce((sum, _, k) => sum + fit.weights[column + k] * means[column + k], 0));
    column += term.edges.length;
    return { ...term, edges: [...term.edges], weights, missing };
  });
}
