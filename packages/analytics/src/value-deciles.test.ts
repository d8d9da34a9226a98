import { describe, expect, it } from 'vitest';
import { valueDeciles } from './value-deciles.js';

describe('valueDeciles', () => {
  it('splits the values into tenths, highest first, with each tenth’s share of the total', () => {
    const deciles = valueDeciles(Array.from({ length: 20 }, (_, index) => index + 1)); // 1…20, total 210

    expect(deciles).toHaveLength(10);
    expect(deciles[0]).toEqual({ decile: 1, customers: 2, min: 19, max: 20, total: 39, share: 39 / 210 });
    expect(deciles[9]).toEqual({ decile: 10, customers: 2, min: 1, max: 2, total: 3, share: 3 / 210 });
    expect(deciles.reduce((sum, decile) => sum + decile.share, 0)).toBeCloseTo(1, 12);
  });

  it('leaves deciles empty when there are fewer than ten values', () => {
    const deciles = valueDeciles([3, 5]);

    expect(deciles.filter((decile) => decile.customers > 0)).toEqual([
      { decile: 5, customers: 1, min: 5, max: 5, total: 5, share: 5 / 8 },
      { decile: 10, customers: 1, min: 3, max: 3, total: 3, share: 3 / 8 },
    ]);
    expect(deciles[0]).toEqual({ decile: 1, customers: 0, min: 0, max: 0, total: 0, share: 0 });
  });

  it('gives every decile a share of 0 when the total is 0', () => {
    expect(valueDeciles([0, 0, 0]).every((decile) => decile.share === 0)).toBe(true);
  });
});
