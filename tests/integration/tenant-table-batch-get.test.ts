import { CustomerRepository, customerItem, keys, TenantTable } from '@crm/dynamodb';
import { testCustomer } from '@crm/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { testTableClient } from '../support/test-table.js';
import { newTestTenantId } from '../support/test-tenant.js';

/**
 * `batchGet` reads any number of keys (100 a request, several requests at once) and, when asked,
 * only some attributes; `CustomerRepository.valuesOf` is what the dashboard's value-at-risk adds up.
 */

const CUSTOMERS = 250;
const tenantId = newTestTenantId();
const table = new TenantTable(testTableClient(), tenantId);
const ids = Array.from({ length: CUSTOMERS }, (_, index) => `C${String(index).padStart(4, '0')}`);

beforeAll(async () => {
  await table.batchPut(
    ids.map((id, index) => {
      const customer = testCustomer({ id, name: `Customer ${index}`, tags: ['many', 'tags'] });
      const item = customerItem(
        tenantId,
        { ...customer, stats: { ...customer.stats, orderValue: index * 100 } },
        { listShards: 1 },
      );
      // Half are scored: only `clv` of the scores matters here.
      return index % 2 === 0 ? { ...item, scores: { clv: index * 1000 } } : item;
    }),
  );
});

describe('batchGet', () => {
  it('finds every key of several requests, skipping those that do not exist', async () => {
    const found = await table.batchGet([...ids, 'C9999'].map((id) => keys.customer(tenantId, id)));

    expect(found.map((item) => item.id).sort()).toEqual(ids);
  });

  it('reads only the attributes asked for', async () => {
    const [item] = await table.batchGet([keys.customer(tenantId, 'C0002')], { attributes: ['id', 'stats'] });

    expect(Object.keys(item ?? {}).sort()).toEqual(['id', 'stats']);
  });

  it("refuses another tenant's key", async () => {
    await expect(table.batchGet([keys.customer(newTestTenantId(), 'C0001')])).rejects.toMatchObject({
      code: 'tenant_guard',
    });
  });
});

describe('CustomerRepository.valuesOf', () => {
  it("gives each customer's CLV when scored and its order value", async () => {
    const values = await new CustomerRepository(testTableClient(), tenantId).valuesOf({ customerIds: ids });

    expect(values).toHaveLength(CUSTOMERS);
    const byId = new Map(values.map((value) => [value.customerId, value]));
    expect(byId.get('C0002')).toEqual({ customerId: 'C0002', clv: 2000, orderValue: 200 });
    expect(byId.get('C0003')).toEqual({ customerId: 'C0003', orderValue: 300 });
  });
});
