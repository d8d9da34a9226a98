import { type Customer, emptyCustomerStats, newId } from '@crm/domain';
import {
  customerItem,
  customerListLayoutItem,
  customerShard,
  forgetCustomerListLayout,
  TenantTable,
} from '@crm/dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { testTableClient } from '../support/test-table.js';

/**
 * The customer list reads each of its four shards only about as far as the page needs and tops up
 * the shard that cuts a page short. Whatever the page size, sort and order, following `nextCursor`
 * to the end must yield every customer exactly once, in the order the sort defines.
 */

const CUSTOMERS = 90;

/** Few distinct names, creation instants and values: ties are broken by id, across shards. */
function customer(index: number): Customer {
  const createdAt = new Date(Date.UTC(2026, 0, 1 + (index % 23))).toISOString();
  return {
    id: newId(),
    name: `Kunde ${String.fromCharCode(65 + (index % 7))}`,
    kind: 'consumer',
    status: 'prospect',
    tags: index % 5 === 0 ? ['vip'] : [],
    customFields: {},
    stats: {
      ...emptyCustomerStats(),
      orderValue: (index % 11) * 1000,
      ...(index % 3 === 0
        ? {}
        : { lastInteractionAt: new Date(Date.UTC(2026, 1, 1 + (index % 13))).toISOString() }),
    },
    createdAt,
    updatedAt: createdAt,
    createdBy: 'paging-test',
    version: 1,
  };
}

type Sort = 'name' | 'createdAt' | 'lastInteractionAt' | 'value';

/** The order each sort promises: its field, then the id (as the index sort keys encode it). */
function sortValue(c: Customer, sort: Sort): string {
  switch (sort) {
    case 'name':
      return c.name.toLowerCase();
    case 'createdAt':
      return c.createdAt;
    case 'lastInteractionAt':
      return c.stats.lastInteractionAt ?? '0';
    case 'value':
      return String(c.stats.orderValue).padStart(16, '0');
  }
}

function expectedIds(customers: readonly Customer[], sort: Sort, order: 'asc' | 'desc'): string[] {
  const sorted = [...customers].sort((a, b) => {
    const left = `${sortValue(a, sort)}#${a.id}`;
    const right = `${sortValue(b, sort)}#${b.id}`;
    return left < right ? -1 : left > right ? 1 : 0;
  });
  if (order === 'desc') sorted.reverse();
  return sorted.map((c) => c.id);
}

const SHARDS = 4;

describe('paging through the customer list', () => {
  const app = createTestApp();
  let owner: SignedUpTenant;
  const customers = Array.from({ length: CUSTOMERS }, (_, index) => customer(index));

  beforeAll(async () => {
    owner = await signUpTenant(app, 'Paging Tenant');
    const table = new TenantTable(testTableClient(), owner.tenantId);
    // Four shards, as a grown tenant has, so a page is a merge of several shards' pages.
    await table.put(customerListLayoutItem(owner.tenantId, { shards: SHARDS }));
    forgetCustomerListLayout(testTableClient(), owner.tenantId);
    await table.batchPut(customers.map((c) => customerItem(owner.tenantId, c, { listShards: SHARDS })));
  });

  async function pageThrough(query: string): Promise<{ ids: string[]; pages: number[] }> {
    const ids: string[] = [];
    const pages: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await call(
        app,
        'GET',
        `/v1/customers?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { auth: owner.auth },
      );
      expect(page.status).toBe(200);
      const items = page.body.items as Customer[];
      ids.push(...items.map((c) => c.id));
      pages.push(items.length);
      cursor = page.body.nextCursor as string | null;
      expect(pages.length).toBeLessThanOrEqual(CUSTOMERS + 1);
    } while (cursor);
    return { ids, pages };
  }

  it('returns every customer exactly once, in order, for any page size, sort and order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 100 }),
        fc.constantFrom<Sort>('name', 'createdAt', 'lastInteractionAt', 'value'),
        fc.constantFrom<'asc' | 'desc'>('asc', 'desc'),
        async (limit, sort, order) => {
          const { ids, pages } = await pageThrough(`limit=${limit}&sort=${sort}&order=${order}`);
          expect(ids).toEqual(expectedIds(customers, sort, order));
          // Without a filter no page is cut short: every page but the last is full.
          for (const size of pages.slice(0, -1)) expect(size).toBe(limit);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('returns every matching customer exactly once, in order, under a filter', async () => {
    const vips = customers.filter((c) => c.tags.includes('vip'));
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom<'asc' | 'desc'>('asc', 'desc'),
        async (limit, order) => {
          const { ids } = await pageThrough(`limit=${limit}&sort=createdAt&order=${order}&tag=vip`);
          expect(ids).toEqual(expectedIds(vips, 'createdAt', order));
        },
      ),
      { numRuns: 8 },
    );
  });

  it('spans every list shard, with far more customers than a shard reads for one page', () => {
    const shards = new Set(customers.map((c) => customerShard(c.id, SHARDS)));
    expect(shards.size).toBe(SHARDS);
  });

  it('pages through a name search (a prefix on the name index of every shard)', async () => {
    const { ids } = await pageThrough('limit=7&order=asc&q=Kunde%20A');
    expect(ids).toEqual(
      expectedIds(
        customers.filter((c) => c.name === 'Kunde A'),
        'name',
        'asc',
      ),
    );
  });
});
