import { describe, expect, it } from 'vitest';
import { computeFunnel, lostDealReport } from './funnel.js';
import type { Opportunity, StageVisit } from './opportunity.schema.js';
import { defaultPipeline, defaultSalesSetup } from './pipeline.schema.js';

const pipeline = defaultPipeline(defaultSalesSetup);

/** A visit from `from` to `to` (days of 2026, `null`: still there). */
const visit = (stage: string, from: string, to: string | null): StageVisit => ({
  stage,
  enteredAt: `2026-${from}T00:00:00.000Z`,
  leftAt: to === null ? null : `2026-${to}T00:00:00.000Z`,
  by: 'u1',
});

function deal(id: string, fields: Partial<Opportunity> & Pick<Opportunity, 'stageHistory'>): Opportunity {
  const last = fields.stageHistory.at(-1) as StageVisit;
  return {
    id,
    customerId: 'c1',
    leadId: null,
    name: id,
    amount: 0,
    currency: 'USD',
    expectedCloseDate: null,
    pipeline: 'default',
    stage: last.stage,
    stageEnteredAt: last.enteredAt,
    competitors: [],
    nextActivity: null,
    lastActivityAt: last.enteredAt,
    status: 'open',
    ownerId: 'u1',
    lostReason: null,
    lostCompetitor: null,
    closeNote: null,
    closedAt: null,
    closedBy: null,
    createdAt: fields.stageHistory[0]?.enteredAt as string,
    createdBy: 'u1',
    updatedAt: last.enteredAt,
    updatedBy: 'u1',
    version: 1,
    ...fields,
  };
}

// The fixture pipeline is the default one: qualify 10 % (rots after 14 days), needs_analysis 25 %
// (14), proposal 50 % (10), negotiation 75 % (7).
const o1 = deal('o1', {
  amount: 100_000,
  expectedCloseDate: '2027-01-15',
  stageHistory: [visit('qualify', '11-01', null)],
});
const o2 = deal('o2', {
  amount: 200_000,
  stageHistory: [visit('qualify', '11-15', null)],
});
const o3 = deal('o3', {
  amount: 300_000,
  expectedCloseDate: '2027-01-20',
  stageHistory: [visit('qualify', '11-01', '11-05'), visit('proposal', '11-05', null)],
});
const o4 = deal('o4', {
  amount: 400_000,
  expectedCloseDate: '2027-02-01',
  stageHistory: [visit('negotiation', '11-15', null)],
});
const w1 = deal('w1', {
  amount: 500_000,
  status: 'won',
  stageHistory: [
    visit('qualify', '10-01', '10-03'),
    visit('needs_analysis', '10-03', '10-10'),
    visit('proposal', '10-10', '10-20'),
    visit('negotiation', '10-20', '10-25'),
  ],
});
const l1 = deal('l1', {
  amount: 600_000,
  status: 'lost',
  lostReason: 'price',
  lostCompetitor: 'Rival',
  stageHistory: [visit('qualify', '10-01', '10-07'), visit('needs_analysis', '10-07', '10-10')],
});
const all = [o1, o2, o3, o4, w1, l1];

describe('computeFunnel', () => {
  const funnel = computeFunnel({
    pipeline,
    open: [o1, o2, o3, o4],
    cohort: all,
    since: '2026-01-01T00:00:00.000Z',
    now: new Date('2026-11-20T12:00:00Z'),
  });

  it('counts and values the open deals per stage, weighted by the stage probability', () => {
    expect(
      funnel.stages.map(({ stage, count, amount, weightedAmount }) => [stage, count, amount, weightedAmount]),
    ).toEqual([
      ['qualify', 2, 300_000, 30_000],
      ['needs_analysis', 0, 0, 0],
      ['proposal', 1, 300_000, 150_000],
      ['negotiation', 1, 400_000, 300_000],
    ]);
    expect(funnel.open).toEqual({ count: 4, amount: 1_000_000, weightedAmount: 480_000 });
  });

  it('converts between stages by the furthest stage each deal reached, a won deal passing all', () => {
    // reached: qualify 6, needs_analysis 4 (o3 skipped it but went further), proposal 3, negotiation 2; 1 won.
    expect(funnel.stages.map((stage) => stage.reached)).toEqual([6, 4, 3, 2]);
    expect(funnel.stages.map((stage) => stage.conversionToNext)).toEqual([0.6667, 0.75, 0.6667, 0.5]);
  });

  it('averages the days of finished stage visits', () => {
    // qualify (4 + 2 + 6) / 3, needs_analysis (7 + 3) / 2, proposal 10, negotiation 5.
    expect(funnel.stages.map((stage) => stage.averageDaysInStage)).toEqual([4, 5, 10, 5]);
  });

  it('counts rotting deals: more whole days without activity than the stage allows', () => {
    // o1 19 days in qualify (> 14), o3 15 days in proposal (> 10); o2 and o4 are 5 days old.
    expect(funnel.stages.map((stage) => stage.rotting)).toEqual([1, 0, 1, 0]);
  });

  it('forecasts by month of expected close and keeps undated deals apart', () => {
    expect(funnel.forecast).toEqual([
      { month: '2027-01', count: 2, amount: 400_000, weightedAmount: 160_000 },
      { month: '2027-02', count: 1, amount: 400_000, weightedAmount: 300_000 },
    ]);
    expect(funnel.undated).toEqual({ count: 1, amount: 200_000 });
  });

  it('tallies won and lost deals and the win rate', () => {
    expect(funnel.won).toEqual({ count: 1, amount: 500_000 });
    expect(funnel.lost).toEqual({ count: 1, amount: 600_000 });
    expect(funnel.winRate).toBe(0.5);
  });

  it('has no rates before any deal', () => {
    const empty = computeFunnel({ pipeline, open: [], cohort: [], since: 'x', now: new Date() });

    expect(empty.stages.every((stage) => stage.conversionToNext === null)).toBe(true);
    expect(empty.winRate).toBeNull();
  });
});

describe('lostDealReport', () => {
  const l2 = deal('l2', {
    amount: 100_000,
    status: 'lost',
    lostReason: 'price',
    ownerId: 'u2',
    stageHistory: [visit('qualify', '10-01', '10-02')],
  });
  const l3 = deal('l3', {
    amount: 200_000,
    status: 'lost',
    lostReason: 'competitor',
    lostCompetitor: 'Rival',
    stageHistory: [visit('proposal', '10-01', '10-02')],
  });
  const report = lostDealReport([...all, l2, l3], 'since');

  it('groups lost deals by reason, competitor, stage and owner, most first', () => {
    expect(report.total).toEqual({ count: 3, amount: 900_000 });
    expect(report.byReason).toEqual([
      { key: 'price', count: 2, amount: 700_000 },
      { key: 'competitor', count: 1, amount: 200_000 },
    ]);
    expect(report.byCompetitor).toEqual([
      { key: 'Rival', count: 2, amount: 800_000 },
      { key: null, count: 1, amount: 100_000 },
    ]);
    expect(report.byStage).toEqual([
      { key: 'needs_analysis', count: 1, amount: 600_000 },
      { key: 'proposal', count: 1, amount: 200_000 },
      { key: 'qualify', count: 1, amount: 100_000 },
    ]);
    expect(report.byOwner).toEqual([
      { key: 'u1', count: 2, amount: 800_000 },
      { key: 'u2', count: 1, amount: 100_000 },
    ]);
  });
});
