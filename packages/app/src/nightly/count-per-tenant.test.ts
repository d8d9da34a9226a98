import type { TableClient } from '@crm/dynamodb';
import { describe, expect, it } from 'vitest';
import { countPerTenant } from './count-per-tenant.js';

// The tenants are given, so the registry table is never read.
const table = {} as TableClient;

describe('countPerTenant', () => {
  it('starts every count named at 0 and sums what each tenant adds', async () => {
    const result = await countPerTenant(
      { table, tenantIds: ['t1', 't2', 't3'] },
      ['customers', 'moved'],
      async (tenantId, add) => {
        add({ customers: tenantId === 't1' ? 4 : 1 });
        if (tenantId === 't2') add({ moved: 2 });
        add({ moved: 1 });
      },
    );
    expect(result).toMatchObject({ tenants: 3, failed: [], customers: 6, moved: 5 });
  });

  it('reports a tenant that throws, keeps what it added before, and goes on to the next', async () => {
    const seen: string[] = [];
    const result = await countPerTenant(
      { table, tenantIds: ['t1', 't2'] },
      ['repaired'],
      async (tenantId, add) => {
        seen.push(tenantId);
        add({ repaired: 1 });
        if (tenantId === 't1') throw new Error('table gone');
      },
    );
    expect(seen).toEqual(['t1', 't2']);
    expect(result).toMatchObject({
      tenants: 2,
      failed: [{ tenantId: 't1', message: 'table gone' }],
      repaired: 2,
    });
  });

  it('reports 0 for a count no tenant added to', async () => {
    const result = await countPerTenant({ table, tenantIds: [] }, ['runs'], async () => {});
    expect(result).toMatchObject({ tenants: 0, failed: [], runs: 0 });
  });
});
