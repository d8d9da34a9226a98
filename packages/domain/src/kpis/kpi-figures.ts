import { addDays, daysBetween } from '../calendar-days.js';
import { assessChurn, type ChurnPolicy } from '../churn/index.js';
import { DomainError } from '../domain-error.js';
import { csatOf, npsOf } from '../surveys/survey-scoring.js';
import {
  type AcquisitionKpi,
  type ActivityKpi,
  type CampaignKpi,
  type CampaignsKpi,
  type ComplaintResolutionKpi,
  DEFAULT_KPI_SPAN_DAYS,
  type FunnelKpi,
  type KpiPeriod,
  type KpiQuery,
  MAX_KPI_SPAN_DAYS,
  type RetentionKpi,
  type SatisfactionKpi,
  type SatisfactionMonth,
} from './kpi.schema.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/**
 * The period a KPI request measures (both days inclusive, UTC) and the equal-length period right
 * before it. Without `to` it ends today; without `from` it spans 90 days.
 *
 * @example
 * kpiPeriod({ from: '2026-04-01', to: '2026-06-30' }, new Date('2026-07-01T00:00:00Z'))
 * // { from: '2026-04-01', to: '2026-06-30', days: 91, previousFrom: '2025-12-31', previousTo: '2026-03-31' }
 */
export function kpiPeriod(query: KpiQuery, today: Date): KpiPeriod {
  const to = query.to ?? today.toISOString().slice(0, 10);
  const from = query.from ?? addDays(to, -(DEFAULT_KPI_SPAN_DAYS - 1));
  const days = daysBetween(from, to) + 1;
  if (days < 1) {
    throw new DomainError('validation_failed', 'The period must start on or before its end', {
      fields: [{ path: 'from', message: 'must be on or before to' }],
    });
  }
  if (days > MAX_KPI_SPAN_DAYS) {
    throw new DomainError('validation_failed', 'The period is too long', {
      fields: [{ path: 'to', message: `the span may be at most ${MAX_KPI_SPAN_DAYS} days` }],
    });
  }
  return { from, to, days, previousFrom: addDays(from, -days), previousTo: addDays(from, -1) };
}

/** The period as half-open instants [start, end), and the previous one as [previousStart, start). */
export type KpiBounds = { previousStart: string; start: string; end: string };

export function kpiBounds(period: KpiPeriod): KpiBounds {
  return {
    previousStart: `${period.previousFrom}T00:00:00.000Z`,
    start: `${period.from}T00:00:00.000Z`,
    end: `${addDays(period.to, 1)}T00:00:00.000Z`,
  };
}

/**
 * What the customer item already holds that retention, acquisition and activity read: no order
 * is read, so the figures cost one pass over the customer list whatever the order count.
 */
export type CustomerKpiFacts = {
  createdAt: string;
  firstOrderAt?: string | undefined;
  lastOrderAt?: string | undefined;
  orderCount: number;
  /** From the latest model fit; null before the customer is scored. */
  pAlive: number | null;
  /** The customer's usual gap between orders in days; null with fewer than two orders. */
  meanGapDays: number | null;
};

/**
 * Whether the customer, as its first and last order instants and its order count tell, bought in
 * [from, to): `yes`, `no`, or `likely` when it cannot be told (counted as bought; docs/kpis.md).
 */
function boughtWithin(facts: CustomerKpiFacts, from: string, to: string): 'yes' | 'no' | 'likely' {
  const { firstOrderAt: first, lastOrderAt: last } = facts;
  if (!first || !last) return 'no';
  if ((first >= from && first < to) || (last >= from && last < to)) return 'yes';
  // Orders straddling the whole window: with two orders there is none in between; with more, the
  // middle ones may or may not fall in it (the instants cannot tell).
  return first < from && last >= to && facts.orderCount > 2 ? 'likely' : 'no';
}

/**
 * Retention rate: of the customers who bought in the previous period, the share who bought again
 * in this period. Read from each customer's first and last order instants and order count, which
 * decide every customer with at most two orders and every period ending today; otherwise a
 * customer whose orders straddle the window is counted as having bought in it, and the counts
 * say how many were (`previousBuyersUncertain`, `retainedUncertain`): the exact figures lie in
 * [previousBuyers − previousBuyersUncertain, previousBuyers] and [retained − retainedUncertain,
 * retained] (docs/kpis.md).
 *
 * @example
 * retentionOf([{ createdAt: '2026-01-01T00:00:00Z', firstOrderAt: '2026-02-01T00:00:00Z', lastOrderAt: '2026-05-01T00:00:00Z', orderCount: 2, pAlive: null, meanGapDays: 89 }],
 *   { previousStart: '2026-01-01T00:00:00.000Z', start: '2026-04-01T00:00:00.000Z', end: '2026-07-01T00:00:00.000Z' })
 * // { previousBuyers: 1, retained: 1, rate: 1, previousBuyersUncertain: 0, retainedUncertain: 0 }
 */
export function retentionOf(customers: readonly CustomerKpiFacts[], bounds: KpiBounds): RetentionKpi {
  let previousBuyers = 0;
  let retained = 0;
  let previousBuyersUncertain = 0;
  let retainedUncertain = 0;
  for (const facts of customers) {
    const before = boughtWithin(facts, bounds.previousStart, bounds.start);
    if (before === 'no') continue;
    previousBuyers += 1;
    const again = boughtWithin(facts, bounds.start, bounds.end);
    if (again === 'no') continue;
    retained += 1;
    if (before === 'likely' || again === 'likely') retainedUncertain += 1;
    if (before === 'likely') previousBuyersUncertain += 1;
  }
  return {
    previousBuyers,
    retained,
    rate: ratio(retained, previousBuyers),
    previousBuyersUncertain,
    retainedUncertain,
  };
}

/** New buyers (first order in the period), new customers (created in it), against the buyers before it. */
export function acquisitionOf(customers: readonly CustomerKpiFacts[], bounds: KpiBounds): AcquisitionKpi {
  let newBuyers = 0;
  let newCustomers = 0;
  let buyersAtStart = 0;
  for (const facts of customers) {
    if (facts.createdAt >= bounds.start && facts.createdAt < bounds.end) newCustomers += 1;
    if (!facts.firstOrderAt) continue;
    if (facts.firstOrderAt < bounds.start) buyersAtStart += 1;
    else if (facts.firstOrderAt < bounds.end) newBuyers += 1;
  }
  return { newBuyers, newCustomers, buyersAtStart, rate: ratio(newBuyers, buyersAtStart) };
}

export const ACTIVITY_DEFINITION =
  'Churn state at the period’s end (today for a period ending today; docs/alerts-and-churn.md): the more severe of the gap since the last order before that instant against the customer’s own rhythm and, for a period ending today, the latest P(alive), under the tenant’s churn policy. Buyers are the customers whose first order came before that instant. Active = the state "active"; dormant share = dormant + lost. For a past period P(alive) is not used (it is not kept per day) and a customer with more than two orders who ordered again after the period’s end has its last order before the end estimated with its orders spread evenly between the first and the last (`estimatedLastOrders`).';

/**
 * The customer's last order before `at` (exclusive): exact when its last order came before `at`
 * or it has at most two orders; otherwise estimated with its orders spread evenly between the
 * first and the last. Undefined when it had not ordered yet.
 */
function lastOrderBefore(
  facts: CustomerKpiFacts,
  at: number,
): { at: number; estimated: boolean } | undefined {
  if (!facts.firstOrderAt || !facts.lastOrderAt) return undefined;
  const first = Date.parse(facts.firstOrderAt);
  const last = Date.parse(facts.lastOrderAt);
  if (first >= at) return undefined;
  if (last < at) return { at: last, estimated: false };
  if (facts.orderCount <= 2) return { at: first, estimated: false };
  const gap = (last - first) / (facts.orderCount - 1);
  // The k-th order at first + k·gap: the last one strictly before `at`.
  const k = Math.max(0, Math.ceil((at - first) / gap) - 1);
  return { at: first + k * gap, estimated: true };
}

/**
 * The churn states (活跃 / 风险 / 休眠 / 流失) of the customers who had ordered, as shares, at the
 * period's end `end` (exclusive) or now, whichever comes first: a period ending today reads today's
 * state exactly as the churn feature does; a past one is read back from the order instants
 * (ACTIVITY_DEFINITION says what is approximated).
 */
export function activityOf(
  customers: readonly CustomerKpiFacts[],
  policy: ChurnPolicy,
  now: Date,
  end?: string,
): ActivityKpi {
  const endMs = end === undefined ? Number.POSITIVE_INFINITY : Date.parse(end);
  const past = endMs <= now.getTime();
  const at = past ? endMs : now.getTime();
  const counts = { active: 0, at_risk: 0, dormant: 0, lost: 0 };
  let estimatedLastOrders = 0;
  for (const facts of customers) {
    const last = lastOrderBefore(facts, at);
    if (!last) continue;
    if (last.estimated) estimatedLastOrders += 1;
    const { state } = assessChurn(
      {
        daysSinceLastOrder: (at - last.at) / DAY_MS,
        meanGapDays: facts.meanGapDays,
        pAlive: past ? null : facts.pAlive,
      },
      policy,
    );
    counts[state] += 1;
  }
  const buyers = counts.active + counts.at_risk + counts.dormant + counts.lost;
  return {
    asOf: new Date(at).toISOString(),
    buyers,
    active: counts.active,
    atRisk: counts.at_risk,
    dormant: counts.dormant,
    lost: counts.lost,
    activeShare: ratio(counts.active, buyers),
    dormantShare: ratio(counts.dormant + counts.lost, buyers),
    pAliveUsed: !past,
    estimatedLastOrders,
    definition: ACTIVITY_DEFINITION,
  };
}

/** One answered survey reduced to its CSAT (1–5) and NPS (0–10) scores. */
export type ScoredAnswer = { answeredAt: string; csat: readonly number[]; nps: readonly number[] };

/** The calendar months (YYYY-MM) the period touches, oldest first. */
export function monthsOf(period: Pick<KpiPeriod, 'from' | 'to'>): string[] {
  const months: string[] = [];
  let year = Number(period.from.slice(0, 4));
  let month = Number(period.from.slice(5, 7));
  const last = period.to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

/** CSAT and NPS over the period and per month of it (survey-scoring's definitions). */
export function satisfactionOf(answered: readonly ScoredAnswer[], period: KpiPeriod): SatisfactionKpi {
  const byMonth = new Map<string, ScoredAnswer[]>(monthsOf(period).map((month) => [month, []]));
  for (const answer of answered) byMonth.get(answer.answeredAt.slice(0, 7))?.push(answer);
  const figures = (answers: readonly ScoredAnswer[]) => ({
    answers: answers.length,
    csat: csatOf(answers.flatMap((answer) => answer.csat)),
    nps: npsOf(answers.flatMap((answer) => answer.nps)),
  });
  const months: SatisfactionMonth[] = [...byMonth].map(([month, answers]) => ({
    month,
    ...figures(answers),
  }));
  return { ...figures([...byMonth.values()].flat()), months };
}

/**
 * The p-quantile of `values` by linear interpolation between closest ranks (Hyndman & Fan 1996,
 * type 7: what spreadsheets' PERCENTILE.INC and NumPy compute); null for no values.
 *
 * @example
 * quantile([1, 2, 3, 4], 0.5) // 2.5
 */
export function quantile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * p;
  const below = Math.floor(rank);
  const lower = sorted[below] as number;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return lower + (upper - lower) * (rank - below);
}

const oneDecimal = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/** A complaint reduced to when it was recorded and, once closed or rejected, when that happened. */
export type ComplaintTimes = { recordedAt: string; closedAt: string | null };

export function complaintResolutionOf(
  complaints: readonly ComplaintTimes[],
  bounds: KpiBounds,
  openNow: number,
): ComplaintResolutionKpi {
  const within = (at: string) => at >= bounds.start && at < bounds.end;
  const hours = complaints.flatMap(({ recordedAt, closedAt }) =>
    closedAt && within(closedAt) ? [(Date.parse(closedAt) - Date.parse(recordedAt)) / HOUR_MS] : [],
  );
  return {
    received: complaints.filter((complaint) => within(complaint.recordedAt)).length,
    closed: hours.length,
    medianHours: oneDecimal(quantile(hours, 0.5)),
    p90Hours: oneDecimal(quantile(hours, 0.9)),
    openNow,
  };
}

export type ClosedDeal = { status: 'won' | 'lost'; amount: number; createdAt: string; closedAt: string };

/** Lead conversion of the period's leads, and the win rate and velocity of the deals it closed. */
export function funnelKpiOf(
  leads: readonly { status: string }[],
  closedDeals: readonly ClosedDeal[],
): FunnelKpi {
  const converted = leads.filter((lead) => lead.status === 'converted').length;
  const won = closedDeals.filter((deal) => deal.status === 'won');
  const lost = closedDeals.length - won.length;
  const days = won.map((deal) => (Date.parse(deal.closedAt) - Date.parse(deal.createdAt)) / DAY_MS);
  const meanDays = days.length === 0 ? null : days.reduce((sum, value) => sum + value, 0) / days.length;
  return {
    leadsCreated: leads.length,
    leadsConverted: converted,
    leadConversionRate: ratio(converted, leads.length),
    won: won.length,
    lost,
    winRate: ratio(won.length, won.length + lost),
    wonAmount: won.reduce((sum, deal) => sum + deal.amount, 0),
    meanDaysToWin: oneDecimal(meanDays),
  };
}

/** The period's campaigns together: recipients and the contacted groups' pooled conversion. */
export function campaignsKpiOf(items: readonly CampaignKpi[], sentInPeriod: number): CampaignsKpi {
  const contacted = items.reduce((sum, item) => sum + item.contacted.customers, 0);
  const converted = items.reduce((sum, item) => sum + item.contacted.converted, 0);
  return {
    campaigns: sentInPeriod,
    recipients: items.reduce((sum, item) => sum + item.sent + item.holdout, 0),
    conversionRate: ratio(converted, contacted),
    items: [...items],
    capped: sentInPeriod > items.length,
  };
}
