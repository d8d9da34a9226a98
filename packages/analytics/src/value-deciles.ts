/** One tenth of the customers, ranked by value. */
export type ValueDecile = {
  /** 1 = the most valuable tenth. */
  decile: number;
  customers: number;
  /** Smallest and largest value in the decile (0 when it is empty). */
  min: number;
  max: number;
  total: number;
  /** The decile's share of the whole total (0 when the total is 0). */
  share: number;
};

/**
 * The value distribution in deciles, highest first: how concentrated value is (the top tenth's
 * share, the Pareto view beside ABC). With fewer than ten values some deciles are empty.
 *
 * @example
 * valueDeciles([100, 0, 0, 0, 0, 0, 0, 0, 0, 0])[0]; // { decile: 1, customers: 1, min: 100, max: 100, total: 100, share: 1 }
 */
export function valueDeciles(values: readonly number[]): ValueDecile[] {
  const sorted = [...values].sort((p, q) => q - p);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  const out: ValueDecile[] = [];
  for (let decile = 1; decile <= 10; decile++) {
    const slice = sorted.slice(
      Math.floor(((decile - 1) * sorted.length) / 10),
      Math.floor((decile * sorted.length) / 10),
    );
    const sum = slice.reduce((acc, value) => acc + value, 0);
    out.push({
      decile,
      customers: slice.length,
      min: slice.length ? (slice[slice.length - 1] as number) : 0,
      max: slice.length ? (slice[0] as number) : 0,
      total: sum,
      share: total > 0 ? sum / total : 0,
    });
  }
  return out;
}
