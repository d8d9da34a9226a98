import { describe, expect, it } from 'vitest';
import { minimizeBfgs, minimizeNelderMead, numericGradient, type ObjectiveWithGradient } from './optimize.js';

// The Rosenbrock valley: minimum 0 at (1, 1), the classic hard case for line searches.
const rosenbrock: ObjectiveWithGradient = (x, g) => {
  const a = x[0] as number;
  const b = x[1] as number;
  g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
  g[1] = 200 * (b - a * a);
  return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
};

describe('minimizeBfgs', () => {
  it('finds the Rosenbrock minimum from the standard start (−1.2, 1)', () => {
    const result = minimizeBfgs(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
  });

  it('works with a central-difference gradient', () => {
    const result = minimizeBfgs(
      numericGradient((x) => ((x[0] as number) - 3) ** 2 + 10 * ((x[1] as number) + 1) ** 4),
      [0, 0],
      { gradientTolerance: 1e-6 },
    );
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(3, 5);
    expect(result.x[1]).toBeCloseTo(-1, 1);
  });

  it('reports non-convergence for an unbounded objective instead of claiming a minimum', () => {
    const result = minimizeBfgs(
      (x, g) => {
        g[0] = -1;
        return -(x[0] as number);
      },
      [0],
      { maxIterations: 50 },
    );
    expect(result.converged).toBe(false);
  });

  it('refuses a start where the objective is not finite', () => {
    const result = minimizeBfgs(() => Number.NaN, [0]);
    expect(result.converged).toBe(false);
    expect(result.message).toMatch(/not finite/);
  });
});

describe('minimizeNelderMead', () => {
  it('finds the Rosenbrock minimum without derivatives', () => {
    const f = (x: Float64Array) => rosenbrock(x, new Float64Array(2));
    const result = minimizeNelderMead(f, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 4);
    expect(result.x[1]).toBeCloseTo(1, 4);
  });

  it('minimizes a 4-dimensional quadratic bowl', () => {
    const target = [1, -2, 0.5, 3];
    const f = (x: Float64Array) =>
      target.reduce((sum, t, i) => sum + (i + 1) * ((x[i] as number) - t) ** 2, 0);
    const result = minimizeNelderMead(f, [0, 0, 0, 0]);
    expect(result.converged).toBe(true);
    result.x.forEach((v, i) => {
      expect(v).toBeCloseTo(target[i] as number, 4);
    });
  });
});
