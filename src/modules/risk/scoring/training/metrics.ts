/*
 * Holdout figures for the model card. `risk` is any number that grows with risk (a probability, a count);
 * `defaulted` is 1 for a default. Ties are handled exactly, so a coarse rule (a count of months) is measured fairly.
 */

/** Rows grouped by equal risk, lowest risk first: [risk, goods, bads]. */
function tiedGroups(risk: ArrayLike<number>, defaulted: ArrayLike<number>): [number, number, number][] {
  const order = Array.from({ length: risk.length }, (_, i) => i).sort((a, b) => risk[a] - risk[b] || a - b);
  const groups: [number, number, number][] = [];
  for (const i of order) {
    let group = groups.at(-1);
    if (group === undefined || group[0] !== risk[i]) {
      group = [risk[i], 0, 0];
      groups.push(group);
    }
    if (defaulted[i]) group[2]++;
    else group[1]++;
  }
  return groups;
}

/** Area under the ROC curve: the chance a random default is ranked riskier than a random non-default (ties half). */
export function auc(risk: ArrayLike<number>, defaulted: ArrayLike<number>): number {
  let goodsBelow = 0;
  let pairs = 0;
  let goods = 0;
  let bads = 0;
  for (const [, good, bad] of tiedGroups(risk, defaulted)) {
    pairs += bad * (goodsBelow + good / 2);
    goodsBelow += good;
    goods += good;
    bads += bad;
  }
  return pairs / (goods * bads);
}

/** Kolmogorov-Smirnov statistic: the widest gap between the cumulative shares of goods and bads. */
export function ks(risk: ArrayLike<number>, defaulted: ArrayLike<number>): number {
  const groups = tiedGroups(risk, defaulted);
  const goods = groups.reduce((sum, g) => sum + g[1], 0);
  const bads = groups.reduce((sum, g) => sum + g[2], 0);
  let goodShare = 0;
  let badShare = 0;
  let best = 0;
  for (const [, good, bad] of groups) {
    goodShare += good / goods;
    badShare += bad / bads;
    best = Math.max(best, Math.abs(goodShare - badShare));
  }
  return best;
}

/** Mean squared error of predicted probabilities. */
export function brier(probability: ArrayLike<number>, defaulted: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < probability.length; i++) sum += (probability[i] - defaulted[i]) ** 2;
  return sum / probability.length;
}
