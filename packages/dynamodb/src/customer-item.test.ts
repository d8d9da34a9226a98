import { type Customer, CustomerSchema } from '@crm/domain';
import { describe, expect, it } from 'vitest';
import { customerFromItem, customerItem, storedCustomerFromItem } from './customer-item.js';

const scored: Customer = {
  id: '01HZX3J0M4Q8W2N6P9R5T7V1XA',
  name: 'Ada Trading',
  kind: 'business',
  status: 'active',
  tags: ['vip'],
  customFields: { tier: 'gold' },
  email: 'ada@example.com',
  phone: '+86 10 1234 5678',
  stats: {
    interactionCount: 2,
    orderCount: 2,
    orderValue: 12_000,
    orderValueByCurrency: { CNY: 12_000 },
    paymentValue: 0,
    firstOrderAt: '2026-01-02T00:00:00.000Z',
    lastOrderAt: '2026-02-03T00:00:00.000Z',
    lastInteractionAt: '2026-02-03T00:00:00.000Z',
  },
  scores: {
    segment: 'champions',
    rfm: { r: 5, f: 4, m: 5, fm: 5, code: '545' },
    abcClass: 'A',
    pAlive: 0.93,
    expectedPurchases90d: 1.2,
    nextPurchaseAt: '2026-03-01',
    clv: 30_000,
    expectedSpend: 6_000,
    valueIndex: 88,
    lifecycleSuggestion: { stage: 'stability', name: '稳定期', rule: 'repeat buyer, alive' },
    inputs: {
      x: 1,
      tx: 4.6,
      T: 8,
      firstOrderOn: '2026-01-02',
      lastOrderOn: '2026-02-03',
      totalAmount: 12_000,
      spendCount: 1,
      meanSpend: 6_000,
    },
    scoredAt: '2026-02-04T00:00:00.000Z',
    modelFittedAt: '2026-02-04T00:00:00.000Z',
    fitId: '01HZX3J0M4Q8W2N6P9R5T7V1XB',
  },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-02-03T00:00:00.000Z',
  createdBy: '01HZX3J0M4Q8W2N6P9R5T7V1XC',
  version: 3,
};

describe('customer item', () => {
  it('reads back exactly the customer it stored, scores included, as the schema documents it', () => {
    const read = customerFromItem(customerItem('01T', scored, { statsRevision: 7, listShards: 4 }));

    expect(read).toEqual(scored);
    expect(CustomerSchema.strict().parse(read)).toEqual(scored);
  });

  it('keeps keys, index attributes, the entity type and the figures revision in the table', () => {
    const item = customerItem('01T', scored, { statsRevision: 7, listShards: 4 });

    const read = customerFromItem({ ...item, expiresAt: 1, someLaterBookkeeping: 'x' });

    expect(item).toMatchObject({ pk: 'T#01T#C#01HZX3J0M4Q8W2N6P9R5T7V1XA', sk: 'PROFILE', statsRevision: 7 });
    expect(Object.keys(item).filter((name) => /^gsi\d+(pk|sk)$/.test(name)).length).toBeGreaterThan(0);
    expect(Object.keys(read).sort()).toEqual(Object.keys(scored).sort());
  });

  it('reads the figures revision beside the customer, 0 before the figures were first written', () => {
    const { scores: _scores, ...unscored } = scored;

    const fresh = customerItem('01T', unscored, { listShards: 4 });

    expect(fresh).not.toHaveProperty('statsRevision');
    expect(storedCustomerFromItem(fresh)).toEqual({ customer: unscored, statsRevision: 0 });
    expect(
      storedCustomerFromItem(customerItem('01T', scored, { statsRevision: 4, listShards: 4 })).statsRevision,
    ).toBe(4);
  });
});
