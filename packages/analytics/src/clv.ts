/**
 * Customer lifetime value from BG/NBD (transactions) × Gamma-Gamma (spend), as in Fader, Hardie &
 * Lee (2005) "RFM and CLV", which combines the two under the assumption that spend is independent
 * of the transaction process.
 */
import { type BgNbdParams, probabilityAlive, type RepeatBuying } from './bgnbd.js';
import { expectedSpend, type GammaGammaParams, type SpendHistory } from './gamma-gamma.js';
import { hyp2f1 } from './special.js';

/** Weeks in an average month (365.25 / 12 / 7). */
export const WEEKS_PER_MONTH = 365.25 / 12 / 7;

export type ClvOptions = {
  /** @default 12 */
  horizonMonths?: number;
  /** Monthly discount rate d. @default 0.01 */
  monthlyDiscountRate?: number;
  /** Profit margin applied to spend (1 = revenue). @default 1 */
  margin?: number;
};

export type Clv = {
  clv: number;
  /** Σ_m (E[Y(m)] − E[Y(m−1)]) / (1+d)^m: discounted expected purchases over the horizon. */
  discountedPurchases: number;
  /** E(M | z̄, x), the Gamma-Gamma expected spend per purchase. */
  expectedSpend: number;
  horizonMonths: number;
  monthlyDiscountRate: number;
  margin: number;
};

/**
 * Σ_{m=1..H} (E[Y(m w)] − E[Y((m−1) w)]) / (1+d)^m with E[Y(t)] of BG/NBD eq. (10) and w weeks per
 * month. P(alive) and the prefactor are computed once; each month costs one ₂F₁ series (in Euler's
 * form, see `expectedPurchases`).
 */
export function discountedExpectedPurchases(
  params: BgNbdParams,
  customer: RepeatBuying,
  horizonMonths: number,
  monthlyDiscountRate: number,
): number {
  const { r, alpha, a, b } = params;
  const x = customer.x;
  const alphaT = alpha + customer.T;
  const am1 = Math.abs(a - 1) < 1e-7 ? (a >= 1 ? 1e-7 : -1e-7) : a - 1;
  const prefactor = ((am1 + b + x) / am1) * probabilityAlive(params, customer);
  const c = a + b + x - 1;
  const upper = a + b - 1 - r;
  let previous = 0;
  let total = 0;
  let discount = 1;
  const perMonth = 1 / (1 + monthlyDiscountRate);
  for (let m = 1; m <= horizonMonths; m++) {
    const t = m * WEEKS_PER_MONTH;
    const z = t / (alphaT + t);
    // eq. (10) in Euler's form: E[Y(t)] = prefactor · (1 − (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z))
    const expected = prefactor * -Math.expm1(am1 * Math.log1p(-z) + Math.log(hyp2f1(upper, am1, c, z)));
    discount *= perMonth;
    total += (expected - previous) * discount;
    previous = expected;
  }
  return total;
}

/**
 * CLV over a horizon:
 *   CLV = margin · E(M | z̄, x) · Σ_{m=1..H} (E[Y(m)] − E[Y(m−1)]) / (1 + d)^m,
 * E[Y(t)] the BG/NBD conditional expectation (Fader, Hardie & Lee 2005, eq. 10) in months of
 * 365.25/12 days, E(M) the Gamma-Gamma expected spend (note 025, eq. 5), d the monthly discount rate
 * (purchases in month m are discounted by (1+d)^m, i.e. at the end of the month).
 *
 * @example
 * customerLifetimeValue(
 *   { r: 0.2426, alpha: 4.414, a: 0.793, b: 2.426 },
 *   { p: 6.25, q: 3.74, gamma: 15.44 },
 *   { x: 2, tx: 30.43, T: 38.86, spendCount: 2, meanSpend: 22.35 },
 * ).clv; // 12 months at 1 % a month
 */
export function customerLifetimeValue(
  bgnbd: BgNbdParams,
  gammaGamma: GammaGammaParams,
  customer: RepeatBuying & SpendHistory,
  options: ClvOptions = {},
): Clv {
  const horizonMonths = options.horizonMonths ?? 12;
  const monthlyDiscountRate = options.monthlyDiscountRate ?? 0.01;
  const margin = options.margin ?? 1;
  const discountedPurchases = discountedExpectedPurchases(
    bgnbd,
    customer,
    horizonMonths,
    monthlyDiscountRate,
  );
  const spend = expectedSpend(gammaGamma, customer);
  return {
    clv: margin * spend * discountedPurchases,
    discountedPurchases,
    expectedSpend: spend,
    horizonMonths,
    monthlyDiscountRate,
    margin,
  };
}
