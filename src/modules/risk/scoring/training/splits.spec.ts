import { seededRandom, stratifiedFolds, stratifiedSplit } from './splits';

const labels = Array.from({ length: 1_000 }, (_, i) => (i % 5 === 0 ? 1 : 0));
const rate = (rows: number[]): number => rows.filter((i) => labels[i] === 1).length / rows.length;

describe('seededRandom', () => {
  it('repeats for a seed and stays in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const drawn = Array.from({ length: 1_000 }, () => a());
    expect(drawn).toEqual(Array.from({ length: 1_000 }, () => b()));
    expect(drawn.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(43)()).not.toBe(drawn[0]);
  });
});

describe('stratifiedSplit', () => {
  it('sends the share of each class to the holdout, the same way every time', () => {
    const [dev, holdout] = stratifiedSplit(labels, 0.3, 1);
    expect(holdout).toHaveLength(300);
    expect(dev).toHaveLength(700);
    expect(rate(holdout)).toBeCloseTo(0.2, 12);
    expect(new Set([...dev, ...holdout]).size).toBe(1_000);
    expect(stratifiedSplit(labels, 0.3, 1)).toEqual([dev, holdout]);
  });
});

describe('stratifiedFolds', () => {
  it('gives every fold the same size and default rate', () => {
    const fold = stratifiedFolds(labels, 5, 1);
    for (let k = 0; k < 5; k++) {
      const rows = fold.flatMap((f, i) => (f === k ? [i] : []));
      expect(rows).toHaveLength(200);
      expect(rate(rows)).toBeCloseTo(0.2, 12);
    }
  });
});
