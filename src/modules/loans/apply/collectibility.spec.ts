import { collectibilityFor, isNonPerforming } from './collectibility';

describe('collectibilityFor (rule set 1)', () => {
  it.each([
    [0, 1],
    [1, 2],
    [90, 2],
    [91, 3],
    [120, 3],
    [121, 4],
    [180, 4],
    [181, 5],
    [9999, 5],
  ])('%i days past due is collectibility %i', (dpd, expected) => {
    expect(collectibilityFor(dpd)).toBe(expected);
  });

  it('refuses an unknown rule set', () => {
    expect(() => collectibilityFor(0, 99)).toThrow(/rule set/);
  });

  it.each([
    [1, false],
    [2, false],
    [3, true],
    [5, true],
  ] as const)('collectibility %i non-performing: %s', (c, npl) => {
    expect(isNonPerforming(c)).toBe(npl);
  });
});
