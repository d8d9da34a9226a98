import type { components } from '../../lib/api/schema.js';

export type Summary = components['schemas']['AnalyticsSummaryResponse'];
type ListedCustomer = components['schemas']['CustomerPage']['items'][number];

/**
 * Active / at-risk / dormant (活跃 / 风险 / 休眠) from the RFM segments of the latest fit
 * (docs/analytics.md, RFM): the segments with a recent purchase (R ≥ 3) are active; valuable
 * customers who stopped buying (R ≤ 2, FM ≥ 3: cant-lose, at-risk) are at risk; the others who
 * stopped (hibernating, lost) are dormant. Customers without orders have no segment.
 */
export const activitySegments = {
  active: ['champions', 'loyal', 'potential-loyalist', 'new', 'promising', 'need-attention'],
  atRisk: ['cant-lose', 'at-risk'],
  dormant: ['hibernating', 'lost'],
} as const;

export type Activity = keyof typeof activitySegments;

export function activityCounts(segments: Summary['segments']): Record<Activity, number> {
  const sizeOf = (names: readonly string[]) =>
    segments.filter((one) => names.includes(one.segment)).reduce((sum, one) => sum + one.customers, 0);
  return {
    active: sizeOf(activitySegments.active),
    atRisk: sizeOf(activitySegments.atRisk),
    dormant: sizeOf(activitySegments.dormant),
  };
}

/** A valuable customer whose P(alive) has fallen: who to call first. */
export type CustomerAtRisk = {
  id: string;
  name: string;
  orderValue: number;
  pAlive: number;
  clv: number | null;
  segment: string | null;
  lastOrderAt: string | undefined;
};

/** Below this P(alive) a valuable customer counts as at risk. */
export const AT_RISK_P_ALIVE = 0.5;

/**
 * From the most valuable customers (the list sorted by value, highest first), those whose P(alive)
 * is below one half, least likely alive first. One-time buyers are left out: without a repeat
 * purchase BG/NBD says P(alive) = 1, which tells nothing.
 */
export function customersAtRisk(valuable: readonly ListedCustomer[], limit = 10): CustomerAtRisk[] {
  const atRisk: CustomerAtRisk[] = [];
  for (const customer of valuable) {
    const scores = customer.scores;
    if (!scores || scores.inputs.x === 0 || scores.pAlive >= AT_RISK_P_ALIVE) continue;
    atRisk.push({
      id: customer.id,
      name: customer.name,
      orderValue: customer.stats?.orderValue ?? 0,
      pAlive: scores.pAlive,
      clv: scores.clv,
      segment: scores.segment,
      lastOrderAt: customer.stats?.lastOrderAt,
    });
  }
  return atRisk
    .sort((left, right) => left.pAlive - right.pAlive || right.orderValue - left.orderValue)
    .slice(0, limit);
}
