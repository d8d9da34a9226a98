import type { TableClient, TenantClientFactory } from '@crm/dynamodb';
import { describe, expect, it } from 'vitest';
import { TenantSettingsCache } from './tenant-settings-cache.js';

const settings = { locale: 'en', defaultCurrency: 'USD', timezone: 'UTC' } as const;

/** A table client whose only answer is the tenant item, counting the reads. */
function tenantTable(answer: () => Record<string, unknown> | undefined) {
  const reads = { count: 0 };
  const client = {
    tableName: 'crm',
    doc: {
      send: async () => {
        reads.count++;
        return { Item: answer() };
      },
    },
  } as unknown as TableClient;
  const tenantClient: TenantClientFactory = () => client;
  return { tenantClient, reads };
}

const tenantItem = () => ({
  pk: 'T#01T',
  sk: 'TENANT',
  id: '01T',
  name: 'Shop',
  settings,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
});

describe('tenant settings cache', () => {
  it('reads the tenant once for a burst, again after the TTL or an invalidation', async () => {
    let now = 0;
    const { tenantClient, reads } = tenantTable(tenantItem);
    const cache = new TenantSettingsCache({ tenantClient, clock: () => new Date(now), ttlMs: 1_000 });

    const burst = await Promise.all(Array.from({ length: 16 }, () => cache.settings({ tenantId: '01T' })));
    expect(burst.every((read) => read.defaultCurrency === 'USD')).toBe(true);
    expect(reads.count).toBe(1);

    now = 1_001;
    await cache.settings({ tenantId: '01T' });
    expect(reads.count).toBe(2);

    cache.invalidate({ tenantId: '01T' });
    await cache.settings({ tenantId: '01T' });
    expect(reads.count).toBe(3);
  });

  it('does not remember a missing tenant', async () => {
    let item: Record<string, unknown> | undefined;
    const { tenantClient, reads } = tenantTable(() => item);
    const cache = new TenantSettingsCache({ tenantClient, clock: () => new Date(0) });

    await expect(cache.settings({ tenantId: '01T' })).rejects.toMatchObject({ code: 'not_found' });
    item = tenantItem();
    await expect(cache.settings({ tenantId: '01T' })).resolves.toMatchObject({ defaultCurrency: 'USD' });
    expect(reads.count).toBe(2);
  });
});
