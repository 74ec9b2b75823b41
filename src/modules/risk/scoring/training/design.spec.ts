import { ScoreFeatures } from '../score-features';
import { TermSpec, termLogOdds } from '../score-terms';
import { assertMonotoneSpec, buildDesign, toModelTerms } from './design';

const features = (values: Partial<ScoreFeatures>): ScoreFeatures => values as ScoreFeatures;

describe('assertMonotoneSpec', () => {
  it.each(['free', 'riskDown'] as const)('refuses a delinquency term that is %s', (direction) => {
    expect(() => assertMonotoneSpec([{ feature: 'latestLevel', edges: [1, 2], direction }])).toThrow(/riskUp/);
  });

  it('refuses edges that do not ascend', () => {
    expect(() => assertMonotoneSpec([{ feature: 'utilisation', edges: [0.5, 0.5], direction: 'free' }])).toThrow(
      /ascend/,
    );
  });
});

describe('buildDesign and toModelTerms', () => {
  const terms: TermSpec[] = [
    { feature: 'latestLevel', edges: [1, 2], direction: 'riskUp' },
    { feature: 'utilisation', edges: [0.5], direction: 'riskDown' },
  ];
  const rows = [
    features({ latestLevel: 0, utilisation: 0.2 }),
    features({ latestLevel: 2, utilisation: 0.9 }),
    features({ latestLevel: 1, utilisation: Number.NaN }),
  ];

  it('makes one step column per edge, bounds from the direction, and fills unknowns with the column mean', () => {
    const design = buildDesign(terms, rows);
    expect(design.columns.map((c) => Array.from(c))).toEqual([
      [0, 1, 1],
      [0, 1, 0],
      [0, 1, 0.5],
    ]);
    expect(design.lower).toEqual([0, 0, -Infinity]);
    expect(design.upper).toEqual([Infinity, Infinity, 0]);
    expect(buildDesign(terms, rows.slice(2), design.means).columns[2][0]).toBe(0.5);
  });

  it('lays the weights back on their terms, an unknown value scoring the average', () => {
    const fit = { intercept: 0, weights: [0.3, 0.2, -0.4], objective: 0, newtonSteps: 1 };
    const [level, utilisation] = toModelTerms(terms, fit, buildDesign(terms, rows).means);
    expect(level.weights).toEqual([0.3, 0.2]);
    expect(termLogOdds(level, 2)).toBeCloseTo(0.5, 12);
    expect(termLogOdds(level, 1)).toBeCloseTo(0.3, 12);
    expect(termLogOdds(utilisation, Number.NaN)).toBeCloseTo(-0.2, 12);
  });
});
