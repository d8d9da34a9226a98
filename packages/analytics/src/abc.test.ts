import { describe, expect, it } from 'vitest';
import { abcClassOf, classifyAbc } from './abc.js';
import { AnalyticsError } from './errors.js';

describe('classifyAbc', () => {
  // 10 customers: one holds 50 %, the Pareto shape.
  const items = [500, 200, 100, 60, 50, 40, 20, 15, 10, 5].map((value, i) => ({
    customerId: `c${i}`,
    value,
  }));

  it('makes A the customers needed to reach 80 %, B up to 95 %, C the rest', () => {
    const result = classifyAbc(items);
    expect(result.customers.map((c) => c.abcClass).join('')).toBe('AAABBBCCCC');
    expect(result.counts).toEqual({ A: 3, B: 3, C: 4 });
    expect(result.shares.A).toBeCloseTo(0.8, 12);
  });

  it('honours tenant thresholds', () => {
    const result = classifyAbc(items, { a: 0.5, b: 0.7 });
    expect(result.customers.map((c) => c.abcClass).join('')).toBe('ABCCCCCCCC');
  });

  it('returns value cut-offs that classify a single customer the same way', () => {
    const result = classifyAbc(items);
    for (const c of result.customers) expect(abcClassOf(c.value, result.cutoffs)).toBe(c.abcClass);
  });

  it('puts customers without positive value in C', () => {
    const result = classifyAbc([
      { customerId: 'a', value: 10 },
      { customerId: 'b', value: 0 },
      { customerId: 'c', value: -5 },
    ]);
    expect(result.customers.map((c) => c.abcClass)).toEqual(['A', 'C', 'C']);
  });

  it('rejects inconsistent thresholds', () => {
    expect(() => classifyAbc(items, { a: 0.9, b: 0.8 })).toThrow(AnalyticsError);
  });
});
