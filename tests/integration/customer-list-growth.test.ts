import { growCustomerList, ImportService } from '@crm/app';
import { type Customer, emptyCustomerStats, ImportOptionsSchema, newId } from '@crm/domain';
import {
  CustomerListLayoutRepository,
  CustomerRepository,
  customerItem,
  customerShard,
  type TableClient,
  TenantTable,
} from '@crm/dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { testTableClient } from '../support/test-table.js';

/**
 * Per-tenant customer-list shards (docs/data-model.md, "Per-tenant shard count"): a new tenant
 * has one shard, so a page is one Query; a grow to four moves customers in the background while
 * the list keeps answering, and a cursor taken before, during or after the grow pages on to the
 * end with every customer exactly once.
 */

/** A client that counts the Queries it sends. */
function countingClient(): { client: TableClient; queries: () => number } {
  const client = testTableClient();
  let queries = 0;
  client.doc.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'QueryCommand') queries++;
      return next(args);
    },
    { step: 'initialize', name: 'countQueries' },
  );
  return { client, queries: () => queries };
}

function rawCustomer(index: number): Customer {
  const createdAt = new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString();
  return {
    id: newId(),
    name: `Growth ${String(index).padStart(3, '0')}`,
    kind: 'consumer',
    status: 'prospect',
    tags: [],
    customFields: {},
    email: `growth${index}@example.com`,
    ...(index % 2 === 0 ? { phone: `+86 10 5555 ${String(index).padStart(4, '0')}` } : {}),
    stats: emptyCustomerStats(),
    createdAt,
    updatedAt: createdAt,
    createdBy: 'growth-test',
    version: 1,
  };
}

const tenantClient = () => testTableClient();

describe('per-tenant customer-list shards', () => {
  const app = createTestApp();
  let small: SignedUpTenant;

  beforeAll(async () => {
    small = await signUpTenant(app, 'One Shard');
  });

  it('gives a new tenant one shard and lists a page of it in one Query', async () => {
    expect(await new CustomerListLayoutRepository(testTableClient(), small.tenantId).get()).toEqual({
      shards: 1,
    });
    for (let index = 0; index < 5; index++) {
      const created = await call(app, 'POST', '/v1/customers', {
        auth: small.auth,
        body: { name: `Small ${index}`, kind: 'consumer', tags: [] },
      });
      expect(created.status).toBe(201);
    }
    const { client, queries } = countingClient();
    const repository = new CustomerRepository(client, small.tenantId);
    await repository.layout();
    const before = queries();
    const page = await repository.list({
      tenantId: small.tenantId,
      sort: 'createdAt',
      order: 'desc',
      limit: 3,
      archived: false,
      filters: {},
    });
    expect(page.items).toHaveLength(3);
    expect(queries() - before).toBe(1);
    // Every customer sits in shard 0.
    const items = await new TenantTable(client, small.tenantId).query({
      IndexName: 'gsi2',
      partitionValue: `T#${small.tenantId}#CUSTOMERS#LIVE#0`,
    });
    expect(items.items).toHaveLength(5);
  });

  it('reads a tenant created before layouts were recorded in its 4 shards', async () => {
    const tenantId = newId();
    const { client, queries } = countingClient();
    const customers = Array.from({ length: 12 }, (_, index) => rawCustomer(index));
    await new TenantTable(client, tenantId).batchPut(
      customers.map((c) => customerItem(tenantId, c, { listShards: 4 })),
    );
    const repository = new CustomerRepository(client, tenantId);
    expect(await repository.listShards()).toBe(4);
    const before = queries();
    const page = await repository.list({
      tenantId,
      sort: 'name',
      order: 'asc',
      limit: 50,
      archived: false,
      filters: {},
    });
    expect(page.items.map((c) => c.id)).toEqual(customers.map((c) => c.id));
    expect(queries() - before).toBe(4);
  });

  describe('growing from 1 to 4 shards', () => {
    let owner: SignedUpTenant;
    const seeded = Array.from({ length: 60 }, (_, index) => rawCustomer(index));
    let now = new Date('2026-12-01T02:00:00.000Z');
    const deps = {
      tenantClient,
      clock: () => now,
      steps: [{ from: 1, to: 4, liveCustomers: 50 }] as const,
      pageSize: 7,
    };

    const list = (cursor?: string, limit = 9) =>
      call(
        app,
        'GET',
        `/v1/customers?limit=${limit}&sort=createdAt&order=asc${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { auth: owner.auth },
      );

    /** Follows a cursor to the end; answers the ids in order. */
    async function rest(cursor: string | null): Promise<string[]> {
      const ids: string[] = [];
      while (cursor) {
        const page = await list(cursor);
        expect(page.status).toBe(200);
        ids.push(...(page.body.items as Customer[]).map((c) => c.id));
        cursor = page.body.nextCursor as string | null;
      }
      return ids;
    }

    async function firstPage(): Promise<{ ids: string[]; cursor: string }> {
      const page = await list();
      expect(page.status).toBe(200);
      return {
        ids: (page.body.items as Customer[]).map((c) => c.id),
        cursor: page.body.nextCursor as string,
      };
    }

    async function liveIdsInOrder(): Promise<string[]> {
      const repository = new CustomerRepository(testTableClient(), owner.tenantId);
      const ids: string[] = [];
      for await (const page of repository.liveCustomerPages()) ids.push(...page.map((c) => c.id));
      return ids;
    }

    beforeAll(async () => {
      owner = await signUpTenant(app, 'Growing Tenant');
      await new TenantTable(testTableClient(), owner.tenantId).batchPut(
        seeded.map((c) => customerItem(owner.tenantId, c, { listShards: 1 })),
      );
    });

    it('keeps every cursor working across the grow, lists concurrent writes, and ends in 4 shards', async () => {
      const layouts = new CustomerListLayoutRepository(testTableClient(), owner.tenantId);
      const beforeGrow = await firstPage();

      // Below the threshold nothing happens; at it, the grow begins and waits for the grace.
      const below = await growCustomerList(
        { ...deps, steps: [{ from: 1, to: 4, liveCustomers: 61 }] },
        owner.tenantId,
      );
      expect(below.counts).toEqual({ shards: 1 });
      const began = await growCustomerList(deps, owner.tenantId);
      expect(began.counts).toMatchObject({ shards: 1, growingTo: 4, began: true });
      const waiting = await growCustomerList(deps, owner.tenantId);
      expect(waiting.counts).toMatchObject({ waiting: true });
      const duringGrowBeforeMoves = await firstPage();

      // The walk, two pages at a time, with people working in between.
      now = new Date(now.getTime() + 10 * 60_000);
      const created: string[] = [];
      const cursorsMidWalk: { ids: string[]; cursor: string }[] = [];
      let archivedId: string | undefined;
      let result: Awaited<ReturnType<typeof growCustomerList>>;
      let round = 0;
      do {
        let pages = 0;
        result = await growCustomerList(deps, owner.tenantId, { more: () => ++pages < 2 });
        const made = await call(app, 'POST', '/v1/customers', {
          auth: owner.auth,
          body: { name: `During ${round}`, kind: 'consumer', tags: [], email: `during${round}@example.com` },
        });
        expect(made.status).toBe(201);
        created.push((made.body as Customer).id);
        if (round === 1) {
          const victim = seeded[40] as Customer;
          const archived = await call(app, 'DELETE', `/v1/customers/${victim.id}`, { auth: owner.auth });
          expect(archived.status).toBe(200);
          archivedId = victim.id;
          const renamed = await call(app, 'PATCH', `/v1/customers/${seeded[41]?.id}`, {
            auth: owner.auth,
            body: { name: 'Growth renamed', version: 1 },
          });
          expect(renamed.status).toBe(200);
        }
        if (round === 2) cursorsMidWalk.push(await firstPage());
        round++;
      } while (result.next);
      expect(result.counts).toMatchObject({ shards: 4, finished: true });
      expect(round).toBeGreaterThan(3);
      expect(await layouts.get()).toEqual({ shards: 4 });
      const afterGrow = await firstPage();

      const everyone = await liveIdsInOrder();
      expect(everyone).toHaveLength(seeded.length - 1 + created.length);
      expect(everyone).not.toContain(archivedId);
      for (const id of created) expect(everyone).toContain(id);
      for (const taken of [beforeGrow, duringGrowBeforeMoves, ...cursorsMidWalk, afterGrow]) {
        const ids = [...taken.ids, ...(await rest(taken.cursor))];
        // Each cursor pages on with nobody twice; only the archived customer, if it was on the
        // first page, differs from the list as it is now.
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.filter((id) => id !== archivedId)).toEqual(everyone);
      }

      // Every customer now sits in its shard under 4, in the list and the lookup indexes.
      const items = await new TenantTable(testTableClient(), owner.tenantId).query({
        partitionValue: `T#${owner.tenantId}#CUSTOMERS#LIVE#0`,
        IndexName: 'gsi2',
      });
      for (const item of items.items) expect(customerShard(String(item.id), 4)).toBe(0);
      for (let shard = 0; shard < 4; shard++) {
        const partition = await new TenantTable(testTableClient(), owner.tenantId).query({
          partitionValue: `T#${owner.tenantId}#CUSTOMEREMAIL#${shard}`,
          IndexName: 'gsi5',
        });
        for (const item of partition.items) expect(customerShard(String(item.id), 4)).toBe(shard);
      }
      const archivedPage = await call(app, 'GET', '/v1/customers?archived=true', { auth: owner.auth });
      expect((archivedPage.body.items as Customer[]).map((c) => c.id)).toEqual([archivedId]);

      // Searches read the new layout too; the walk changed no customer's version.
      const byEmail = await call(app, 'GET', '/v1/customers?q=growth12%40', { auth: owner.auth });
      expect((byEmail.body.items as Customer[]).map((c) => c.id)).toEqual([seeded[12]?.id]);
      const byName = await call(app, 'GET', '/v1/customers?q=Growth%20renamed', { auth: owner.auth });
      expect((byName.body.items as Customer[]).map((c) => c.id)).toEqual([seeded[41]?.id]);
      const moved = await call(app, 'GET', `/v1/customers/${seeded[12]?.id}`, { auth: owner.auth });
      expect(moved.body).toMatchObject({ version: 1, updatedAt: seeded[12]?.updatedAt });

      // Nothing more to do: the next night finds a tenant of 4 shards below the next step.
      const again = await growCustomerList(deps, owner.tenantId);
      expect(again.counts).toEqual({ shards: 4 });
    });

    it("keeps a tenant's cursors and customers out of another tenant's list", async () => {
      const other = await signUpTenant(app, 'Neighbour');
      const taken = await firstPage();
      const replayed = await call(
        app,
        'GET',
        `/v1/customers?limit=9&sort=createdAt&order=asc&cursor=${encodeURIComponent(taken.cursor)}`,
        { auth: other.auth },
      );
      expect(replayed.status).toBe(400);
      const theirs = await call(app, 'GET', '/v1/customers?limit=100', { auth: other.auth });
      expect(theirs.body.items).toEqual([]);
    });
  });

  describe('an import that carries a tenant past the threshold', () => {
    const steps = [{ from: 1, to: 4, liveCustomers: 30 }] as const;
    const imports = new ImportService({ tenantClient, clock: () => new Date(), growthSteps: steps });
    const file = (from: number, count: number) =>
      [
        'customer_id,name,kind',
        ...Array.from({ length: count }, (_, index) => `G-${from + index},Grown ${from + index},consumer`),
      ].join('\n');
    const importFile = (tenantId: string, text: string, dryRun = false) =>
      imports.run({
        tenantId,
        actorId: 'growth-test',
        options: ImportOptionsSchema.parse({ kind: 'customers', dryRun: String(dryRun) }),
        text,
      });

    it('begins the grow when it ends, as the night would, and the next import writes in the new shards', async () => {
      const owner = await signUpTenant(app, 'Import Grown');
      const layouts = new CustomerListLayoutRepository(testTableClient(), owner.tenantId);

      await importFile(owner.tenantId, file(0, 20));
      expect(await layouts.get()).toEqual({ shards: 1 });
      await importFile(owner.tenantId, file(0, 40), true);
      expect(await layouts.get()).toEqual({ shards: 1 });
      const crossing = await importFile(owner.tenantId, file(20, 20));

      expect(crossing).toMatchObject({ status: 'completed', customersCreated: 20 });
      const layout = await layouts.get();
      expect(layout).toMatchObject({ shards: 1, growth: { to: 4, moved: 0 } });
      // It only begins the grow: the walk is the nightly job's, after the grace period.
      const after = await importFile(owner.tenantId, file(40, 12));
      expect(after).toMatchObject({ customersCreated: 12 });
      expect(await layouts.get()).toEqual(layout);
      const repository = new CustomerRepository(testTableClient(), owner.tenantId);
      const live: Customer[] = [];
      for await (const page of repository.liveCustomerPages()) live.push(...page);
      expect(live).toHaveLength(52);
      const items = await new TenantTable(testTableClient(), owner.tenantId).query({
        IndexName: 'gsi2',
        partitionValue: `T#${owner.tenantId}#CUSTOMERS#LIVE#0`,
      });
      // The 40 before the grow sit in shard 0 still; of the 12 after, only those whose shard is 0.
      const later = live.filter((c) => c.name.startsWith('Grown ') && Number(c.name.slice(6)) >= 40);
      expect(items.items).toHaveLength(40 + later.filter((c) => customerShard(c.id, 4) === 0).length);
      expect(later.some((c) => customerShard(c.id, 4) !== 0)).toBe(true);
    });

    it('begins the grow at the batch that crosses the threshold, so the rest of the file spreads', async () => {
      // Batches are BATCH_ROWS (1,000) rows: 600 before, then a file of 1,400 whose first batch
      // takes the tenant to 1,600, past 1,500; its second batch (400 rows) must land in 4 shards.
      const threshold = 1_500;
      const watched = new ImportService({
        tenantClient,
        clock: () => new Date(),
        growthSteps: [{ from: 1, to: 4, liveCustomers: threshold }],
      });
      const importRows = (tenantId: string, text: string) =>
        watched.run({
          tenantId,
          actorId: 'growth-test',
          options: ImportOptionsSchema.parse({ kind: 'customers' }),
          text,
        });
      const owner = await signUpTenant(app, 'Grown Mid-Import');
      const layouts = new CustomerListLayoutRepository(testTableClient(), owner.tenantId);

      expect(await importRows(owner.tenantId, file(0, 600))).toMatchObject({ customersCreated: 600 });
      expect(await layouts.get()).toEqual({ shards: 1 });

      const crossing = await importRows(owner.tenantId, file(600, 1_400));
      expect(crossing).toMatchObject({ status: 'completed', customersCreated: 1_400 });
      expect(await layouts.get()).toMatchObject({ shards: 1, growth: { to: 4, moved: 0 } });

      const repository = new CustomerRepository(testTableClient(), owner.tenantId);
      const live: Customer[] = [];
      for await (const page of repository.liveCustomerPages()) live.push(...page);
      expect(live).toHaveLength(2_000);
      const rowOf = (customer: Customer) => Number(customer.name.slice('Grown '.length));
      const shard0 = await liveListShardIds(owner.tenantId, 0);
      // Up to the crossing batch (rows 0–1,599) everything went to the one shard; after it, each
      // customer to its shard under 4 (about a quarter in shard 0).
      const before = live.filter((c) => rowOf(c) < 1_600);
      const after = live.filter((c) => rowOf(c) >= 1_600);
      expect(before).toHaveLength(1_600);
      for (const customer of before) expect(shard0.has(customer.id)).toBe(true);
      expect(after).toHaveLength(400);
      for (const customer of after) expect(shard0.has(customer.id)).toBe(customerShard(customer.id, 4) === 0);
      expect(after.filter((c) => customerShard(c.id, 4) !== 0).length).toBeGreaterThan(200);
    });

    it('begins the grow at the batch of a transactions import that crosses it, so its later batches spread', async () => {
      // A transactions file writes its new customers at its end, BATCH_ROWS (1,000) at a time: 1,400
      // customers against a threshold of 900 on an empty tenant are a batch of 1,000 (the crossing
      // one) and one of 400, which must land in 4 shards. Every 100th customer has a second order
      // at the end of the file: written once, with both.
      const threshold = 900;
      // Counts the counts of live customers (Queries that only count) the import makes.
      const client = testTableClient();
      let liveCounts = 0;
      client.doc.middlewareStack.add(
        (next, context) => async (args) => {
          const input = args.input as { Select?: string };
          if (context.commandName === 'QueryCommand' && input.Select === 'COUNT') liveCounts++;
          return next(args);
        },
        { step: 'initialize', name: 'countLiveCounts' },
      );
      const watched = new ImportService({
        tenantClient: () => client,
        clock: () => new Date(),
        growthSteps: [{ from: 1, to: 4, liveCustomers: threshold }],
      });
      const count = 1_400;
      const text = [
        'customer_id,date,amount',
        ...Array.from({ length: count }, (_, index) => `T-${index},2026-03-01,10.00`),
        ...Array.from({ length: count / 100 }, (_, index) => `T-${index * 100},2026-03-02,5.00`),
      ].join('\n');
      const owner = await signUpTenant(app, 'Grown By Orders');
      const layouts = new CustomerListLayoutRepository(testTableClient(), owner.tenantId);

      const report = await watched.run({
        tenantId: owner.tenantId,
        actorId: 'growth-test',
        options: ImportOptionsSchema.parse({ kind: 'transactions', createMissingCustomers: 'true' }),
        text,
      });
      // One count (one page: the tenant was empty), before the import wrote: the crossing batch
      // begins the grow from it, and the end has nothing left to check.
      expect(liveCounts).toBe(1);
      expect(report).toMatchObject({
        status: 'completed',
        customersCreated: count,
        rowsWritten: count + count / 100,
        rowsRejected: 0,
      });
      expect(await layouts.get()).toMatchObject({ shards: 1, growth: { to: 4, moved: 0 } });

      const repository = new CustomerRepository(testTableClient(), owner.tenantId);
      const live: Customer[] = [];
      for await (const page of repository.liveCustomerPages()) live.push(...page);
      expect(live).toHaveLength(count);
      const rowOf = (customer: Customer) => Number(customer.externalId?.slice('T-'.length));
      expect(new Set(live.map(rowOf)).size).toBe(count);
      for (const customer of live) {
        const orders = rowOf(customer) % 100 === 0 ? 2 : 1;
        expect(customer.stats).toMatchObject({ orderCount: orders, interactionCount: orders });
      }
      const shard0 = await liveListShardIds(owner.tenantId, 0);
      // The crossing batch went to the one shard; the last, written after the grow began, to each
      // customer's shard under 4.
      const before = live.filter((c) => rowOf(c) < 1_000);
      const after = live.filter((c) => rowOf(c) >= 1_000);
      for (const customer of before) expect(shard0.has(customer.id)).toBe(true);
      expect(after).toHaveLength(400);
      for (const customer of after) expect(shard0.has(customer.id)).toBe(customerShard(customer.id, 4) === 0);
      expect(after.filter((c) => customerShard(c.id, 4) !== 0).length).toBeGreaterThan(200);
    }, 120_000);
  });
});

/** The ids of the customers in one of a tenant's live-list shards (gsi2), every page read. */
async function liveListShardIds(tenantId: string, shard: number): Promise<Set<string>> {
  const ids = new Set<string>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await new TenantTable(testTableClient(), tenantId).query({
      IndexName: 'gsi2',
      partitionValue: `T#${tenantId}#CUSTOMERS#LIVE#${shard}`,
      ...(start ? { ExclusiveStartKey: start } : {}),
    });
    for (const item of page.items) ids.add(String(item.id));
    start = page.lastEvaluatedKey;
  } while (start);
  return ids;
}
