import { describe, expect, it } from 'vitest';
import { packCustomerFacts, unpackCustomerFacts } from './customer-figures-snapshot.js';
import type { CustomerKpiFacts } from './kpi-figures.js';

const scored: CustomerKpiFacts = {
  createdAt: '2026-01-02T03:04:05.678Z',
  firstOrderAt: '2026-02-01T10:00:00.000Z',
  lastOrderAt: '2026-05-01T23:59:59.999Z',
  orderCount: 37,
  pAlive: 0.8123456789,
  meanGapDays: 2.4666666666666668,
};
const prospect: CustomerKpiFacts = {
  createdAt: '2026-03-03T00:00:00.000Z',
  firstOrderAt: undefined,
  lastOrderAt: undefined,
  orderCount: 0,
  pAlive: null,
  meanGapDays: null,
};

describe('customer figures snapshot packing', () => {
  it('gives back exactly the facts it packed, missing values included', () => {
    expect(unpackCustomerFacts(packCustomerFacts([scored, prospect]))).toEqual([scored, prospect]);
  });

  it('splits into chunks no longer than asked, keeping every customer once and in order', () => {
    const many = Array.from({ length: 50 }, (_, index) => ({ ...scored, orderCount: index }));
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
