/**
 * RFM analysis (RFM分析法): recency, frequency, monetary value per customer, scored 1–5 against the
 * tenant's quintile boundaries, then named segments from the (R, FM) grid in docs/analytics.md.
 */
import { AnalyticsError } from './errors.js';

export type RfmValues = {
  /** Days from the last purchase to the as-of day (lower is better). */
  recencyDays: number;
  /** Distinct purchase days (first purchase included). */
  frequency: number;
  /** Total spend. */
  monetary: number;
};

/** Ascending 20/40/60/80 % quantiles of each measure over the tenant's customers. */
export type RfmCutoffs = {
  recencyDays: readonly [number, number, number, number];
  frequency: readonly [number, number, number, number];
  monetary: readonly [number, number, number, number];
};

export const rfmSegments = [
  'champions',
  'loyal',
  'potential-loyalist',
  'new',
  'promising',
  'need-attention',
  'cant-lose',
  'at-risk',
  'hibernating',
  'lost',
] as const;
export type RfmSegment = (typeof rfmSegments)[number];

/** Chinese names shown beside the English ones. */
export const rfmSegmentNames: Record<RfmSegment, string> = {
  champions: '重要价值客户',
  loyal: '忠诚客户',
  'potential-loyalist': '潜力客户',
  new: '新客户',
  promising: '有希望客户',
  'need-attention': '需关注客户',
  'cant-lose': '不能流失客户',
  'at-risk': '风险客户',
  hibernating: '休眠客户',
  lost: '流失客户',
};

export type RfmScore = {
  r: number;
  f: number;
  m: number;
  /** round((F + M) / 2), the value axis of the segment grid. */
  fm: number;
  segment: RfmSegment;
  /** e.g. "R5F4M3". */
  code: string;
};

/**
 * R, F, M of one customer as of a day.
 *
 * @example
 * rfmValues({ lastDay: 100, x: 2, totalAmount: 74.02 }, 130); // { recencyDays: 30, frequency: 3, monetary: 74.02 }
 */
export function rfmValues(
  summary: { lastDay: number; x: number; totalAmount: number },
  asOfDay: number,
): RfmValues {
  return { recencyDays: asOfDay - summary.lastDay, frequency: summary.x + 1, monetary: summary.totalAmount };
}

/** Quantile by linear interpolation between order statistics (Hyndman & Fan type 7). */
function quantile(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.min(sorted.length - 1, low + 1);
  const lowValue = sorted[low] as number;
  return lowValue + (position - low) * ((sorted[high] as number) - lowValue);
}

function quintiles(values: Float64Array): [number, number, number, number] {
  values.sort();
  return [quantile(values, 0.2), quantile(values, 0.4), quantile(values, 0.6), quantile(values, 0.8)];
}

/**
 * The tenant's quintile boundaries, stored with the model parameters so the stream can score one
 * customer without the others.
 *
 * @example
 * rfmCutoffs(customers.map((c) => rfmValues(c, asOfDay)));
 */
export function rfmCutoffs(values: readonly RfmValues[]): RfmCutoffs {
  if (values.length === 0)
    throw new AnalyticsError('invalid_input', 'RFM cut-offs need at least one customer');
  return {
    recencyDays: quintiles(Float64Array.from(values, (v) => v.recencyDays)),
    frequency: quintiles(Float64Array.from(values, (v) => v.frequency)),
    monetary: quintiles(Float64Array.from(values, (v) => v.monetary)),
  };
}

/** 1 + the number of boundaries strictly below the value: ties share a score. */
function above(value: number, cutoffs: readonly number[]): number {
  let score = 1;
  for (const cutoff of cutoffs) if (value > cutoff) score++;
  return score;
}

/**
 * The segment of an (R, FM) cell, first matching rule of the table in docs/analytics.md.
 *
 * @example
 * rfmSegment(5, 5); // 'champions'
 * rfmSegment(1, 5); // 'cant-lose'
 */
export function rfmSegment(r: number, fm: number): RfmSegment {
  if (r >= 4 && fm >= 4) return 'champions';
  if (r >= 3 && fm >= 3) return 'loyal';
  if (r >= 4 && fm === 2) return 'potential-loyalist';
  if (r === 5 && fm <= 1) return 'new';
  if (r === 4 && fm <= 1) return 'promising';
  if (r === 3) return 'need-attention';
  if (r <= 1 && fm >= 4) return 'cant-lose';
  if (fm >= 3) return 'at-risk';
  if (r === 2) return 'hibernating';
  return 'lost';
}

/**
 * Scores one customer 1–5 on each measure against the tenant's cut-offs (R: 5 = most recent; F, M:
 * 5 = highest) and names the segment.
 *
 * @example
 * scoreRfm({ recencyDays: 3, frequency: 12, monetary: 900 }, cutoffs); // { r: 5, f: 5, m: 5, segment: 'champions', … }
 */
export function scoreRfm(values: RfmValues, cutoffs: RfmCutoffs): RfmScore {
  const r = 6 - above(values.recencyDays, cutoffs.recencyDays);
  const f = above(values.frequency, cutoffs.frequency);
  const m = above(values.monetary, cutoffs.monetary);
  const fm = Math.round((f + m) / 2);
  return { r, f, m, fm, segment: rfmSegment(r, fm), code: `R${r}F${f}M${m}` };
}
