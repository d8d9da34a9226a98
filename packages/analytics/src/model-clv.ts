/**
 * CLV for any purchase model and either spend model: `customerLifetimeValue` generalised (same
 * formula, same defaults), so a tenant whose chosen model is not BG/NBD, or whose spend could not
 * be fitted by Gamma-Gamma, still gets a CLV.
 */
import type { Clv, ClvOptions } from './clv.js';
import { expectedSpend, type GammaGammaParams, type SpendHistory } from './gamma-gamma.js';
import { discountedExpectedPurchasesOf, type PurchaseModel } from './purchase-model.js';
import { expectedSpendShrunk, type ShrunkMeanSpend } from './spend-fallback.js';

/** Gamma-Gamma parameters, or the shrunk-mean fallback when Gamma-Gamma could not be fitted. */
export type SpendModel = { model: 'gamma-gamma'; params: GammaGammaParams } | ShrunkMeanSpend;

/** E(M | z̄, x) under either spend model. */
export function expectedSpendOf(spend: SpendModel, customer: SpendHistory): number {
  return spend.model === 'gamma-gamma'
    ? expectedSpend(spend.params, customer)
    : expectedSpendShrunk(spend, customer);
}

/**
 * CLV = margin · E(M) · Σ_{m=1..H} (E[Y(m)] − E[Y(m−1)]) / (1+d)^m with E[Y] of the given model.
 *
 * @example
 * customerLifetimeValueOf(model, { model: 'gamma-gamma', params: { p: 6.25, q: 3.74, gamma: 15.44 } }, customer).clv;
 */
export function customerLifetimeValueOf(
  model: PurchaseModel,
  spend: SpendModel,
  customer: { x: number; tx: number; T: number } & SpendHistory,
  options: ClvOptions = {},
): Clv {
  const horizonMonths = options.horizonMonths ?? 12;
  const monthlyDiscountRate = options.monthlyDiscountRate ?? 0.01;
  const margin = options.margin ?? 1;
  const discountedPurchases = discountedExpectedPurchasesOf(
    model,
    customer,
    horizonMonths,
    monthlyDiscountRate,
  );
  const perPurchase = expectedSpendOf(spend, customer);
  return {
    clv: margin * perPurchase * discountedPurchases,
    discountedPurchases,
    expectedSpend: perPurchase,
    horizonMonths,
    monthlyDiscountRate,
    margin,
  };
}
