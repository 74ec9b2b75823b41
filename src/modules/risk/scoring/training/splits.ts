/*
 * Seeded randomness for the training splits: the same seed gives the same split on every machine, which is what
 * makes `npm run fit:score` reproducible.
 */
import { seededRandom } from '../../../../common/random/seeded-random';

export { seededRandom };

function shuffled(indices: number[], random: () => number): number[] {
  const out = indices.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Assigns every row to one of `folds` folds, each class spread evenly, so every fold keeps the default rate.
 * Returns the fold of each row.
 */
export function stratifiedFolds(labels: ArrayLike<number>, folds: number, seed: number): number[] {
  const random = seededRandom(seed);
  const fold = new Array<number>(labels.length).fill(0);
  for (const label of [0, 1]) {
    const rows = Array.from({ length: labels.length }, (_, i) => i).filter((i) => labels[i] === label);
    shuffled(rows, random).forEach((row, k) => (fold[row] = k % folds));
  }
  return fold;
}

/** A stratified split: `holdoutShare` of each class to the holdout. Returns [development rows, holdout rows]. */
export function stratifiedSplit(labels: ArrayLike<number>, holdoutShare: number, seed: number): [number[], number[]] {
  const random = seededRandom(seed);
  const holdout = new Set<number>();
  for (const label of [0, 1]) {
    const rows = Array.from({ length: labels.length }, (_, i) => i).filter((i) => labels[i] === label);
    shuffled(rows, random)
      .slice(0, Math.round(rows.length * holdoutShare))
      .forEach((row) => holdout.add(row));
  }
  const all = Array.from({ length: labels.length }, (_, i) => i);
  return [all.filter((i) => !holdout.has(i)), all.filter((i) => holdout.has(i))];
}
