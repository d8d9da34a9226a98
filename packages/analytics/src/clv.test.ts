import { describe, expect, it } from 'vitest';
import { expectedPurchases } from './bgnbd.js';
import { customerLifetimeValue, WEEKS_PER_MONTH } from './clv.js';
import { expectedSpend } from './gamma-gamma.js';

const bgnbd = { r: 0.2426, alpha: 4.414, a: 0.793, b: 2.426 };
const gammaGamma = { p: 6.25, q: 3.74, gamma: 15.44 };
const customer = { x: 2, tx: 30.43, T: 38.86, spendCount: 2, meanSpend: 22.35 };

describe('customerLifetimeValue', () => {
  it('without discounting is E(M) × E[Y(horizon)]', () => {
    const result = customerLifetimeValue(bgnbd, gammaGamma, customer, {
      horizonMonths: 12,
      monthlyDiscountRate: 0,
    });
    const expected =
      expectedSpend(gammaGamma, customer) * expectedPurchases(bgnbd, customer, 12 * WEEKS_PER_MONTH);
    expect(result.clv).toBeCloseTo(expected, 10);
  });

  it('discounts month m by (1 + d)^m', () => {
    const result = customerLifetimeValue(bgnbd, gammaGamma, customer, {
      horizonMonths: 3,
      monthlyDiscountRate: 0.01,
    });
    let manual = 0;
    for (let m = 1; m <= 3; m++) {
      const increment =
        expectedPurchases(bgnbd, customer, m * WEEKS_PER_MONTH) -
        expectedPurchases(bgnbd, customer, (m - 1) * WEEKS_PER_MONTH);
      manual += increment / 1.01 ** m;
    }
    expect(result.discountedPurchases).toBeCloseTo(manual, 10);
    expect(result.clv).toBeCloseTo(manual * result.expectedSpend, 10);
  });

  it('grows with the horizon, shrinks with the discount rate and scales with the margin', () => {
    const base = customerLifetimeValue(bgnbd, gammaGamma, customer).clv;
    expect(customerLifetimeValue(bgnbd, gammaGamma, customer, { horizonMonths: 24 }).clv).toBeGreaterThan(
      base,
    );
    expect(
      customerLifetimeValue(bgnbd, gammaGamma, customer, { monthlyDiscountRate: 0.05 }).clv,
    ).toBeLessThan(base);
    expect(customerLifetimeValue(bgnbd, gammaGamma, customer, { margin: 0.3 }).clv).toBeCloseTo(
      0.3 * base,
      10,
    );
  });
});
