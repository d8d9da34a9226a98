import { describe, expect, it } from 'vitest';
import { type Customer, emptyCustomerStats } from '../customer.schema.js';
import { SegmentFilterSchema } from './segment.schema.js';
import { factsMatchSegment, segmentFactsOf } from './segment-facts.js';
import { customerMatchesSegment } from './segment-match.js';

function customer(overrides: Partial<Customer> = {}): Customer {
  return {
    id: '01JCUST000000000000000000A',
    name: '王记粮油',
    kind: 'consumer',
    status: 'active',
    tags: [],
    customFields: {},
    stats: emptyCustomerStats(),
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    createdBy: '01JUSER0000000000000000001',
    version: 1,
    ...overrides,
  };
}

function scored(scores: {
  abcClass?: 'A' | 'B' | 'C' | null;
  segment?: string | null;
  pAlive?: number;
  clv?: number | null;
}) {
  return {
    segment: scores.segment ?? null,
    rfm: null,
    abcClass: scores.abcClass ?? null,
    pAlive: scores.pAlive ?? 0.5,
    expectedPurchases90d: 1,
    nextPurchaseAt: null,
    clv: scores.clv === undefined ? null : scores.clv,
    expectedSpend: null,
    valueIndex: null,
    lifecycleSuggestion: { stage: 'development', name: '发展期', rule: 'r' },
    inputs: {
      x: 1,
      tx: 1,
      T: 2,
      firstOrderOn: '2026-01-01',
      lastOrderOn: '2026-01-02',
      totalAmount: 100,
      spendCount: 1,
      meanSpend: 100,
    },
    scoredAt: '2026-01-03T00:00:00.000Z',
    modelFittedAt: '2026-01-03T00:00:00.000Z',
    fitId: 'fit',
  };
}

describe('customerMatchesSegment', () => {
  it('matches every live customer with an empty filter, never an archived one', () => {
    expect(customerMatchesSegment(customer(), {})).toBe(true);
    expect(customerMatchesSegment(customer({ archivedAt: '2026-02-01T00:00:00.000Z' }), {})).toBe(false);
  });

  it('tells new from returning buyers by their order count', () => {
    const once = customer({ stats: { ...emptyCustomerStats(), orderCount: 1 } });
    const twice = customer({ stats: { ...emptyCustomerStats(), orderCount: 2 } });
    expect(customerMatchesSegment(once, { buyers: 'new' })).toBe(true);
    expect(customerMatchesSegment(twice, { buyers: 'new' })).toBe(false);
    expect(customerMatchesSegment(twice, { buyers: 'returning' })).toBe(true);
    expect(customerMatchesSegment(customer(), { buyers: 'none' })).toBe(true);
  });

  it('takes any of the listed statuses (active / dormant)', () => {
    expect(customerMatchesSegment(customer({ status: 'dormant' }), { status: ['active', 'dormant'] })).toBe(
      true,
    );
    expect(customerMatchesSegment(customer({ status: 'lost' }), { status: ['active', 'dormant'] })).toBe(
      false,
    );
  });

  it('filters on value class, RFM segment, P(alive) and CLV ranges, inclusive at both ends', () => {
    const c = customer({ scores: scored({ abcClass: 'A', segment: 'champions', pAlive: 0.8, clv: 50_000 }) });
    expect(customerMatchesSegment(c, { abcClass: ['A', 'B'] })).toBe(true);
    expect(customerMatchesSegment(c, { abcClass: ['C'] })).toBe(false);
    expect(customerMatchesSegment(c, { segment: ['champions'] })).toBe(true);
    expect(customerMatchesSegment(c, { pAlive: { min: 0.8, max: 1 } })).toBe(true);
    expect(customerMatchesSegment(c, { pAlive: { max: 0.79 } })).toBe(false);
    expect(customerMatchesSegment(c, { clv: { min: 50_000 } })).toBe(true);
    expect(customerMatchesSegment(c, { clv: { min: 50_001 } })).toBe(false);
  });

  it('never puts an unscored customer in a score range or a value class', () => {
    expect(customerMatchesSegment(customer(), { pAlive: { min: 0 } })).toBe(false);
    expect(customerMatchesSegment(customer(), { abcClass: ['A', 'B', 'C'] })).toBe(false);
    expect(customerMatchesSegment(customer({ scores: scored({ clv: null }) }), { clv: { min: 0 } })).toBe(
      false,
    );
  });

  it('needs every listed tag, the owner and the custom field value, all at once', () => {
    const c = customer({
      tags: ['vip', 'north'],
      ownerId: '01JUSER0000000000000000002',
      customFields: { tier: 'gold' },
    });
    expect(customerMatchesSegment(c, { tags: ['vip', 'north'] })).toBe(true);
    expect(customerMatchesSegment(c, { tags: ['vip', 'south'] })).toBe(false);
    expect(customerMatchesSegment(c, { customField: { key: 'tier', value: 'gold' } })).toBe(true);
    expect(customerMatchesSegment(c, { customField: { key: 'tier', value: 'silver' } })).toBe(false);
    expect(customerMatchesSegment(c, { tags: ['vip'], ownerId: '01JUSER0000000000000000003' })).toBe(false);
  });
});

describe('SegmentFilterSchema', () => {
  it('refuses a range whose min exceeds its max, naming the field', () => {
    const result = SegmentFilterSchema.safeParse({ pAlive: { min: 0.9, max: 0.1 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['pAlive', 'min']);
  });

  it('refuses a P(alive) above 1 and unknown conditions', () => {
    expect(SegmentFilterSchema.safeParse({ pAlive: { max: 1.5 } }).success).toBe(false);
    expect(SegmentFilterSchema.safeParse({ colour: 'red' }).success).toBe(false);
  });
});

describe('segmentFactsOf', () => {
  it('keeps only what a condition can read, so matching the facts is matching the customer', () => {
    const long = 'x'.repeat(201);
    const c = customer({
      tags: ['vip'],
      customFields: { tier: 'gold', note: long, empty: '', gone: null, score: 3, member: false },
      scores: scored({ abcClass: 'B', segment: 'loyal', pAlive: 0.4, clv: 1_000 }),
    });
    const facts = segmentFactsOf(c);
    // A condition's string is 1–200 characters: a longer or empty value, or a null, never equals one.
    expect(facts.customFields).toEqual({ tier: 'gold', score: 3, member: false });
    expect(facts).toMatchObject({
      abcClass: 'B',
      rfmSegment: 'loyal',
      pAlive: 0.4,
      clv: 1_000,
      tags: ['vip'],
    });
    for (const filter of [
      { customField: { key: 'tier', value: 'gold' } },
      { customField: { key: 'member', value: false } },
      { customField: { key: 'score', value: 3 } },
      { abcClass: ['B' as const], pAlive: { max: 0.4 } },
      { status: ['active' as const], buyers: 'none' as const },
    ]) {
      expect(factsMatchSegment(facts, filter)).toBe(true);
      expect(customerMatchesSegment(c, filter)).toBe(true);
    }
    expect(factsMatchSegment(facts, { customField: { key: 'note', value: 'x' } })).toBe(false);
  });
});
