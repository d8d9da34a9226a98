import type { Customer } from '@crm/domain';

const DAY_MS = 86_400_000;

/** The customer's usual gap between orders in days: the model's inputs, else the order figures. */
export function meanGapDays(customer: {
  stats: Pick<Customer['stats'], 'firstOrderAt' | 'lastOrderAt' | 'orderCount'>;
  scores?: Pick<NonNullable<Customer['scores']>, 'inputs'> | undefined;
}): number | null {
  const inputs = customer.scores?.inputs;
  // x repeat purchases over tx weeks between the first and the last (same-day orders merged).
  if (inputs && inputs.x > 0 && inputs.tx > 0) return (inputs.tx / inputs.x) * 7;
  const { firstOrderAt, lastOrderAt, orderCount } = customer.stats;
  if (firstOrderAt && lastOrderAt && orderCount > 1) {
    const days = (Date.parse(lastOrderAt) - Date.parse(firstOrderAt)) / DAY_MS / (orderCount - 1);
    return days > 0 ? days : null;
  }
  return null;
}
