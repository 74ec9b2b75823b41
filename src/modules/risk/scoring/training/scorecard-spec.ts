import { TermSpec } from '../score-terms';

/*
 * What scripts/fit-score.ts fits: the terms, their step positions and sign constraints, and the fixed seeds. Changing
 * anything here changes the weights, so bump SCORECARD_VERSION with it (docs/model-card.md, "Refitting").
 */

export const SCORECARD_VERSION = 'kcx-score-1';

// Amount steps are in the training data's currency units (NT dollars); see the model card's limits.
const AMOUNT_PAID_EDGES = [1, 500, 1_000, 2_000, 3_000, 5_000, 10_000, 20_000];
const LEVEL_EDGES = [1, 2, 3];

export const SCORECARD_TERMS: readonly TermSpec[] = [
  // Delinquency: every step may only add risk.
  { feature: 'latestLevel', edges: LEVEL_EDGES, direction: 'riskUp' },
  { feature: 'previousLevel', edges: LEVEL_EDGES, direction: 'riskUp' },
  { feature: 'olderWorstLevel', edges: LEVEL_EDGES, direction: 'riskUp' },
  { feature: 'monthsDelinquent', edges: [1, 2, 3, 4, 5, 6], direction: 'riskUp' },
  { feature: 'latestLevelUnpaid', edges: LEVEL_EDGES, direction: 'riskUp' },
  // Repayment behaviour: directions where the sense is clear, free where the data shows a U shape.
  { feature: 'paymentRatio', edges: [0.0001, 0.02, 0.05, 0.1, 0.2, 0.5, 1], direction: 'riskDown' },
  { feature: 'monthsNothingPaid', edges: [1, 2, 3, 4, 5], direction: 'riskUp' },
  { feature: 'monthsInactive', edges: [1, 2, 3, 4, 5, 6], direction: 'free' },
  { feature: 'utilisation', edges: [0.0001, 0.1, 0.3, 0.5, 0.7, 0.9, 1], direction: 'free' },
  { feature: 'balanceChange', edges: [-0.3, -0.1, -0.02, 0.02, 0.1, 0.3], direction: 'free' },
  { feature: 'outstanding', edges: [1, 1_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000], direction: 'free' },
  { feature: 'latestPaid', edges: AMOUNT_PAID_EDGES, direction: 'riskDown' },
  { feature: 'previousPaid', edges: AMOUNT_PAID_EDGES, direction: 'riskDown' },
  {
    feature: 'creditLimit',
    edges: [30_000, 50_000, 80_000, 120_000, 170_000, 240_000, 350_000, 500_000],
    direction: 'riskDown',
  },
];

/** Candidate L2 strengths; 5-fold cross-validation on the development rows picks one. */
export const LAMBDA_GRID = [0.0003, 0.001, 0.003, 0.01];
export const HOLDOUT_SHARE = 0.3;
export const SPLIT_SEED = 20240601;
export const FOLD_SEED = 7;
export const FOLDS = 5;
