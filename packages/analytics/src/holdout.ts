/**
 * Model checking as in Fader, Hardie & Lee (2005) §4: fit on a calibration period, then compare
 * what the model expects with what customers did in the holdout period — per number of calibration
 * repeat purchases (the paper's Figure 4, "conditional expectations") and as cumulative repeat
 * purchases week by week over both periods (the paper's Figure 3, tracking plot).
 */
import { type BgNbdParams, expectedPurchases, expectedPurchasesNew } from './bgnbd.js';
import type { HoldoutSummary } from './summary.js';
import { trackingCurves } from './tracking-curve.js';

export type FrequencyBucket = {
  /** Calibration repeat purchases: '0' … '6', then '7+'. */
  x: string;
  customers: number;
  /** Mean holdout purchases per customer in the bucket. */
  actual: number;
  expected: number;
};

export type CumulativeWeek = {
  /** Weeks since the earliest first purchase. */
  week: number;
  /** Cumulative repeat purchases of the cohort up to the end of the week. */
  actual: number;
  expected: number;
};

export type HoldoutComparison = {
  customers: number;
  holdoutWeeks: number;
  byFrequency: FrequencyBucket[];
  cumulative: CumulativeWeek[];
  errors: {
    /** Σ holdout purchases, actual and expected, over all customers. */
    totalActual: number;
    totalExpected: number;
    /** Mean absolute error of the bucket means (unweighted, over non-empty buckets). */
    bucketMae: number;
    /** Per-customer mean absolute error and RMSE of holdout purchases. */
    customerMae: number;
    customerRmse: number;
    /** Mean absolute percentage error of the cumulative curve over the holdout weeks. */
    cumulativeMape: number;
    /** (expected − actual) / actual of the cumulative total at the last week. */
    cumulativeEndError: number;
  };
};

/**
 * Compares BG/NBD expectations with holdout behaviour. `customers` come from `summarizeHoldout`
 * with the same cutoff and end.
 *
 * @example
 * const customers = summarizeHoldout(transactions, { cutoffDay, endDay });
 * const fit = fitBgNbd(customers);
 * compareHoldout(fit.params, customers, { cutoffDay, endDay }).byFrequency;
 */
export function compareHoldout(
  params: BgNbdParams,
  customers: readonly HoldoutSummary[],
  options: { cutoffDay: number; endDay: number },
): HoldoutComparison {
  return compareHoldoutWith(
    {
      expected: (c, t) => expectedPurchases(params, c, t),
      expectedNew: (t) => expectedPurchasesNew(params, t),
    },
    customers,
    options,
  );
}

/** What a holdout check needs from a purchase model (any of `PurchaseModel`, via `forecasterOf`). */
export type HoldoutForecaster = {
  /** E[purchases in (T, T + t] | x, t_x, T] (BG/NBD eq. 10 and its analogues). */
  expected: (customer: HoldoutSummary, t: number) => number;
  /** E[repeat purchases in (0, t]] of a customer acquired at 0 (BG/NBD eq. 9 and analogues). */
  expectedNew: (t: number) => number;
};

/**
 * `compareHoldout` for any purchase model: the same buckets, tracking curve and errors.
 *
 * @example
 * compareHoldoutWith(forecasterOf(model), customers, { cutoffDay, endDay }).errors.customerMae;
 */
export function compareHoldoutWith(
  forecaster: HoldoutForecaster,
  customers: readonly HoldoutSummary[],
  options: { cutoffDay: number; endDay: number; tracking?: boolean },
): HoldoutComparison {
  const holdoutWeeks = (options.endDay - options.cutoffDay) / 7;
  const buckets = Array.from({ length: 8 }, (_, i) => ({
    x: i < 7 ? String(i) : '7+',
    n: 0,
    actual: 0,
    expected: 0,
  }));
  let totalActual = 0;
  let totalExpected = 0;
  let absError = 0;
  let squaredError = 0;
  let start = Number.POSITIVE_INFINITY;
  for (const c of customers) {
    // eq. (10): expected purchases in (T, T + holdout]
    const expected = forecaster.expected(c, holdoutWeeks);
    const bucket = buckets[Math.min(c.x, 7)] as (typeof buckets)[number];
    bucket.n++;
    bucket.actual += c.holdoutPurchases;
    bucket.expected += expected;
    totalActual += c.holdoutPurchases;
    totalExpected += expected;
    absError += Math.abs(expected - c.holdoutPurchases);
    squaredError += (expected - c.holdoutPurchases) ** 2;
    start = Math.min(start, c.firstDay);
  }
  const byFrequency = buckets
    .filter((b) => b.n > 0)
    .map((b) => ({ x: b.x, customers: b.n, actual: b.actual / b.n, expected: b.expected / b.n }));

  // Tracking plot (tracking-curve.ts). `tracking: false` skips it (the product's model choice
  // needs only the per-customer errors): its errors are then NaN.
  const curve =
    options.tracking === false ? undefined : trackingCurves(customers, [forecaster.expectedNew], options);
  const cumulative: CumulativeWeek[] = curve
    ? curve.weeks.map((week, i) => ({
        week,
        actual: curve.actual[i] as number,
        expected: curve.expected[0]?.[i] as number,
      }))
    : [];
  const holdoutPoints = cumulative.filter((w) => start + 7 * w.week > options.cutoffDay && w.actual > 0);
  const cumulativeMape =
    holdoutPoints.reduce((sum, w) => sum + Math.abs(w.expected - w.actual) / w.actual, 0) /
    Math.max(1, holdoutPoints.length);
  const last = cumulative[cumulative.length - 1];
  const n = Math.max(1, customers.length);
  return {
    customers: customers.length,
    holdoutWeeks,
    byFrequency,
    cumulative,
    errors: {
      totalActual,
      totalExpected,
      bucketMae:
        byFrequency.reduce((sum, b) => sum + Math.abs(b.expected - b.actual), 0) /
        Math.max(1, byFrequency.length),
      customerMae: absError / n,
      customerRmse: Math.sqrt(squaredError / n),
      cumulativeMape,
      cumulativeEndError: last && last.actual > 0 ? (last.expected - last.actual) / last.actual : Number.NaN,
    },
  };
}
