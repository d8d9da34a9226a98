/**
 * ABC (Pareto) classification (ABC分类法) by revenue or profit: rank customers by value; A are the
 * top customers needed to reach `a` of the total, B the next ones up to `b`, C the rest.
 */
import { AnalyticsError } from './errors.js';

export type AbcClass = 'A' | 'B' | 'C';
export type AbcThresholds = {
  /** Cumulative share covered by class A. @default 0.8 */
  a: number;
  /** Cumulative share covered by classes A and B. @default 0.95 */
  b: number;
};
/** Value cut-offs that reproduce a classification for one customer (what the stream stores). */
export type AbcCutoffs = {
  /** Smallest value of an A customer (∞ when there is none). */
  minA: number;
  /** Smallest value of a B customer (∞ when there is none). */
  minB: number;
};

export type AbcItem = { customerId: string; value: number };
export type AbcRanked = AbcItem & {
  rank: number;
  share: number;
  /** Cumulative share of the customers ranked above this one (excluding it). */
  shareBefore: number;
  abcClass: AbcClass;
};
export type AbcClassification = {
  customers: AbcRanked[];
  cutoffs: AbcCutoffs;
  thresholds: AbcThresholds;
  total: number;
  counts: Record<AbcClass, number>;
  /** Share of total value held by each class. */
  shares: Record<AbcClass, number>;
};

export const defaultAbcThresholds: AbcThresholds = { a: 0.8, b: 0.95 };

/**
 * Classifies customers by value, largest first. A customer is A when the customers ranked above it
 * hold less than `a` of the total (it is needed to reach `a`), B when they hold less than `b`, else C.
 * Customers with value ≤ 0 are always C. Equal values are ranked by customerId so the result is
 * deterministic.
 *
 * @example
 * classifyAbc([
 *   { customerId: 'a', value: 800 },
 *   { customerId: 'b', value: 150 },
 *   { customerId: 'c', value: 50 },
 * ]).customers.map((c) => c.abcClass); // ['A', 'B', 'C']
 */
export function classifyAbc(
  items: readonly AbcItem[],
  thresholds: AbcThresholds = defaultAbcThresholds,
): AbcClassification {
  if (!(thresholds.a > 0 && thresholds.a <= thresholds.b && thresholds.b <= 1)) {
    throw new AnalyticsError('invalid_input', 'ABC thresholds need 0 < a ≤ b ≤ 1', { thresholds });
  }
  const sorted = [...items].sort((p, q) => q.value - p.value || (p.customerId < q.customerId ? -1 : 1));
  let total = 0;
  for (const item of sorted) if (item.value > 0) total += item.value;
  let running = 0;
  const counts: Record<AbcClass, number> = { A: 0, B: 0, C: 0 };
  const sums: Record<AbcClass, number> = { A: 0, B: 0, C: 0 };
  let minA = Number.POSITIVE_INFINITY;
  let minB = Number.POSITIVE_INFINITY;
  const customers = sorted.map((item, index): AbcRanked => {
    const shareBefore = total > 0 ? running / total : 1;
    const positive = item.value > 0;
    const abcClass: AbcClass = !positive
      ? 'C'
      : shareBefore < thresholds.a
        ? 'A'
        : shareBefore < thresholds.b
          ? 'B'
          : 'C';
    if (positive) running += item.value;
    if (abcClass === 'A') minA = Math.min(minA, item.value);
    if (abcClass === 'B') minB = Math.min(minB, item.value);
    counts[abcClass]++;
    sums[abcClass] += Math.max(0, item.value);
    return {
      ...item,
      rank: index + 1,
      share: total > 0 ? Math.max(0, item.value) / total : 0,
      shareBefore,
      abcClass,
    };
  });
  if (minB === Number.POSITIVE_INFINITY) minB = minA;
  const share = (c: AbcClass) => (total > 0 ? sums[c] / total : 0);
  return {
    customers,
    cutoffs: { minA, minB },
    thresholds,
    total,
    counts,
    shares: { A: share('A'), B: share('B'), C: share('C') },
  };
}

/**
 * The class of one value against stored cut-offs (for scoring between reclassifications).
 *
 * @example
 * abcClassOf(500, { minA: 400, minB: 100 }); // 'A'
 */
export function abcClassOf(value: number, cutoffs: AbcCutoffs): AbcClass {
  if (value > 0 && value >= cutoffs.minA) return 'A';
  if (value > 0 && value >= cutoffs.minB) return 'B';
  return 'C';
}
