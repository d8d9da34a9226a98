import { describe, expect, it } from 'vitest';
import type { CustomerSegmentFacts } from '../segments/segment-facts.js';
import {
  type CustomerSnapshotFacts,
  packCustomerFacts,
  unpackCustomerFacts,
} from './customer-figures-snapshot.js';

const scoredSegment: CustomerSegmentFacts = {
  orderCount: 37,
  status: 'active',
  lifecycleStage: 'stability',
  abcClass: 'A',
  rfmSegment: 'champions',
  pAlive: 0.8123456789,
  clv: 123_456.78901234,
  // Separators and non-ASCII text inside values must survive.
  tags: ['vip', '华北,区', 'a|b', 'x=y\nz'],
  ownerId: '01JUSER0000000000000000002',
  customFields: { tier: 'gold, 金', score: -12.5, big: Number.MAX_SAFE_INTEGER, member: true, lapsed: false },
};
const scored: CustomerSnapshotFacts = {
  createdAt: '2026-01-02T03:04:05.678Z',
  firstOrderAt: '2026-02-01T10:00:00.000Z',
  lastOrderAt: '2026-05-01T23:59:59.999Z',
  orderCount: 37,
  pAlive: 0.8123456789,
  meanGapDays: 2.4666666666666668,
  segment: scoredSegment,
};
const prospect: CustomerSnapshotFacts = {
  createdAt: '2026-03-03T00:00:00.000Z',
  firstOrderAt: undefined,
  lastOrderAt: undefined,
  orderCount: 0,
  pAlive: null,
  meanGapDays: null,
  segment: {
    orderCount: 0,
    status: 'prospect',
    lifecycleStage: null,
    abcClass: null,
    rfmSegment: null,
    pAlive: null,
    clv: null,
    tags: [],
    ownerId: null,
    customFields: {},
  },
};

describe('customer figures snapshot packing', () => {
  it('gives back exactly the facts it packed, missing values included', () => {
    expect(unpackCustomerFacts(packCustomerFacts([scored, prospect]))).toEqual([scored, prospect]);
  });

  it('keeps each chunk ASCII: one character a byte', () => {
    const [chunk = ''] = packCustomerFacts([scored]);
    expect(/^[\x20-\x7e\n]*$/.test(chunk)).toBe(true);
    expect(chunk.split('\n')).toHaveLength(1);
  });

  it('splits into chunks no longer than asked, keeping every customer once and in order', () => {
    const many = Array.from({ length: 50 }, (_, index) => ({ ...prospect, orderCount: index }));
    const chunks = packCustomerFacts(many, 200);
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(200);
    expect(unpackCustomerFacts(chunks).map((facts) => facts.orderCount)).toEqual(many.map((_, i) => i));
  });

  it('packs no customer into no chunk', () => {
    expect(packCustomerFacts([])).toEqual([]);
    expect(unpackCustomerFacts([])).toEqual([]);
  });
});
