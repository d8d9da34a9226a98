import type { CustomerScores } from '@crm/domain';
import {
  customerItem,
  customerListPartition,
  customerShard,
  keys,
  ModelRepository,
  PartitionPacer,
  SCORE_WRITE_BUDGET,
  SCORE_WRITE_UNITS_PER_CUSTOMER,
  TenantTable,
} from '@crm/dynamodb';
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

  it('paces the writes per list shard: each shard gets its customers’ units, in transactions of one shard', async () => {
    // No layout item: a tenant from before layouts, 4 shards.
    const tenantId = newTestTenantId();
    const client = testTableClient();
    const table = new TenantTable(client, tenantId);
    const customers = Array.from({ length: 400 }, () => testCustomer());
    await table.batchPut(customers.map((customer) => customerItem(tenantId, customer, { listShards: 4 })));
    const takes: { partition: string; units: number }[] = [];
    class RecordingPacer extends PartitionPacer {
      override async take(partition: string, units: number) {
        takes.push({ partition, units });
        return super.take(partition, units);
      }
    }
    // A clock that stands still: each wait says how far into the pass its transaction may go.
    const waits: number[] = [];
    const pacer = new RecordingPacer(SCORE_WRITE_BUDGET, {
      now: () => 0,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });

    const written = await new ModelRepository(client, tenantId).setScoresMany(
      customers.map((customer, index) => ({ customerId: customer.id, scores: scoresOf(index / 500) })),
      { pacer },
    );

    expect(written).toBe(400);
    const stored = await table.batchGet(customers.map((customer) => keys.customer(tenantId, customer.id)));
    expect(stored.every((item) => item.scores !== undefined)).toBe(true);
    const expected = new Map<string, number>();
    for (const customer of customers) {
      const partition = customerListPartition(tenantId, false, customerShard(customer.id, 4));
      expected.set(partition, (expected.get(partition) ?? 0) + SCORE_WRITE_UNITS_PER_CUSTOMER);
    }
    const spent = new Map<string, number>();
    for (const take of takes) spent.set(take.partition, (spent.get(take.partition) ?? 0) + take.units);
    expect(spent).toEqual(expected);
    expect(Math.max(...takes.map((take) => take.units))).toBeLessThanOrEqual(
      25 * SCORE_WRITE_UNITS_PER_CUSTOMER,
    );
    // Each shard on its own budget: the last transaction of the busiest shard waits for its units
    // beyond the burst at 800 a second, and no transaction waits longer.
    const busiest = Math.max(...expected.values());
    expect(Math.max(...waits)).toBeCloseTo(
      ((busiest - SCORE_WRITE_BUDGET.capacity) / SCORE_WRITE_BUDGET.refillPerSecond) * 1000,
    );
  });
});
