/**
 * Spend when the Gamma-Gamma model cannot be fitted. The usual cause is data without spend
 * heterogeneity (every customer always pays the same price): the likelihood then grows without
 * bound as p, q → ∞ and `fitGammaGamma` rightly refuses to return numbers. CLV still needs a spend
 * per purchase, so each customer's mean spend is shrunk towards the tenant mean with a fixed prior
 * weight of one purchase:
 *   E(M) = (x z̄ + κ m) / (x + κ),   κ = 1,  m = the tenant's mean repeat spend (weighted by x),
 * the same credibility form as Gamma-Gamma's E(M | z̄, x) (note 025, eq. 5) without the fitted
 * weight. With identical amounts everywhere it is exactly that amount, as it should be.
 */
import { AnalyticsError } from './errors.js';
import type { SpendHistory } from './gamma-gamma.js';

export type ShrunkMeanSpend = {
  model: 'shrunk-mean';
  /** The tenant mean m: Σ x z̄ / Σ x over customers with positive repeat spend. */
  populationMeanSpend: number;
  /** κ, in purchases. */
  priorWeight: number;
  /** Customers with positive repeat spend that entered m. */
  customers: number;
};

/**
 * The fallback's tenant mean from the same inputs `fitGammaGamma` uses. Throws `invalid_input` when
 * no customer has a positive repeat spend (there is then no mean to shrink to).
 *
 * @example
 * shrunkMeanSpend([{ spendCount: 2, meanSpend: 10 }, { spendCount: 1, meanSpend: 10 }]).populationMeanSpend; // 10
 */
export function shrunkMeanSpend(customers: readonly SpendHistory[]): ShrunkMeanSpend {
  let total = 0;
  let count = 0;
  let used = 0;
  for (const c of customers) {
    if (c.spendCount >= 1 && c.meanSpend > 0 && Number.isFinite(c.meanSpend)) {
      total += c.spendCount * c.meanSpend;
      count += c.spendCount;
      used++;
    }
  }
  if (count === 0)
    throw new AnalyticsError(
      'invalid_input',
      'no repeat purchase with a positive amount: no spend to average',
    );
  return { model: 'shrunk-mean', populationMeanSpend: total / count, priorWeight: 1, customers: used };
}

/**
 * E(M) for one customer under the fallback: (x z̄ + κ m)/(x + κ); the tenant mean for x = 0.
 *
 * @example
 * expectedSpendShrunk({ model: 'shrunk-mean', populationMeanSpend: 20, priorWeight: 1, customers: 9 }, { spendCount: 3, meanSpend: 40 }); // 35
 */
export function expectedSpendShrunk(fallback: ShrunkMeanSpend, customer: SpendHistory): number {
  const x = customer.spendCount > 0 && customer.meanSpend > 0 ? customer.spendCount : 0;
  const own = x > 0 ? x * customer.meanSpend : 0;
  return (own + fallback.priorWeight * fallback.populationMeanSpend) / (x + fallback.priorWeight);
}
