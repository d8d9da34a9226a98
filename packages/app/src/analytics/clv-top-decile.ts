import type { ModelFit } from '@crm/domain';

/** The 90 % point of a 0, 5, …, 100 % scale (21 points, `quantileScale`'s default). */
const NINETIETH = 18;

/**
 * Whether a 12-month CLV is in the tenant's top tenth (the churn alert's "top CLV decile"): at or
 * above the 90 % point of the CLV scale the refit keeps for the value index. False without a
 * spend model (the scale then ranks expected purchases, not CLV), for a fit from before the scale,
 * and for a CLV of 0 or less (a book where nine in ten are worth nothing would make everyone "top").
 *
 * @example
 * inTopClvDecile({ valueIndex: { potentialQuantiles: [0, …, 900 (90 %), …, 5000] } }, 1200); // true
 */
export function inTopClvDecile(fit: Pick<ModelFit, 'valueIndex'>, clv: number | null): boolean {
  const scale = fit.valueIndex?.potentialQuantiles;
  if (scale?.length !== 21 || clv === null || !Number.isFinite(clv) || clv <= 0) return false;
  return clv >= (scale[NINETIETH] as number);
}
