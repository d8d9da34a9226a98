import type { CustomerScores } from '@crm/domain';
import { customerItem, keys, ModelRepository, TenantTable } from '@crm/dynamodb';
import { testCustomer } from '@crm/testing';
import { describe, expect, it } from 'vitest';
import { testTableClient } from '../support/test-table.js';
import { newTestTenantId } from '../support/test-tenant.js';

function scoresOf(pAlive: number): CustomerScores {
  return {
    segment: 'champions',
    rfm: null,
    abcClass: 'A',
    pAlive,
    expectedPurchases90d: 1.5,
    nextPurchaseAt: null,
    clv: Math.round(pAlive * 10_000),
    expectedSpend: null,
    valueIndex: null,
    lifecycleSuggestion: { stage: 'active', name: 'Active', rule: 'test' },
    inputs: {
      x: 2,
      tx: 10,
      T: 20,
      firstOrderOn: '2026-01-01',
      lastOrderOn: '2026-03-01',
      totalAmount: 3000,
      spendCount: 2,
      meanSpend: 1500,
    },
    scoredAt: '2026-06-01T00:00:00.000Z',
    modelFittedAt: '2026-06-01T00:00:00.000Z',
    fitId: '01JZ0000000000000000000000',
  };
}

describe('ModelRepository.setScoresMany', () => {
  it('writes every customer’s scores in transactions, and those of a cancelled one customer by customer, skipping a deleted customer', async () => {
    const tenantId = newTestTenantId();
    const client = testTableClient();
    const table = new TenantTable(client, tenantId);
    // 60 customers: three transactions of 25, 25 and 10; one customer of the second is gone.
    const customers = Array.from({ length: 60 }, () => testCustomer());
    await table.batchPut(customers.map((customer) => customerItem(tenantId, customer, { listShards: 1 })));
    const gone = customers[30] as (typeof customers)[number];
    const entries = customers.map((customer, index) => ({
      customerId: customer.id,
      scores: scoresOf(index / 100),
    }));
    await table.delete(keys.customer(tenantId, gone.id));

    const written = await new ModelRepository(client, tenantId).setScoresMany(entries);

    expect(written).toBe(59);
    const stored = await table.batchGet(customers.map((customer) => keys.customer(tenantId, customer.id)));
    expect(stored).toHaveLength(59);
    const byId = new Map(stored.map((item) => [item.id, item]));
    for (const [index, customer] of customers.entries()) {
      if (customer === gone) continue;
      expect(byId.get(customer.id)).toMatchObject({
        scores: { pAlive: index / 100 },
        gsi7sk: expect.stringContaining(customer.id),
        gsi8sk: expect.stringContaining(customer.id),
      });
    }
  });
});
