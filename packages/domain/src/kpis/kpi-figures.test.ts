import { describe, expect, it } from 'vitest';
import { defaultChurnPolicy } from '../churn/index.js';
import { KpiQuerySchema } from './kpi.schema.js';
import {
  acquisitionOf,
  activityOf,
  type CustomerKpiFacts,
  complaintResolutionOf,
  funnelKpiOf,
  kpiBounds,
  kpiPeriod,
  monthsOf,
  quantile,
  retentionOf,
  satisfactionOf,
} from './kpi-figures.js';

const at = (day: string) => `2026-${day}T00:00:00.000Z`;

// The period 2026-04-01 … 2026-06-29 (90 days); the previous one 2026-01-01 … 2026-03-31 (90 days).
const period = kpiPeriod({ from: '2026-04-01', to: '2026-06-29' }, new Date(at('07-01')));
const bounds = kpiBounds(period);

const customer = (
  facts: Partial<CustomerKpiFacts> & Pick<CustomerKpiFacts, 'createdAt'>,
): CustomerKpiFacts => ({
  orderCount: 0,
  pAlive: null,
  meanGapDays: null,
  ...facts,
});

/** A hand-made book; the comments say how each customer counts. */
const book: Record<string, CustomerKpiFacts> = {
  // Bought in the previous period (first order in it) and again in this one: retained.
  a: customer({
    createdAt: '2025-12-01T00:00:00.000Z',
    firstOrderAt: at('01-10'),
    lastOrderAt: at('05-05'),
    orderCount: 3,
    pAlive: 0.9,
    meanGapDays: 57.5,
  }),
  // One order in the previous period, none since: not retained.
  b: customer({ createdAt: at('01-15'), firstOrderAt: at('02-01'), lastOrderAt: at('02-01'), orderCount: 1 }),
  // Last order in the previous period: a previous buyer, not retained.
  c: customer({
    createdAt: '2025-05-01T00:00:00.000Z',
    firstOrderAt: '2025-06-01T00:00:00.000Z',
    lastOrderAt: at('03-15'),
    orderCount: 4,
    pAlive: 0.6,
    meanGapDays: 30,
  }),
  // Five orders spanning the whole previous period: taken as a previous buyer; retained.
  d: customer({
    createdAt: '2025-05-01T00:00:00.000Z',
    firstOrderAt: '2025-06-01T00:00:00.000Z',
    lastOrderAt: at('06-01'),
    orderCount: 5,
    pAlive: 0.1,
    meanGapDays: 60,
  }),
  // Two orders on either side of the previous period: none in it.
  e: customer({
    createdAt: '2025-05-01T00:00:00.000Z',
    firstOrderAt: '2025-06-01T00:00:00.000Z',
    lastOrderAt: at('06-01'),
    orderCount: 2,
    pAlive: 0.02,
    meanGapDays: 365,
  }),
  // Created and first bought in this period: a new customer and a new buyer.
  f: customer({ createdAt: at('04-10'), firstOrderAt: at('04-10'), lastOrderAt: at('04-10'), orderCount: 1 }),
  // Created in this period, never bought: a new customer only.
  g: customer({ createdAt: at('05-01') }),
};
const customers = Object.values(book);

describe('kpiPeriod', () => {
  it('takes the 90 days up to today when the request names no day', () => {
    expect(kpiPeriod({}, new Date('2026-06-30T12:00:00.000Z'))).toEqual({
      from: '2026-04-02',
      to: '2026-06-30',
      days: 90,
      previousFrom: '2026-01-02',
      previousTo: '2026-04-01',
    });
  });

  it('puts the previous period of equal length right before the period', () => {
    expect(period).toEqual({
      from: '2026-04-01',
      to: '2026-06-29',
      days: 90,
      previousFrom: '2026-01-01',
      previousTo: '2026-03-31',
    });
    expect(bounds).toEqual({ previousStart: at('01-01'), start: at('04-01'), end: at('06-30') });
  });

  it('refuses a period that ends before it starts or spans more than three years', () => {
    expect(() => kpiPeriod({ from: '2026-05-01' }, new Date(at('04-01')))).toThrow(/start on or before/);
    const query = KpiQuerySchema.safeParse({ from: '2026-05-02', to: '2026-05-01' });
    expect(query.error?.issues[0]?.path).toEqual(['from']);
    const long = KpiQuerySchema.safeParse({ from: '2020-01-01', to: '2026-01-01' });
    expect(long.error?.issues[0]?.path).toEqual(['to']);
    expect(KpiQuerySchema.safeParse({ from: '2026-02-30' }).success).toBe(false);
    expect(KpiQuerySchema.safeParse({ from: '2023-01-01', to: '2025-12-31' }).success).toBe(true);
  });
});

describe('retention and acquisition from the stored order instants', () => {
  it('counts the previous period’s buyers who bought again: a, d of a, b, c, d', () => {
    // d's five orders straddle the previous period: counted as a previous buyer without certainty.
    expect(retentionOf(customers, bounds)).toEqual({
      previousBuyers: 4,
      retained: 2,
      rate: 0.5,
      previousBuyersUncertain: 1,
      retainedUncertain: 1,
    });
  });

  it('counts new buyers (f) and new customers (f, g) against the five buyers before the period', () => {
    expect(acquisitionOf(customers, bounds)).toEqual({
      newBuyers: 1,
      newCustomers: 2,
      buyersAtStart: 5,
      rate: 0.2,
    });
  });
});

describe('activityOf', () => {
  it('gives each buyer today’s churn state under the policy and leaves out who never bought', () => {
    // On 2026-06-30: a 56 d since its last order / 57.5 d gap, P(alive) .9 → active; b 149 / 90
    // (default gap) = 1.66 → at risk; c 107 / 30 = 3.6 → dormant; d P(alive) .1 → dormant;
    // e P(alive) .02 → lost; f 81 / 90 → active; g no order → not counted.
    const activity = activityOf(customers, defaultChurnPolicy, new Date(at('06-30')));
    expect(activity).toMatchObject({
      buyers: 6,
      active: 2,
      atRisk: 1,
      dormant: 2,
      lost: 1,
      dormantShare: 0.5,
    });
    expect(activity.activeShare).toBeCloseTo(2 / 6, 10);
  });
});

/**
 * A past period, 2026-03-01 … 2026-03-30 (end 03-31 00:00Z), read on 2026-07-01; the previous one
 * 2026-01-30 … 2026-02-28. Each comment works out the customer's retention and its state at the
 * period's end (default policy: at risk from 1.5 gaps, dormant from 3, lost from 6; P(alive) unused).
 */
const pastPeriod = kpiPeriod({ from: '2026-03-01', to: '2026-03-30' }, new Date(at('07-01')));
const pastBounds = kpiBounds(pastPeriod);
const pastBook: Record<string, CustomerKpiFacts> = {
  // Two orders, 02-10 and 05-10: bought in the previous period, not in this one (exact: no order
  // in between). At 03-31 its last order is 02-10: 49 d / 89 d = 0.55 → active.
  p: customer({
    createdAt: at('01-01'),
    firstOrderAt: at('02-10'),
    lastOrderAt: at('05-10'),
    orderCount: 2,
    pAlive: 0.9,
    meanGapDays: 89,
  }),
  // Five orders 02-05 … 06-05 (120 d): a previous buyer; whether one of the three middle orders
  // fell in March cannot be told → retained, uncertain. Evenly spread they are 30 d apart: 02-05,
  // 03-07, …; the last before 03-31 is 03-07 (estimated): 24 d / 30 d = 0.8 → active.
  q: customer({
    createdAt: at('01-01'),
    firstOrderAt: at('02-05'),
    lastOrderAt: at('06-05'),
    orderCount: 5,
    pAlive: 0.9,
    meanGapDays: 30,
  }),
  // Three orders 01-05 … 02-20: a previous buyer (last order in it), not retained. At 03-31:
  // 39 d / 23 d = 1.7 → at risk.
  r: customer({
    createdAt: at('01-01'),
    firstOrderAt: at('01-05'),
    lastOrderAt: at('02-20'),
    orderCount: 3,
    pAlive: 0.9,
    meanGapDays: 23,
  }),
  // First order 04-15, after the period: no buyer yet at its end; not a previous buyer.
  s: customer({ createdAt: at('01-01'), firstOrderAt: at('04-15'), lastOrderAt: at('04-15'), orderCount: 1 }),
  // One order 03-20; today's P(alive) .01 says lost, but at 03-31 it is 11 d / 90 d (default gap)
  // and P(alive) is not used for a past period → active. Not a previous buyer.
  t: customer({
    createdAt: at('01-01'),
    firstOrderAt: at('03-20'),
    lastOrderAt: at('03-20'),
    orderCount: 1,
    pAlive: 0.01,
  }),
  // Four orders 2025-11-01 … 03-15, straddling the previous period: a previous buyer, uncertain;
  // bought in March (03-15) → retained (uncertain only as a previous buyer). 16 d / 45 d → active.
  u: customer({
    createdAt: '2025-10-01T00:00:00.000Z',
    firstOrderAt: '2025-11-01T00:00:00.000Z',
    lastOrderAt: at('03-15'),
    orderCount: 4,
    pAlive: 0.9,
    meanGapDays: 45,
  }),
  // One order 2025-06-01: 303 d / 90 d = 3.4 at 03-31 → dormant. Not a previous buyer.
  v: customer({
    createdAt: '2025-05-01T00:00:00.000Z',
    firstOrderAt: '2025-06-01T00:00:00.000Z',
    lastOrderAt: '2025-06-01T00:00:00.000Z',
    orderCount: 1,
  }),
  // Three orders 2025-09-01 … 2026-06-01 (273 d) straddle both periods: a previous buyer and
  // retained, both uncertain. Evenly spread the middle one is 2026-01-15 12:00 (estimated):
  // 74.5 d / 136.5 d = 0.55 at 03-31 → active.
  w: customer({
    createdAt: '2025-08-01T00:00:00.000Z',
    firstOrderAt: '2025-09-01T00:00:00.000Z',
    lastOrderAt: at('06-01'),
    orderCount: 3,
    pAlive: 0.9,
    meanGapDays: 136.5,
  }),
};
const pastCustomers = Object.values(pastBook);

describe('a past period', () => {
  it('counts retention from the order instants, with how many of the counts are uncertain', () => {
    // Previous buyers p, q, r, u, w (u and w uncertain); retained q, u, w (all three uncertain);
    // p's second order came after the period: not retained (an upper bound would have counted it).
    expect(retentionOf(pastCustomers, pastBounds)).toEqual({
      previousBuyers: 5,
      retained: 3,
      rate: 0.6,
      previousBuyersUncertain: 2,
      retainedUncertain: 3,
    });
  });

  it('gives each buyer its churn state at the period’s end, not today', () => {
    const activity = activityOf(pastCustomers, defaultChurnPolicy, new Date(at('07-01')), pastBounds.end);
    expect(activity).toMatchObject({
      asOf: at('03-31'),
      buyers: 7,
      active: 5,
      atRisk: 1,
      dormant: 1,
      lost: 0,
      dormantShare: 1 / 7,
      pAliveUsed: false,
      estimatedLastOrders: 2,
    });
    expect(activity.activeShare).toBeCloseTo(5 / 7, 10);
  });

  it('reads a period ending today as today’s states, P(alive) included', () => {
    const today = new Date('2026-06-29T15:00:00.000Z');
    const activity = activityOf(customers, defaultChurnPolicy, today, bounds.end);
    expect(activity).toMatchObject({ asOf: today.toISOString(), pAliveUsed: true, estimatedLastOrders: 0 });
  });
});

describe('satisfactionOf', () => {
  it('pools CSAT and NPS over the period and gives every month of it, empty ones too', () => {
    const satisfaction = satisfactionOf(
      [
        { answeredAt: at('04-05'), csat: [5], nps: [10] },
        { answeredAt: at('04-20'), csat: [3], nps: [6] },
        { answeredAt: at('06-10'), csat: [4, 2], nps: [9] },
      ],
      period,
    );
    // CSAT: 4 and 5 of 5, 2 of [5, 3, 4, 2] → 50 %. NPS: promoters 10, 9; detractor 6 → (2 − 1) / 3.
    expect(satisfaction.answers).toBe(3);
    expect(satisfaction.csat).toEqual({ count: 4, satisfied: 2, csat: 50 });
    expect(satisfaction.nps).toEqual({ count: 3, promoters: 2, passives: 0, detractors: 1, nps: 33.3 });
    expect(
      satisfaction.months.map((month) => [month.month, month.answers, month.csat.csat, month.nps.nps]),
    ).toEqual([
      ['2026-04', 2, 50, 0],
      ['2026-05', 0, null, null],
      ['2026-06', 1, 50, 100],
    ]);
  });

  it('lists the months across a year end', () => {
    expect(monthsOf({ from: '2025-11-15', to: '2026-02-01' })).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
  });
});

describe('complaintResolutionOf', () => {
  it('takes median and p90 hours over the complaints closed in the period, whenever recorded', () => {
    const complaints = [
      { recordedAt: at('03-31'), closedAt: at('04-02') }, // 48 h, recorded before the period
      { recordedAt: at('04-10'), closedAt: '2026-04-10T06:00:00.000Z' }, // 6 h
      { recordedAt: at('04-11'), closedAt: at('04-12') }, // 24 h
      { recordedAt: at('05-01'), closedAt: at('05-06') }, // 120 h
      { recordedAt: at('06-20'), closedAt: null }, // open
      { recordedAt: at('02-01'), closedAt: at('03-01') }, // closed before the period
    ];
    // Sorted 6, 24, 48, 120: median at rank 1.5 → 36; p90 at rank 2.7 → 48 + 0.7 × 72 = 98.4.
    expect(complaintResolutionOf(complaints, bounds, 1)).toEqual({
      received: 4,
      closed: 4,
      medianHours: 36,
      p90Hours: 98.4,
      openNow: 1,
    });
  });

  it('interpolates between ranks and has no quantile of nothing', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([], 0.5)).toBeNull();
  });
});

describe('funnelKpiOf', () => {
  it('gives lead conversion, win rate and the mean days to a win', () => {
    const funnel = funnelKpiOf(
      [{ status: 'converted' }, { status: 'converted' }, { status: 'open' }, { status: 'disqualified' }],
      [
        { status: 'won', amount: 1000, createdAt: at('04-01'), closedAt: at('04-11') }, // 10 days
        { status: 'won', amount: 500, createdAt: at('03-01'), closedAt: at('04-16') }, // 46 days
        { status: 'lost', amount: 300, createdAt: at('04-01'), closedAt: at('04-05') },
      ],
    );
    expect(funnel).toMatchObject({
      leadsCreated: 4,
      leadsConverted: 2,
      leadConversionRate: 0.5,
      won: 2,
      lost: 1,
      wonAmount: 1500,
      meanDaysToWin: 28,
    });
    expect(funnel.winRate).toBeCloseTo(2 / 3, 10);
  });

  it('has no rates without leads or closed deals', () => {
    expect(funnelKpiOf([], [])).toMatchObject({
      leadConversionRate: null,
      winRate: null,
      meanDaysToWin: null,
    });
  });
});
