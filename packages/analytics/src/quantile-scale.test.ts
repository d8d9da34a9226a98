import { describe, expect, it } from 'vitest';
import { quantileScale, rankOnScale } from './quantile-scale.js';

describe('quantileScale', () => {
  it('interpolates between order statistics like R’s quantile(type = 7)', () => {
    // R: quantile(c(1, 2, 3, 4), c(0, .25, .5, .75, 1)) → 1, 1.75, 2.5, 3.25, 4
    expect(quantileScale([1, 2, 3, 4], 4)).toEqual([1, 1.75, 2.5, 3.25, 4]);
    expect(quantileScale(Float64Array.from([0, 10, 20, 30, 40]), 4)).toEqual([0, 10, 20, 30, 40]);
  });

  it('gives 21 points (0, 5, …, 100 %) by default, from the minimum to the maximum', () => {
    const scale = quantileScale([3, 7, 7, 9]);
    expect(scale).toHaveLength(21);
    expect(scale[0]).toBe(3);
    expect(scale[20]).toBe(9);
    expect(scale[10]).toBe(7);
  });

  it('is empty for no values and flat for one', () => {
    expect(quantileScale([])).toEqual([]);
    expect(quantileScale([5], 2)).toEqual([5, 5, 5]);
  });
});

describe('rankOnScale', () => {
  const scale = [0, 10, 20, 30, 40];

  it('interpolates between the scale’s points, 0–100', () => {
    expect(rankOnScale(scale, 15)).toBe(37.5);
    expect(rankOnScale(scale, 20)).toBe(50);
    expect(rankOnScale(scale, 39)).toBeCloseTo(97.5, 12);
  });

  it('clamps below the first and above the last point', () => {
    expect(rankOnScale(scale, -5)).toBe(0);
    expect(rankOnScale(scale, 41)).toBe(100);
  });

  it('ranks a value on a run of equal points at the middle of the run', () => {
    expect(rankOnScale([0, 0, 0, 10, 20], 0)).toBe(25);
  });

  it('puts everything in the middle of a scale with fewer than two points', () => {
    expect(rankOnScale([7], 100)).toBe(50);
    expect(rankOnScale([], 0)).toBe(50);
  });
});
