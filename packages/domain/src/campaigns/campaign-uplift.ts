/** One group's conversion: how many of its customers bought within the window. */
export type GroupConversion = { customers: number; converted: number; rate: number | null };

export function groupConversion(customers: number, converted: number): GroupConversion {
  return { customers, converted, rate: customers === 0 ? null : converted / customers };
}

/**
 * Uplift of the campaign: the contacted group's conversion rate minus the hold-out group's, as a
 * fraction (0.05 = five percentage points); null unless both groups have customers.
 *
 * @example
 * upliftOf(groupConversion(8, 4), groupConversion(2, 0)) // 0.5
 */
export function upliftOf(contacted: GroupConversion, holdout: GroupConversion): number | null {
  if (contacted.rate === null || holdout.rate === null) return null;
  return contacted.rate - holdout.rate;
}
