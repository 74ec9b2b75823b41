/*
 * L2-regularised logistic regression with a lower and upper bound on every weight: the bounds are how the
 * scorecard's sign constraints are enforced in the fit itself. Each Newton step minimises the quadratic model of the
 * loss within the bounds by coordinate descent on the small (weights x weights) Hessian, then halves the step until
 * the objective falls. Everything runs in a fixed order, so a fit is bit-for-bit repeatable.
 */

export interface LogisticFitOptions {
  /** Penalty lambda/2 * sum(w^2) on the mean log-loss; the intercept is not penalised. */
  lambda: number;
  lower: readonly number[];
  upper: readonly number[];
  maxNewtonSteps?: number;
}

export interface LogisticFit {
  intercept: number;
  weights: number[];
  /** Penalised mean log-loss at the solution. */
  objective: number;
  newtonSteps: number;
}

const sigmoid = (eta: number): number => 1 / (1 + Math.exp(-eta));
const MAX_SWEEPS = 100_000;
const SWEEP_TOLERANCE = 1e-12;

/** `columns` are the design matrix's columns (one value per row); `y` is 1 for a default. */
export function fitLogistic(columns: readonly Float64Array[], y: Uint8Array, options: LogisticFitOptions): LogisticFit {
  const n = y.length;
  // Coefficient 0 is the intercept: a column of ones, unbounded and unpenalised.
  const x = [new Float64Array(n).fill(1), ...columns];
  const p = x.length;
  const lower = [-Infinity, ...options.lower];
  const upper = [Infinity, ...options.upper];
  const penalty = (j: number): number => (j === 0 ? 0 : options.lambda);
  const clamp = (j: number, value: number): number => Math.min(upper[j], Math.max(lower[j], value));

  const objectiveOf = (beta: readonly number[]): number => {
    const eta = linearPredictor(x, n, beta);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      // log(1 + e^eta) - y * eta, written to stay finite for large |eta|
      const e = eta[i];
      loss += (e > 0 ? e + Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e))) - y[i] * e;
    }
    return loss / n + beta.reduce((sum, b, j) => sum + (penalty(j) / 2) * b * b, 0);
  };

  const rate = y.reduce((sum, v) => sum + v, 0) / n;
  let beta = x.map((_, j) => (j === 0 ? Math.log(rate / (1 - rate)) : clamp(j, 0)));
  let objective = objectiveOf(beta);
  let step = 0;
  const maxNewtonSteps = options.maxNewtonSteps ?? 50;
  while (step < maxNewtonSteps) {
    step++;
    const eta = linearPredictor(x, n, beta);
    const w = new Float64Array(n);
    const residual = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const prob = sigmoid(eta[i]);
      w[i] = prob * (1 - prob);
      residual[i] = prob - y[i];
    }
    const gradient = x.map((column, j) => dot(column, residual) / n + penalty(j) * beta[j]);
    const hessian = x.map((column, j) =>
      x.map((other, k) => (k < j ? 0 : weightedDot(column, other, w) / n + (j === k ? penalty(j) : 0))),
    );
    for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) hessian[j][k] = hessian[k][j];

    const target = minimiseBoxedQuadratic(hessian, gradient, beta, clamp);
    // Step halving keeps every Newton step a descent step; the bounds hold on the whole segment.
    let t = 1;
    let candidate = target;
    let candidateObjective = objectiveOf(candidate);
    while (candidateObjective > objective && t > 1e-6) {
      t /= 2;
      candidate = beta.map((b, j) => b + t * (target[j] - b));
      candidateObjective = objectiveOf(candidate);
    }
    if (candidateObjective > objective) break;
    const moved = Math.max(...candidate.map((b, j) => Math.abs(b - beta[j])));
    const improved = objective - candidateObjective;
    beta = candidate;
    objective = candidateObjective;
    if (moved < 1e-9 || improved < 1e-14) break;
  }
  return { intercept: beta[0], weights: beta.slice(1), objective, newtonSteps: step };
}

/** Minimises g'd + d'Hd/2 over d = beta' - beta with beta' inside the bounds, by cyclic coordinate descent. */
function minimiseBoxedQuadratic(
  hessian: readonly number[][],
  gradient: readonly number[],
  beta: readonly number[],
  clamp: (j: number, value: number) => number,
): number[] {
  const p = beta.length;
  const next = beta.slice();
  const hd = new Float64Array(p); // H (next - beta)
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let change = 0;
    for (let j = 0; j < p; j++) {
      const row = hessian[j];
      if (row[j] <= 0) continue; // a column of zeros without a penalty: nothing to fit
      const value = clamp(j, next[j] - (gradient[j] + hd[j]) / row[j]);
      const d = value - next[j];
      if (d === 0) continue;
      next[j] = value;
      for (let k = 0; k < p; k++) hd[k] += row[k] * d;
      change = Math.max(change, Math.abs(d));
    }
    if (change < SWEEP_TOLERANCE) break;
  }
  return next;
}

function linearPredictor(x: readonly Float64Array[], n: number, beta: readonly number[]): Float64Array {
  const eta = new Float64Array(n);
  x.forEach((column, j) => {
    if (beta[j] !== 0) for (let i = 0; i < n; i++) eta[i] += beta[j] * column[i];
  });
  return eta;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

function weightedDot(a: Float64Array, b: Float64Array, w: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i] * w[i];
  return sum;
}

/** Probability of default for each of `rows` rows of a design matrix under a fit. */
export function predictLogistic(
  columns: readonly Float64Array[],
  rows: number,
  fit: Pick<LogisticFit, 'intercept' | 'weights'>,
): Float64Array {
  return linearPredictor([new Float64Array(rows).fill(1), ...columns], rows, [fit.intercept, ...fit.weights]).map(
    sigmoid,
  );
}
