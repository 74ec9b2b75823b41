import { nplRatio } from './npl-ratio';

describe('nplRatio', () => {
  it.each([
    [0, 0, null],
    [5, 0, null],
    [0, 1_000_000, 0],
    [1_000_000, 1_000_000, 1],
    [1, 3, 0.3333],
    [2, 3, 0.6667],
    [1, 8, 0.125],
    // 0.00005 exactly rounds up, 0.000049999 down
    [5, 100_000, 0.0001],
    [4_999_999, 100_000_000_000, 0],
    [2_500_000, 10_000_000, 0.25],
    [9_007_199_254_740_000, 9_007_199_254_740_991, 1],
  ])('%d of %d is %s', (npl, total, expected) => {
    expect(nplRatio(npl, total)).toBe(expected);
  });
});
