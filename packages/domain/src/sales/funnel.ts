import type { Funnel, FunnelStage, LostDealGroup, LostDealReport } from './funnel.schema.js';
import type { Opportunity } from './opportunity.schema.js';
import { isRotting } from './opportunity-moves.js';
import type { Pipeline } from './pipeline.schema.js';

const DAY_MS = 86_400_000;

const weighted = (amount: number, probability: number) => Math.round((amount * probability) / 100);
const sum = (deals: readonly Opportunity[]) => deals.reduce((total, deal) => total + deal.amount, 0);
const ratio = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

/** The furthest stage index a deal reached: every stage for a won deal, −1 when none of the pipeline's. */
function furthestStage(deal: Opportunity, pipeline: Pipeline): number {
  if (deal.status === 'won') return pipeline.stages.length - 1;
  const indexes = deal.stageHistory.map((visit) => pipeline.stages.findIndex((s) => s.key === visit.stage));
  return Math.max(-1, ...indexes);
}

/**
 * The funnel (销售漏斗) of `pipeline`: `open` (every open deal of the tenant; others are ignored)
 * counted and valued per stage, weighted by each stage's probability, and forecast by month of
 * expected close; `cohort` (the deals created since `since`, any status) gives the conversion
 * between stages, the average days in each stage and the won / lost tallies.
 *
 * Conversion from stage i is reached(i+1) ÷ reached(i), where reached(i) counts deals whose
 * furthest stage is i or later, a won deal having passed every stage; the last stage converts to
 * won. Weighted amounts are rounded to whole minor units per stage; the total is their sum.
 *
 * @example
 * computeFunnel({ pipeline, open, cohort, since, now }).stages[0] // { stage: 'qualify', count: 2, amount: 300000, … }
 */
export function computeFunnel(args: {
  pipeline: Pipeline;
  open: readonly Opportunity[];
  cohort: readonly Opportunity[];
  since: string;
  now: Date;
}): Funnel {
  const { pipeline, now } = args;
  const open = args.open.filter((deal) => deal.status === 'open' && deal.pipeline === pipeline.key);
  const cohort = args.cohort.filter((deal) => deal.pipeline === pipeline.key);
  const furthest = cohort.map((deal) => furthestStage(deal, pipeline));
  const reachedAt = (index: number) => furthest.filter((stage) => stage >= index).length;
  const won = cohort.filter((deal) => deal.status === 'won');
  const lost = cohort.filter((deal) => deal.status === 'lost');
  const stages: FunnelStage[] = pipeline.stages.map((stage, index) => {
    const here = open.filter((deal) => deal.stage === stage.key);
    const amount = sum(here);
    const reached = reachedAt(index);
    const next = index === pipeline.stages.length - 1 ? won.length : reachedAt(index + 1);
    const visits = cohort.flatMap((deal) =>
      deal.stageHistory.filter((visit) => visit.stage === stage.key && visit.leftAt !== null),
    );
    const days = visits.map(
      (visit) => (Date.parse(visit.leftAt as string) - Date.parse(visit.enteredAt)) / DAY_MS,
    );
    return {
      stage: stage.key,
      name: stage.name,
      probability: stage.probability,
      count: here.length,
      amount,
      weightedAmount: weighted(amount, stage.probability),
      rotting: here.filter((deal) => isRotting(deal, pipeline, now)).length,
      reached,
      conversionToNext: ratio(next, reached),
      averageDaysInStage:
        days.length === 0 ? null : Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 100) / 100,
    };
  });
  const probabilityOf = new Map(pipeline.stages.map((stage) => [stage.key, stage.probability]));
  const months = new Map<string, { count: number; amount: number; weightedAmount: number }>();
  const undated = open.filter((deal) => deal.expectedCloseDate === null);
  for (const deal of open) {
    if (deal.expectedCloseDate === null) continue;
    const month = deal.expectedCloseDate.slice(0, 7);
    const entry = months.get(month) ?? { count: 0, amount: 0, weightedAmount: 0 };
    entry.count += 1;
    entry.amount += deal.amount;
    entry.weightedAmount += weighted(deal.amount, probabilityOf.get(deal.stage) ?? 0);
    months.set(month, entry);
  }
  return {
    pipeline: pipeline.key,
    since: args.since,
    stages,
    open: {
      count: open.length,
      amount: sum(open),
      weightedAmount: stages.reduce((total, stage) => total + stage.weightedAmount, 0),
    },
    won: { count: won.length, amount: sum(won) },
    lost: { count: lost.length, amount: sum(lost) },
    winRate: ratio(won.length, won.length + lost.length),
    forecast: [...months.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, entry]) => ({ month, ...entry })),
    undated: { count: undated.length, amount: sum(undated) },
    currencies: [...new Set([...open, ...cohort].map((deal) => deal.currency))].sort(),
  };
}

function groupBy(
  deals: readonly Opportunity[],
  keyOf: (deal: Opportunity) => string | null,
): LostDealGroup[] {
  const groups = new Map<string | null, LostDealGroup>();
  for (const deal of deals) {
    const key = keyOf(deal);
    const group = groups.get(key) ?? { key, count: 0, amount: 0 };
    group.count += 1;
    group.amount += deal.amount;
    groups.set(key, group);
  }
  // Most deals first, then most value, then by name so equal groups keep one order.
  return [...groups.values()].sort(
    (a, b) => b.count - a.count || b.amount - a.amount || String(a.key).localeCompare(String(b.key)),
  );
}

/**
 * Lost deals (竞争丢单) grouped by reason, competitor, the stage they were lost in, and owner.
 *
 * @example
 * lostDealReport(deals, since).byCompetitor[0] // { key: 'Rival Co', count: 3, amount: 900000 }
 */
export function lostDealReport(deals: readonly Opportunity[], since: string): LostDealReport {
  const lost = deals.filter((deal) => deal.status === 'lost');
  return {
    since,
    total: { count: lost.length, amount: sum(lost) },
    byReason: groupBy(lost, (deal) => deal.lostReason),
    byCompetitor: groupBy(lost, (deal) => deal.lostCompetitor),
    byStage: groupBy(lost, (deal) => deal.stage),
    byOwner: groupBy(lost, (deal) => deal.ownerId),
  };
}
