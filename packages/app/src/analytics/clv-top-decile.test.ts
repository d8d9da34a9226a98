import { quantileScale } from '@crm/analytics';
import { describe, expect, it } from 'vitest';
import { inTopClvDecile } from './clv-top-decile.js';

/** The CLV scale of a book of 100 customers worth 10, 20, …, 1,000: the 90 % point is 901. */
const fitOf = (clvs: number[]) => ({
  valueIndex: {
    weights: { current: 1, potential: 1, influence: 0, learning: 0 },
    currentQuantiles: [],
    potentialQuantiles: quantileScale(Float64Array.from(clvs).sort()),
  },
});
const book = Array.from({ length: 100 }, (_, index) => (index + 1) * 10);

describe('inTopClvDecile', () => {
  it('counts the tenth worth most, from the 90 % point of the scale up', () => {
    // (100 − 1) × 0.9 = 89.1: between the 90th (900) and 91st (910) customer, 901.
    expect(inTopClvDecile(fitOf(book), 910)).toBe(true);
    expect(inTopClvDecile(fitOf(book), 1_000)).toBe(true);
    expect(inTopClvDecile(fitOf(book), 900)).toBe(false);
    expect(book.filter((clv) => inTopClvDecile(fitOf(book), clv))).toHaveLength(10);
  });

  it('never counts a customer without CLV, worth nothing, or under a fit without the scale', () => {
    expect(inTopClvDecile(fitOf(book), null)).toBe(false);
    const mostlyNothing = [...Array.from({ length: 95 }, () => 0), 10, 20, 30, 40, 50];
    expect(inTopClvDecile(fitOf(mostlyNothing), 0)).toBe(false);
    expect(inTopClvDecile(fitOf(mostlyNothing), 10)).toBe(true);
    expect(inTopClvDecile({}, 5_000)).toBe(false);
  });
});
