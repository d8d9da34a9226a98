import { describe, expect, it } from 'vitest';
import { AnalyticsError } from './errors.js';
import { compositeValueIndex, percentileRank, scaleTo100 } from './value-index.js';

describe('compositeValueIndex', () => {
  it('is the weighted average of the four dimensions with the default weights 0.4/0.3/0.2/0.1', () => {
    expect(
      compositeValueIndex({ current: 80, potential: 60, influence: 40, learning: 20 }).index,
    ).toBeCloseTo(60, 12);
  });

  it('normalises weights that do not sum to 1 and shows each input, weight and contribution', () => {
    const result = compositeValueIndex(
      { current: 100, potential: 0, influence: 50, learning: 0 },
      { current: 2, potential: 1, influence: 1, learning: 0 },
    );
    expect(result.index).toBeCloseTo(62.5, 12);
    expect(result.components[0]).toEqual({
      dimension: 'current',
      score: 100,
      weight: 2,
      normalisedWeight: 0.5,
      contribution: 50,
    });
    expect(result.components.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(result.index, 12);
  });

  it('rejects scores outside 0–100 and all-zero weights', () => {
    expect(() => compositeValueIndex({ current: 101, potential: 0, influence: 0, learning: 0 })).toThrow(
      AnalyticsError,
    );
    expect(() =>
      compositeValueIndex(
        { current: 1, potential: 1, influence: 1, learning: 1 },
        { current: 0, potential: 0, influence: 0, learning: 0 },
      ),
    ).toThrow(AnalyticsError);
  });
});

describe('scaling helpers', () => {
  it('scales linearly and clamps to 0–100', () => {
    expect(scaleTo100(75, 50, 100)).toBe(50);
    expect(scaleTo100(10, 50, 100)).toBe(0);
    expect(scaleTo100(500, 50, 100)).toBe(100);
  });

  it('ranks by mid-rank percentile', () => {
    expect(percentileRank([1, 2, 3, 4], 3)).toBe(62.5);
    expect(percentileRank([5, 5, 5, 5], 5)).toBe(50);
  });
});
