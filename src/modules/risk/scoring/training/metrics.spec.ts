import { auc, brier, ks } from './metrics';

describe('auc', () => {
  it.each([
    ['perfect ranking', [0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1], 1],
    ['reversed ranking', [0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1], 0],
    ['all tied', [1, 1, 1, 1], [0, 1, 0, 1], 0.5],
    ['one tie across classes', [0, 1, 1, 2], [0, 0, 1, 1], 0.875],
  ])('%s', (_name, risk, defaulted, expected) => {
    expect(auc(risk, defaulted)).toBeCloseTo(expected, 12);
  });
});

describe('ks', () => {
  it.each([
    ['perfect separation', [0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1], 1],
    ['no separation', [1, 1, 1, 1], [0, 1, 0, 1], 0],
    ['half separated', [0.1, 0.2, 0.3, 0.4], [0, 1, 0, 1], 0.5],
  ])('%s', (_name, risk, defaulted, expected) => {
    expect(ks(risk, defaulted)).toBeCloseTo(expected, 12);
  });
});

describe('brier', () => {
  it('is the mean squared error', () => {
    expect(brier([0.5, 0.5, 1, 0], [0, 1, 1, 0])).toBeCloseTo(0.125, 12);
  });
});
