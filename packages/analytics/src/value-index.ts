/**
 * The composite customer value index (综合评价指标体系): a weighted average of current value
 * (既有价值), potential value (潜在价值), influence value (影响价值) and learning value (学习价值),
 * each scored 0–100, with weights set by the business (DOMAIN.md §3).
 */
import { AnalyticsError } from './errors.js';

export const valueDimensions = ['current', 'potential', 'influence', 'learning'] as const;
export type ValueDimension = (typeof valueDimensions)[number];
export type ValueScores = Record<ValueDimension, number>;
export type ValueWeights = Record<ValueDimension, number>;

export const valueDimensionNames: Record<ValueDimension, string> = {
  current: '既有价值',
  potential: '潜在价值',
  influence: '影响价值',
  learning: '学习价值',
};

/** Product default; each tenant sets its own. */
export const defaultValueWeights: ValueWeights = {
  current: 0.4,
  potential: 0.3,
  influence: 0.2,
  learning: 0.1,
};

export type ValueComponent = {
  dimension: ValueDimension;
  /** The 0–100 input. */
  score: number;
  /** The weight as configured. */
  weight: number;
  /** weight / Σ weights. */
  normalisedWeight: number;
  /** score × normalisedWeight: the points this dimension adds to the index. */
  contribution: number;
};

export type ValueIndex = { index: number; components: ValueComponent[] };

/**
 * Index = Σ_d w_d s_d / Σ_d w_d, scores s_d ∈ [0, 100], weights w_d ≥ 0 (not all zero). The result
 * lists every input, weight and contribution so a user sees why the customer scores what it scores.
 *
 * @example
 * compositeValueIndex({ current: 80, potential: 60, influence: 40, learning: 20 }).index; // 0.4·80 + 0.3·60 + 0.2·40 + 0.1·20 = 60
 */
export function compositeValueIndex(
  scores: ValueScores,
  weights: ValueWeights = defaultValueWeights,
): ValueIndex {
  let weightSum = 0;
  for (const d of valueDimensions) {
    const w = weights[d];
    const s = scores[d];
    if (!(w >= 0 && Number.isFinite(w)))
      throw new AnalyticsError('invalid_input', `weight of ${d} must be ≥ 0`);
    if (!(s >= 0 && s <= 100))
      throw new AnalyticsError('invalid_input', `score of ${d} must be within 0–100`);
    weightSum += w;
  }
  if (!(weightSum > 0)) throw new AnalyticsError('invalid_input', 'at least one weight must be positive');
  let index = 0;
  const components = valueDimensions.map((dimension): ValueComponent => {
    const normalisedWeight = weights[dimension] / weightSum;
    const contribution = scores[dimension] * normalisedWeight;
    index += contribution;
    return {
      dimension,
      score: scores[dimension],
      weight: weights[dimension],
      normalisedWeight,
      contribution,
    };
  });
  return { index, components };
}

/**
 * Maps a raw measure onto 0–100 linearly between `min` (→ 0) and `max` (→ 100), clamped.
 *
 * @example
 * scaleTo100(75, 50, 100); // 50
 */
export function scaleTo100(value: number, min: number, max: number): number {
  if (!(max > min)) return value >= max ? 100 : 0;
  return Math.min(100, Math.max(0, ((value - min) / (max - min)) * 100));
}

/**
 * Percentile rank (0–100) of a value among ascending-sorted values: the share of values below it
 * plus half the share equal to it (mid-rank, so ties score alike).
 *
 * @example
 * percentileRank([1, 2, 3, 4], 3); // 62.5
 */
export function percentileRank(sortedValues: readonly number[], value: number): number {
  const n = sortedValues.length;
  if (n === 0) return 0;
  let below = 0;
  let equal = 0;
  // Binary search for the first index ≥ value, then count equals.
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sortedValues[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  below = lo;
  while (lo + equal < n && sortedValues[lo + equal] === value) equal++;
  return ((below + equal / 2) / n) * 100;
}
