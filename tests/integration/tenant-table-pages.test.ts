import { keys, TenantTable } from '@crm/dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { testTableClient } from '../support/test-table.js';
import { newTestTenantId } from '../support/test-tenant.js';

/**
 * `queryPages` / `queryAll` read a partition to its end through `query`: every page in order,
 * nothing twice, and only the tenant's own partitions.
 */

const DEPARTMENTS = 7;
const tenantId = newTestTenantId();
const table = new TenantTable(testTableClient(), tenantId);
const partitionValue = keys.departmentsPartition(tenantId);
const ids = Array.from({ length: DEPARTMENTS }, (_, index) => `D${String(index).padStart(2, '0')}`);

beforeAll(async () => {
  await table.batchPut(ids.map((id) => ({ ...keys.department(tenantId, id), id })));
});

describe('reading every page of a partition', () => {
  it('returns every item of a partition that takes several pages, in order, once', async () => {
    const all = await table.queryAll<{ id: string }>({ partitionValue, Limit: 2 });

    expect(all.map((item) => item.id)).toEqual(ids);
  });

  it('hands out the pages one by one, as DynamoDB cut them', async () => {
    const pages: string[][] = [];
    for await (const page of table.queryPages<{ id: string }>({ partitionValue, Limit: 3 })) {
      pages.push(page.items.map((item) => item.id));
    }

    expect(pages).toEqual([ids.slice(0, 3), ids.slice(3, 6), ids.slice(6)]);
  });

  it("refuses another tenant's partition", async () => {
    const foreign = keys.departmentsPartition(newTestTenantId());

    await expect(table.queryAll({ partitionValue: foreign })).rejects.toMatchObject({ code: 'tenant_guard' });
    await expect(table.queryPages({ partitionValue: foreign }).next()).rejects.toMatchObject({
      code: 'tenant_guard',
    });
  });
});
