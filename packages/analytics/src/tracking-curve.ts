/**
 * The tracking plot of Fader, Hardie & Lee (2005), Figure 3: the cohort's cumulative repeat
 * purchases week by week, actual against what a model expects, over the calibration and the
 * holdout period. Expected = Σᵢ E[X(τ − firstᵢ)] (eq. 9 or its analogue: a customer acquired at
 * firstᵢ), grouped by acquisition day.
 */
import type { HoldoutSummary } from './summary.js';

export type TrackingCurve = {
  /** Day number of week 0: the cohort's earliest first purchase. */
  startDay: number;
  /** Weeks from `startDay` to the calibration cutoff: later weeks lie in the holdout. */
  calibrationWeeks: number;
  /** The weeks of the points (1 … the last week, every `step`-th when thinned; the last always). */
  weeks: number[];
  /** Cumulative repeat purchases up to the end of each week. */
  actual: number[];
  /** Per model, in the order given: expected cumulative repeat purchases at each point. */
  expected: number[][];
};

/** E[repeat purchases in (0, t]] of a customer acquired at 0, t in weeks (BG/NBD eq. 9 and analogues). */
export type ExpectedNewCustomer = (t: number) => number;

type TrackingCustomer = Pick<HoldoutSummary, 'firstDay' | 'calibrationRepeatDays' | 'holdoutDays'>;

/**
 * The weeks a curve of `weeks` weeks is drawn at with at most `maxPoints` points: every week, or
 * every `step`-th and the last (so the end error stays visible).
 */
export function trackingWeeks(weeks: number, maxPoints: number): number[] {
  const step = Math.max(1, Math.ceil(weeks / Math.max(1, maxPoints)));
  const points: number[] = [];
  for (let week = step; week <= weeks; week += step) points.push(week);
  if (weeks >= 1 && points[points.length - 1] !== weeks) points.push(weeks);
  return points;
}

/**
 * The cumulative tracking curves of several models on one cohort. A model's expectation is
 * evaluated once per distinct (week end − acquisition day), not per week and cohort: on a long
 * history with many acquisition days most pairs share an offset, and the timing models' E[X(t)]
 * is a sum of series, not a closed form.
 *
 * @example
 * trackingCurves(summarizeHoldout(transactions, { cutoffDay, endDay }), [(t) => expectedPurchasesNew(params, t)], { cutoffDay, endDay });
 */
export function trackingCurves(
  customers: readonly TrackingCustomer[],
  models: readonly ExpectedNewCustomer[],
  options: {
    cutoffDay: number;
    endDay: number;
    maxPoints?: number;
    /**
     * Group the acquisitions by week (each at its week's middle day, 3 days after the week's first)
     * instead of by day: the offsets become whole weeks, so a model is evaluated once per week of
     * the history instead of once per day — what makes a curve over decades affordable in a refit
     * (a timing model's E[X(t)] at large t is a long series). Off by at most 3 days per customer.
     * @default false
     */
    weeklyCohorts?: boolean;
  },
): TrackingCurve {
  let start = Number.POSITIVE_INFINITY;
  for (const c of customers) start = Math.min(start, c.firstDay);
  if (!Number.isFinite(start)) {
    return {
      startDay: options.cutoffDay,
      calibrationWeeks: 0,
      weeks: [],
      actual: [],
      expected: models.map(() => []),
    };
  }
  const lastWeek = Math.ceil((options.endDay - start) / 7);
  const weeks = trackingWeeks(lastWeek, options.maxPoints ?? Number.POSITIVE_INFINITY);

  // A purchase on day d counts in week ⌈(d − start)/7⌉ (at least 1: the first week ends on day 7).
  const repeatsPerWeek = new Float64Array(lastWeek + 1);
  for (const c of customers) {
    for (const days of [c.calibrationRepeatDays, c.holdoutDays]) {
      for (const day of days) {
        const week = Math.max(1, Math.ceil((day - start) / 7));
        if (week <= lastWeek) repeatsPerWeek[week] = (repeatsPerWeek[week] as number) + 1;
      }
    }
  }
  const cumulative = new Float64Array(lastWeek + 1);
  for (let week = 1; week <= lastWeek; week++) {
    cumulative[week] = (cumulative[week - 1] as number) + (repeatsPerWeek[week] as number);
  }

  const cohorts = new Map<number, number>();
  for (const c of customers) {
    const day = options.weeklyCohorts ? start + 7 * Math.floor((c.firstDay - start) / 7) + 3 : c.firstDay;
    cohorts.set(day, (cohorts.get(day) ?? 0) + 1);
  }
  const expected = models.map((expectedNew) => {
    const byOffset = new Map<number, number>();
    return weeks.map((week) => {
      const end = start + 7 * week;
      let sum = 0;
      for (const [firstDay, count] of cohorts) {
        if (firstDay >= end) continue;
        const offset = end - firstDay;
        let value = byOffset.get(offset);
        if (value === undefined) {
          value = expectedNew(offset / 7);
          byOffset.set(offset, value);
        }
        sum += count * value;
      }
      return sum;
    });
  });
  return {
    startDay: start,
    calibrationWeeks: (options.cutoffDay - start) / 7,
    weeks,
    actual: weeks.map((week) => cumulative[week] as number),
    expected,
  };
}
