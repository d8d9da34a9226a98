/**
 * Per-customer scoring with stored parameters: what the stream handler calls for each order, so it
 * does no fitting, no sorting and allocates only the result.
 */
import { type AbcClass, type AbcCutoffs, abcClassOf } from './abc.js';
import { type BgNbdParams, medianWeeksToNextPurchase } from './bgnbd.js';
import type { ClvOptions } from './clv.js';
import { expectedSpend, type GammaGammaParams } from './gamma-gamma.js';
import {
  defaultLifecycleThresholds,
  type LifecycleStage,
  type LifecycleThresholds,
  purchaseTrend,
  suggestLifecycleStage,
} from './lifecycle.js';
import {
  customerForecastOf,
  expectedAndDiscounted,
  type NextPurchaseWindow,
  type PurchaseModel,
  type PurchaseModelName,
} from './purchase-model.js';
import { type RfmCutoffs, type RfmScore, scoreRfm } from './rfm.js';
import { expectedSpendShrunk, type ShrunkMeanSpend } from './spend-fallback.js';

/** What a tenant stores after a fit and reuses for every event until the next fit. */
export type ScoringParams = {
  bgnbd: BgNbdParams;
  /**
   * The tenant's chosen purchase model (issue 13); when present it gives P(alive), the expected
   * purchases, the next-purchase date and window and CLV instead of `bgnbd`.
   */
  purchaseModel?: PurchaseModel;
  /** Without it, expectedSpend and clv are null. */
  gammaGamma?: GammaGammaParams;
  /** Spend when Gamma-Gamma could not be fitted (used only without `gammaGamma`). */
  spendFallback?: ShrunkMeanSpend;
  /** Without them, rfm is null. */
  rfm?: RfmCutoffs;
  /** Without them, abcClass is null. ABC is on total spend (`totalAmount`). */
  abc?: AbcCutoffs;
  clv?: ClvOptions;
  /** Horizon of `expectedPurchases`. @default 90 */
  expectedPurchasesDays?: number;
  lifecycle?: LifecycleThresholds;
};

/** The part of `CustomerSummary` scoring reads; T and t_x are recomputed from the days and asOf. */
export type ScoringInput = {
  customerId: string;
  x: number;
  firstDay: number;
  lastDay: number;
  totalAmount: number;
  spendCount: number;
  meanSpend: number;
};

export type CustomerScore = {
  customerId: string;
  asOfDay: number;
  /** The inputs every number below was computed from. */
  inputs: {
    x: number;
    tx: number;
    T: number;
    recencyDays: number;
    frequency: number;
    monetary: number;
    spendCount: number;
    meanSpend: number;
  };
  pAlive: number;
  /** E[Y(t)] over the next `expectedPurchasesDays` (BG/NBD eq. 10). */
  expectedPurchases: number;
  expectedPurchasesDays: number;
  /** Median weeks to the next purchase if alive (see `medianWeeksToNextPurchase`). */
  nextPurchaseWeeks: number;
  /** asOfDay + nextPurchaseWeeks, as a day number (null when beyond ~270 years). */
  nextPurchaseDay: number | null;
  /** The purchase model the numbers come from. */
  model: PurchaseModelName;
  /**
   * The next-purchase window: 10 %, 50 % and 90 % quantiles of the wait if alive, in weeks and as
   * day numbers (a day is null when beyond ~270 years).
   */
  nextPurchaseWindow: NextPurchaseWindow & {
    startDay: number | null;
    medianDay: number | null;
    endDay: number | null;
  };
  expectedSpend: number | null;
  clv: number | null;
  discountedPurchases: number | null;
  rfm: RfmScore | null;
  abcClass: AbcClass | null;
  lifecycle: LifecycleStage;
  lifecycleRule: string;
  /** Expected purchase rate ahead ÷ observed repeat rate; null without repeat purchases. */
  trend: number | null;
};

/** The day `weeks` after `asOfDay` (null when beyond ~270 years). */
function dayAfter(asOfDay: number, weeks: number): number | null {
  return weeks * 7 < 100_000 ? asOfDay + Math.round(weeks * 7) : null;
}

/**
 * Every per-customer number, with its inputs, from stored parameters. T runs to `asOfDay`.
 *
 * @example
 * scoreCustomer(
 *   { bgnbd: { r: 0.2426, alpha: 4.414, a: 0.793, b: 2.426 }, gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 } },
 *   { customerId: 'c1', x: 2, firstDay: 9862, lastDay: 10075, totalAmount: 74.02, spendCount: 2, meanSpend: 22.35 },
 *   10134,
 * ); // { pAlive: 0.8…, expectedPurchases: …, clv: …, lifecycle: 'development', … }
 */
export function scoreCustomer(params: ScoringParams, customer: ScoringInput, asOfDay: number): CustomerScore {
  const T = Math.max(0, asOfDay - customer.firstDay) / 7;
  const tx = Math.max(0, customer.lastDay - customer.firstDay) / 7;
  const repeat = { x: customer.x, tx, T };
  const horizonDays = params.expectedPurchasesDays ?? 90;
  const model = params.purchaseModel;
  // The model's per-customer work (posterior, P(alive)) is done once for every number below.
  const forecast = customerForecastOf(model ?? { model: 'bgnbd', params: params.bgnbd }, repeat);
  const pAlive = forecast.pAlive;
  const withSpend = params.gammaGamma !== undefined || params.spendFallback !== undefined;
  const clvOptions = params.clv ?? {};
  // The 90-day expectation and CLV's 12 months come from one call (one pass per horizon over shared
  // per-x coefficients).
  const { expected, discounted: discountedPurchases } = expectedAndDiscounted(
    forecast,
    horizonDays / 7,
    withSpend
      ? {
          horizonMonths: clvOptions.horizonMonths ?? 12,
          monthlyDiscountRate: clvOptions.monthlyDiscountRate ?? 0.01,
        }
      : undefined,
  );
  const window = forecast.window();
  // BG/NBD's window median is `medianWeeksToNextPurchase` (the same Pareto II quantile).
  const nextPurchaseWeeks = model ? window.medianWeeks : medianWeeksToNextPurchase(params.bgnbd, repeat);
  const nextPurchaseDays = nextPurchaseWeeks * 7;
  const recencyDays = asOfDay - customer.lastDay;
  const frequency = customer.x + 1;

  let spend: number | null = null;
  let clv: number | null = null;
  if (withSpend) {
    spend = params.gammaGamma
      ? expectedSpend(params.gammaGamma, customer)
      : expectedSpendShrunk(params.spendFallback as ShrunkMeanSpend, customer);
    clv = (clvOptions.margin ?? 1) * spend * (discountedPurchases as number);
  }
  const trend = purchaseTrend(expected, horizonDays / 7, repeat);
  const lifecycle = suggestLifecycleStage(
    { tenureWeeks: T, repeatPurchases: customer.x, pAlive, ...(trend === undefined ? {} : { trend }) },
    params.lifecycle ?? defaultLifecycleThresholds,
  );
  return {
    customerId: customer.customerId,
    asOfDay,
    inputs: {
      x: customer.x,
      tx,
      T,
      recencyDays,
      frequency,
      monetary: customer.totalAmount,
      spendCount: customer.spendCount,
      meanSpend: customer.meanSpend,
    },
    pAlive,
    expectedPurchases: expected,
    expectedPurchasesDays: horizonDays,
    nextPurchaseWeeks,
    nextPurchaseDay: nextPurchaseDays < 100_000 ? asOfDay + Math.round(nextPurchaseDays) : null,
    model: model?.model ?? 'bgnbd',
    nextPurchaseWindow: {
      startWeeks: window.startWeeks,
      medianWeeks: window.medianWeeks,
      endWeeks: window.endWeeks,
      probabilityAlive: window.probabilityAlive,
      startDay: dayAfter(asOfDay, window.startWeeks),
      medianDay: dayAfter(asOfDay, window.medianWeeks),
      endDay: dayAfter(asOfDay, window.endWeeks),
    },
    expectedSpend: spend,
    clv,
    discountedPurchases,
    rfm: params.rfm ? scoreRfm({ recencyDays, frequency, monetary: customer.totalAmount }, params.rfm) : null,
    abcClass: params.abc ? abcClassOf(customer.totalAmount, params.abc) : null,
    lifecycle: lifecycle.stage,
    lifecycleRule: lifecycle.rule,
    trend: trend ?? null,
  };
}
