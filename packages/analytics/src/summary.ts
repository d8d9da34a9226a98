import { AnalyticsError } from './errors.js';

/**
 * One purchase. `day` is the UTC calendar day as days since 1970-01-01 (see `dayNumber`);
 * `amount` is in any consistent unit (integer minor units in the product, dollars in CDNOW).
 */
export type Transaction = { customerId: string; day: number; amount: number };

/**
 * A customer's purchase history reduced to what the models use, as of a cutoff day.
 *
 * BG/NBD (Fader, Hardie & Lee 2005, §2): `x` repeat purchases, `tx` time of the last purchase and `T`
 * the length of observation, both in weeks from the first purchase. Purchases on the same day are
 * merged into one (their amounts summed), as in the paper's CDNOW data. Times are whole days / 7:
 * a customer who first bought on 1997-01-01 has T = 272/7 = 38.86 weeks at cutoff 1997-09-30,
 * exactly the value in Hardie's CDNOW calibration data.
 *
 * Zero-amount rule: a purchase day whose amount is 0 (a free sample, a fully discounted order) still
 * counts as a purchase for BG/NBD (`x`, `tx`); it is left out of the Gamma-Gamma spend inputs
 * (`spendCount`, `meanSpend`), because the Gamma-Gamma model's spend is strictly positive and a
 * zero would make its likelihood −∞ (Fader, Hardie & Lee 2005 "RFM and CLV", §4).
 */
export type CustomerSummary = {
  customerId: string;
  /** Repeat purchases: distinct purchase days after the first, up to the cutoff. */
  x: number;
  /** Weeks from the first purchase to the last. */
  tx: number;
  /** Weeks from the first purchase to the cutoff. */
  T: number;
  firstDay: number;
  lastDay: number;
  /** Sum of all amounts up to the cutoff, first purchase included. */
  totalAmount: number;
  /** Repeat purchase days with a positive amount: the Gamma-Gamma "x". */
  spendCount: number;
  /** Mean amount over those days (the Gamma-Gamma z̄); 0 when spendCount is 0. */
  meanSpend: number;
  /**
   * Σ ln(inter-purchase time in weeks) over the x gaps between purchase days: the extra sufficient
   * statistic of the Erlang-k timing models (Platzer & Reutterer 2016, eq. 5; BTYDplus `litt`);
   * 0 when x = 0.
   */
  litt: number;
};

const DAY_MS = 86_400_000;

/**
 * Days since 1970-01-01 (UTC) for `YYYY-MM-DD`, `YYYYMMDD` or a full ISO-8601 instant (its UTC date).
 *
 * @example
 * dayNumber('1997-01-01'); // 9862
 * dayNumber('19970101'); // 9862
 */
export function dayNumber(date: string): number {
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(date);
  const iso = compact ? `${compact[1]}-${compact[2]}-${compact[3]}` : date;
  const ms = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (!Number.isFinite(ms)) throw new AnalyticsError('invalid_input', `not a date: ${date}`);
  return Math.floor(ms / DAY_MS);
}

/**
 * `YYYY-MM-DD` for a day number.
 *
 * @example
 * isoDay(9862); // '1997-01-01'
 */
export function isoDay(day: number): string {
  return new Date(Math.round(day) * DAY_MS).toISOString().slice(0, 10);
}

type Grouped = { days: number[]; amounts: number[] };

/**
 * Each customer's distinct purchase days (ascending) up to `lastDay`, same-day purchases merged as
 * in `summarizeTransactions`; for diagnostics that need more than the sufficient statistics.
 */
export function purchaseDaysByCustomer(
  transactions: readonly Transaction[],
  options: { lastDay: number },
): Map<string, number[]> {
  const result = new Map<string, number[]>();
  for (const [customerId, group] of groupByCustomer(transactions, options.lastDay)) {
    result.set(customerId, mergeSameDay(group).days);
  }
  return result;
}

function groupByCustomer(transactions: readonly Transaction[], lastDay: number): Map<string, Grouped> {
  const groups = new Map<string, Grouped>();
  for (const t of transactions) {
    if (t.day > lastDay) continue;
    if (!Number.isFinite(t.day) || !Number.isFinite(t.amount)) {
      throw new AnalyticsError(
        'invalid_input',
        `transaction of ${t.customerId} has a non-finite day or amount`,
      );
    }
    let group = groups.get(t.customerId);
    if (!group) {
      group = { days: [], amounts: [] };
      groups.set(t.customerId, group);
    }
    group.days.push(t.day);
    group.amounts.push(t.amount);
  }
  return groups;
}

/** Distinct purchase days (ascending) and the summed amount of each. */
function mergeSameDay(group: Grouped): { days: number[]; amounts: number[] } {
  const order = group.days
    .map((_, i) => i)
    .sort((i, j) => (group.days[i] as number) - (group.days[j] as number));
  const days: number[] = [];
  const amounts: number[] = [];
  for (const i of order) {
    const day = group.days[i] as number;
    const amount = group.amounts[i] as number;
    if (days.length > 0 && days[days.length - 1] === day) {
      amounts[amounts.length - 1] = (amounts[amounts.length - 1] as number) + amount;
    } else {
      days.push(day);
      amounts.push(amount);
    }
  }
  return { days, amounts };
}

function summarize(
  customerId: string,
  days: number[],
  amounts: number[],
  cutoffDay: number,
): CustomerSummary {
  const firstDay = days[0] as number;
  const lastDay = days[days.length - 1] as number;
  let totalAmount = 0;
  let spendSum = 0;
  let spendCount = 0;
  let litt = 0;
  for (let i = 0; i < days.length; i++) {
    const amount = amounts[i] as number;
    totalAmount += amount;
    if (i > 0) litt += Math.log(((days[i] as number) - (days[i - 1] as number)) / 7);
    if (i > 0 && amount > 0) {
      spendSum += amount;
      spendCount++;
    }
  }
  return {
    customerId,
    x: days.length - 1,
    tx: (lastDay - firstDay) / 7,
    T: (cutoffDay - firstDay) / 7,
    firstDay,
    lastDay,
    totalAmount,
    spendCount,
    meanSpend: spendCount > 0 ? spendSum / spendCount : 0,
    litt,
  };
}

/**
 * Per-customer summaries from transactions on or before `cutoffDay` (later ones are ignored; a
 * customer whose first purchase is after the cutoff does not appear). Customers come out in order of
 * first appearance in `transactions`.
 *
 * @example
 * summarizeTransactions(
 *   [
 *     { customerId: 'c1', day: dayNumber('1997-01-01'), amount: 29.33 },
 *     { customerId: 'c1', day: dayNumber('1997-01-18'), amount: 29.73 },
 *   ],
 *   { cutoffDay: dayNumber('1997-09-30') },
 * ); // [{ customerId: 'c1', x: 1, tx: 17/7, T: 272/7, meanSpend: 29.73, … }]
 */
export function summarizeTransactions(
  transactions: readonly Transaction[],
  options: { cutoffDay: number },
): CustomerSummary[] {
  const groups = groupByCustomer(transactions, options.cutoffDay);
  const summaries: CustomerSummary[] = [];
  for (const [customerId, group] of groups) {
    const { days, amounts } = mergeSameDay(group);
    summaries.push(summarize(customerId, days, amounts, options.cutoffDay));
  }
  return summaries;
}

/** A calibration summary plus what the customer did in the holdout period (cutoffDay, endDay]. */
export type HoldoutSummary = CustomerSummary & {
  /** Distinct purchase days in the holdout period. */
  holdoutPurchases: number;
  /** Calibration repeat purchase days and holdout purchase days, ascending (for the tracking plot). */
  calibrationRepeatDays: number[];
  holdoutDays: number[];
};

/**
 * Splits transactions into a calibration period (≤ cutoffDay) and a holdout period (cutoffDay,
 * endDay]. Only customers acquired in the calibration period are returned (as in the paper's
 * CDNOW analysis, §4).
 *
 * @example
 * summarizeHoldout(transactions, { cutoffDay: dayNumber('1997-09-30'), endDay: dayNumber('1998-06-30') });
 */
export function summarizeHoldout(
  transactions: readonly Transaction[],
  options: { cutoffDay: number; endDay: number },
): HoldoutSummary[] {
  if (!(options.endDay > options.cutoffDay)) {
    throw new AnalyticsError('invalid_input', 'the holdout end must be after the cutoff');
  }
  const holdout: HoldoutSummary[] = [];
  for (const [customerId, group] of groupByCustomer(transactions, options.endDay)) {
    const { days, amounts } = mergeSameDay(group);
    const summary = holdoutSummary(customerId, days, amounts, options.cutoffDay);
    if (summary) holdout.push(summary);
  }
  return holdout;
}

/** One customer's `HoldoutSummary` from the merged days up to the holdout end (undefined: acquired later). */
function holdoutSummary(
  customerId: string,
  days: number[],
  amounts: number[],
  cutoffDay: number,
): HoldoutSummary | undefined {
  let split = 0;
  while (split < days.length && (days[split] as number) <= cutoffDay) split++;
  if (split === 0) return undefined;
  const c = summarize(customerId, days.slice(0, split), amounts.slice(0, split), cutoffDay);
  const holdoutDays = days.slice(split);
  // A literal of every field, not a spread of the calibration summary: one object shape for the
  // fits and forecasts that read these by the ten thousand.
  return {
    customerId: c.customerId,
    x: c.x,
    tx: c.tx,
    T: c.T,
    firstDay: c.firstDay,
    lastDay: c.lastDay,
    totalAmount: c.totalAmount,
    spendCount: c.spendCount,
    meanSpend: c.meanSpend,
    litt: c.litt,
    holdoutPurchases: holdoutDays.length,
    calibrationRepeatDays: days.slice(1, split),
    holdoutDays,
  };
}

/**
 * `summarizeTransactions` to `cutoffDay` and, from the same grouping of the transactions,
 * `summarizeHoldout` with the calibration ending on the day `calibrationCutoff(earliest first
 * purchase)` gives and the holdout on `cutoffDay` (no holdout when it gives undefined): what a
 * model choice needs, for one pass over the transactions instead of two.
 *
 * @example
 * summarizeWithHoldout(transactions, { cutoffDay, calibrationCutoff: (first) => first + 200 }).holdout;
 */
export function summarizeWithHoldout(
  transactions: readonly Transaction[],
  options: { cutoffDay: number; calibrationCutoff: (firstDay: number) => number | undefined },
): { summaries: CustomerSummary[]; calibrationCutoffDay?: number; holdout: HoldoutSummary[] } {
  const merged: { customerId: string; days: number[]; amounts: number[] }[] = [];
  const summaries: CustomerSummary[] = [];
  let firstDay = Number.POSITIVE_INFINITY;
  for (const [customerId, group] of groupByCustomer(transactions, options.cutoffDay)) {
    const { days, amounts } = mergeSameDay(group);
    const summary = summarize(customerId, days, amounts, options.cutoffDay);
    summaries.push(summary);
    merged.push({ customerId, days, amounts });
    firstDay = Math.min(firstDay, summary.firstDay);
  }
  const calibrationCutoffDay = options.calibrationCutoff(firstDay);
  if (calibrationCutoffDay === undefined) return { summaries, holdout: [] };
  if (!(options.cutoffDay > calibrationCutoffDay)) {
    throw new AnalyticsError('invalid_input', 'the holdout end must be after the cutoff');
  }
  const holdout: HoldoutSummary[] = [];
  for (const { customerId, days, amounts } of merged) {
    const summary = holdoutSummary(customerId, days, amounts, calibrationCutoffDay);
    if (summary) holdout.push(summary);
  }
  return { summaries, calibrationCutoffDay, holdout };
}
