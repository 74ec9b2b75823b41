import { fitLogistic, predictLogistic } from './logistic-fit';
import { seededRandom } from './splits';

// Synthetic data from a known model: logit p = -1 + 1.5 x1 - 0.8 x2, x binary.
function synthetic(n: number, seed: number): { columns: Float64Array[]; y: Uint8Array } {
  const random = seededRandom(seed);
  const x1 = new Float64Array(n);
  const x2 = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    x1[i] = random() < 0.4 ? 1 : 0;
    x2[i] = random() < 0.5 ? 1 : 0;
    const p = 1 / (1 + Math.exp(-(-1 + 1.5 * x1[i] - 0.8 * x2[i])));
    y[i] = random() < p ? 1 : 0;
  }
  return { columns: [x1, x2], y };
}

describe('fitLogistic', () => {
  const { columns, y } = synthetic(20_000, 11);
  const free = { lower: [-Infinity, -Infinity], upper: [Infinity, Infinity] };

  it('recovers the weights of a known model', () => {
    const fit = fitLogistic(columns, y, { lambda: 0, ...free });
    expect(fit.intercept).toBeCloseTo(-1, 1);
    expect(fit.weights[0]).toBeCloseTo(1.5, 1);
    expect(fit.weights[1]).toBeCloseTo(-0.8, 1);
  });

  it('holds a weight at its bound when the data pull it across', () => {
    const fit = fitLogistic(columns, y, { lambda: 0, lower: [-Infinity, 0], upper: [Infinity, Infinity] });
    expect(fit.weights[1]).toBe(0);
    expect(fit.weights[0]).toBeGreaterThan(1);
  });

  it('shrinks weights as the penalty grows', () => {
    const weak = fitLogistic(columns, y, { lambda: 0.001, ...free });
    const strong = fitLogistic(columns, y, { lambda: 0.1, ...free });
    expect(Math.abs(strong.weights[0])).toBeLessThan(Math.abs(weak.weights[0]));
  });

  it('gives the same weights on every run and predicts probabilities', () => {
    const a = fitLogistic(columns, y, { lambda: 0.001, ...free });
    const b = fitLogistic(columns, y, { lambda: 0.001, ...free });
    expect(b).toEqual(a);
    const p = predictLogistic(columns, y.length, a);
    const meanP = p.reduce((sum, v) => sum + v, 0) / p.length;
    expect(meanP).toBeCloseTo(y.reduce((sum, v) => sum + v, 0) / y.length, 2);
  });
});
