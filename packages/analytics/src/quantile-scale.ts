/**
 * Evenly spaced quantiles (0, 100/steps, …, 100 %) of ascending values, linear interpolation
 * between order statistics (Hyndman & Fan 1996, type 7, R's default): the stored scale a value is
 * later ranked on with `rankOnScale`.
 *
 * @example
 * quantileScale([0, 10, 20, 30, 40], 4); // [0, 10, 20, 30, 40]
 */
export function quantileScale(sorted: ArrayLike<number>, steps = 20): number[] {
  if (sorted.length === 0) return [];
  const out: number[] = [];
  for (let step = 0; step <= steps; step++) {
    const position = ((sorted.length - 1) * step) / steps;
    const low = Math.floor(position);
    const high = Math.min(sorted.length - 1, low + 1);
    const lowValue = sorted[low] as number;
    out.push(lowValue + (position - low) * ((sorted[high] as number) - lowValue));
  }
  return out;
}

/**
 * 0–100: where a value sits on a quantile scale (from `quantileScale`), interpolated between the
 * scale's points; a value equal to a run of points takes the middle of the run, so ties rank alike.
 *
 * @example
 * rankOnScale([0, 10, 20, 30, 40], 15); // 37.5
 */
export function rankOnScale(scale: readonly number[], value: number): number {
  const last = scale.length - 1;
  if (last < 1) return 50;
  const step = 100 / last;
  let lo = 0;
  while (lo <= last && (scale[lo] as number) < value) lo++;
  let hi = last;
  while (hi >= 0 && (scale[hi] as number) > value) hi--;
  if (lo > last) return 100;
  if (hi < 0) return 0;
  if (lo <= hi) return ((lo + hi) / 2) * step;
  const below = scale[hi] as number;
  const above = scale[lo] as number;
  return (hi + (value - below) / (above - below)) * step;
}
