/**
 * A quick diagnostic of purchase-timing regularity, before any model is fitted: Wheat & Morrison
 * (1990), "Estimating purchase regularity with two interpurchase times", Journal of Marketing
 * Research 27(1), 87–93 (the `wheat` method of BTYDplus' `estimateRegularity`).
 *
 * For two consecutive inter-purchase times t₁, t₂ of one customer, M = t₁ / (t₁ + t₂). If the gaps
 * are Erlang-k with a common rate, M ~ Beta(k, k) whatever the rate, so Var(M) = 1 / (4(2k + 1)) and
 *   k̂ = (1 / (4 Var(M)) − 1) / 2.
 * k̂ ≈ 1: exponential (Poisson) timing, what BG/NBD and Pareto/NBD assume; k̂ ≫ 1: regular buyers.
 */
import type { Transaction } from './summary.js';
import { purchaseDaysByCustomer } from './summary.js';

export type RegularityEstimate = {
  /** Estimated Erlang shape k̂ (NaN when fewer than two customers qualify). */
  k: number;
  /** Customers with at least three purchase days (two gaps), whose last two gaps were used. */
  customers: number;
  /** Sample variance of M. */
  varianceOfM: number;
};

/**
 * Wheat–Morrison regularity over the customers' last two inter-purchase times up to `cutoffDay`.
 *
 * @example
 * wheatMorrisonRegularity(transactions, { cutoffDay: dayNumber('1997-09-30') }).k; // ≈ 1 on CDNOW
 */
export function wheatMorrisonRegularity(
  transactions: readonly Transaction[],
  options: { cutoffDay: number },
): RegularityEstimate {
  const ratios: number[] = [];
  for (const days of purchaseDaysByCustomer(transactions, { lastDay: options.cutoffDay }).values()) {
    const n = days.length;
    if (n < 3) continue;
    const first = (days[n - 2] as number) - (days[n - 3] as number);
    const second = (days[n - 1] as number) - (days[n - 2] as number);
    ratios.push(first / (first + second));
  }
  if (ratios.length < 2) return { k: Number.NaN, customers: ratios.length, varianceOfM: Number.NaN };
  const mean = ratios.reduce((sum, m) => sum + m, 0) / ratios.length;
  const varianceOfM = ratios.reduce((sum, m) => sum + (m - mean) ** 2, 0) / (ratios.length - 1);
  return { k: (1 / (4 * varianceOfM) - 1) / 2, customers: ratios.length, varianceOfM };
}
