import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createScryptHasher } from '@crm/app';
import { AnalyticsService } from '@crm/app/analytics';
import { CustomerRepository, ModelRepository, sharedClientFactory } from '@crm/dynamodb';
import type { SeedProgressUpdate } from '@crm/local';
import { cdnowShiftDays, DEMO_PASSWORD, seedDemoTenant } from '@crm/local/demo';
import { describe, expect, it, vi } from 'vitest';
import { call, createTestApp, testSigningKey, uniqueEmail } from '../support/test-app.js';
import { testTableClient } from '../support/test-table.js';

const master = readFileSync(
  resolve(import.meta.dirname, '../../../shared/data/cdnow/CDNOW_master.txt'),
  'utf8',
);

describe('the demo tenant seed', () => {
  it('creates the CDNOW customers with realistic profiles and their orders, dates ending yesterday', async () => {
    // The first 500 orders of the master file (customers 1–~190), through the same seed code npm start runs.
    const head = master.split('\n').slice(0, 501).join('\n');
    const email = uniqueEmail('demo');
    const today = new Date();
    const { tenantId } = await seedDemoTenant({
      table: testTableClient(),
      cdnowMaster: head,
      hasher: createScryptHasher({ N: 2 ** 10 }),
      signingKey: testSigningKey,
      log: () => {},
      email,
    });
    expect(tenantId).toBeDefined();

    const app = createTestApp();
    const login = await call(app, 'POST', '/v1/auth/login', { body: { email, password: DEMO_PASSWORD } });
    expect(login.status).toBe(200);
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const tenant = await call(app, 'GET', '/v1/tenant', { auth });
    expect(tenant.body).toMatchObject({
      settings: { defaultCurrency: 'USD' },
      demo: { dateShiftDays: cdnowShiftDays(today) },
    });

    const customers: {
      externalId: string;
      name: string;
      kind: string;
      stats: { orderCount: number; lastOrderAt?: string };
    }[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: Record<string, unknown> } = await call(
        app,
        'GET',
        `/v1/customers?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
        { auth },
      );
      customers.push(...(page.body.items as typeof customers));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    const ids = new Set(
      head
        .split(/\r?\n/)
        .slice(1)
        .map((line) => line.trim().split(/\s+/)[0])
        .filter(Boolean),
    );
    expect(customers).toHaveLength(ids.size);
    expect(customers.reduce((sum, c) => sum + c.stats.orderCount, 0)).toBe(500);
    expect(customers.every((c) => !c.name.startsWith('Customer '))).toBe(true);
    expect(new Set(customers.map((c) => c.kind)).size).toBeGreaterThan(1);
    // Customer 00001 bought once, on 1997-01-01, for $11.77: shifted by the stored number of days.
    const first = customers.find((c) => c.externalId === '00001');
    const shifted = new Date(Date.UTC(1997, 0, 1) + cdnowShiftDays(today) * 86_400_000).toISOString();
    expect(first?.stats).toMatchObject({ orderCount: 1, orderValue: 1177, lastOrderAt: shifted });
    const latest =
      customers
        .map((c) => c.stats.lastOrderAt ?? '')
        .sort()
        .at(-1) ?? '';
    expect(new Date(latest).getTime()).toBeLessThan(today.getTime());
  });

  it('imports the book in parts by customer, giving every customer the figures one import would', async () => {
    const head = master.split('\n').slice(0, 501).join('\n');
    const app = createTestApp();
    const seed = async (options: { firstCustomers?: number; parts?: number }) => {
      const email = uniqueEmail('demo-parts');
      const updates: SeedProgressUpdate[] = [];
      await seedDemoTenant({
        table: testTableClient(),
        cdnowMaster: head,
        hasher: createScryptHasher({ N: 2 ** 10 }),
        signingKey: testSigningKey,
        log: () => {},
        email,
        onProgress: (update) => updates.push(update),
        ...options,
      });
      const login = await call(app, 'POST', '/v1/auth/login', { body: { email, password: DEMO_PASSWORD } });
      const auth = { Authorization: `Bearer ${login.body.accessToken}` };
      const customers: { id: string; externalId: string; stats: Record<string, unknown> }[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: Record<string, unknown> } = await call(
          app,
          'GET',
          `/v1/customers?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
          { auth },
        );
        customers.push(...(page.body.items as typeof customers));
        cursor = page.body.nextCursor as string | null;
      } while (cursor);
      const imports = await call(app, 'GET', '/v1/imports', { auth });
      const anyone = customers[0] as (typeof customers)[number];
      const history = await call(app, 'GET', `/v1/customers/${anyone.id}/history`, { auth });
      const actions = (history.body.items as { action: string }[]).map((entry) => entry.action);
      return { customers, updates, imports: imports.body.items as unknown[], actions };
    };

    // One import of the whole head (its ~190 customers), then the same head in four.
    const whole = await seed({ firstCustomers: 1000 });
    const parts = await seed({ firstCustomers: 20, parts: 3 });

    const figures = (list: typeof whole.customers) =>
      Object.fromEntries(list.map((c) => [c.externalId, c.stats]));
    expect(parts.customers.length).toBe(whole.customers.length);
    expect(figures(parts.customers)).toEqual(figures(whole.customers));
    expect(whole.imports).toHaveLength(1);
    expect(parts.imports).toHaveLength(4);
    // The same history either way.
    expect(parts.actions).toEqual(whole.actions);
    // Progress: the tenant first, then counts that only grow, ending at the totals.
    expect(parts.updates[0]).toMatchObject({ status: 'seeding', tenantId: expect.any(String) });
    const last = <K extends 'customers' | 'orders'>(key: K) =>
      parts.updates.filter((update) => update[key]).at(-1)?.[key];
    expect(last('customers')).toEqual({ done: whole.customers.length, total: whole.customers.length });
    expect(last('orders')).toEqual({ done: 500, total: 500 });
  });

  it('hands its first fit the orders it wrote: those a read finds, the same fit and scores, a customer changed since read again', async () => {
    // The first 1,000 orders (286 customers, many of them buying on several days).
    const head = master.split('\n').slice(0, 1001).join('\n');
    const table = testTableClient();
    const email = uniqueEmail('demo-fit');
    const { tenantId, orders } = await seedDemoTenant({
      table,
      cdnowMaster: head,
      hasher: createScryptHasher({ N: 2 ** 10 }),
      signingKey: testSigningKey,
      log: () => {},
      email,
      firstCustomers: 50,
      parts: 2,
    });
    if (!tenantId || !orders) throw new Error('the seed made no tenant');
    const client = sharedClientFactory(table)(tenantId);
    const models = new ModelRepository(client, tenantId);
    // Exactly what the fit would read back, in the same order, for every customer with orders.
    expect([...orders.values()].reduce((sum, list) => sum + list.length, 0)).toBe(1000);
    const handed = [...orders];
    const readBack = await Promise.all(handed.map(([customerId]) => models.listOrders({ customerId })));
    expect(readBack).toEqual(handed.map(([, list]) => list));

    // A customer who bought on several days gets another order after the seed handed its orders on.
    const app = createTestApp();
    const login = await call(app, 'POST', '/v1/auth/login', { body: { email, password: DEMO_PASSWORD } });
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const [changed] = [...orders].find(([, list]) => new Set(list.map((o) => o.occurredAt)).size > 1) ?? [];
    if (!changed) throw new Error('no customer bought on several days');
    const added = await call(app, 'POST', `/v1/customers/${changed}/interactions`, {
      auth,
      body: {
        type: 'order',
        amount: 4321,
        currency: 'USD',
        occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
      },
    });
    expect(added.status).toBe(201);

    const analytics = new AnalyticsService({
      tenantClient: sharedClientFactory(table),
      clock: () => new Date(),
    });
    const scoresNow = async () => {
      const scores = new Map<string, unknown>();
      for await (const page of new CustomerRepository(client, tenantId).liveCustomerPages()) {
        for (const customer of page) {
          const {
            scoredAt: _s,
            modelFittedAt: _m,
            fitId: _f,
            ...rest
          } = (customer as { scores: Record<string, unknown> }).scores;
          scores.set(customer.id, rest);
        }
      }
      return scores;
    };
    const reads = vi.spyOn(ModelRepository.prototype, 'listOrders');
    const given = await analytics.refit({
      tenantId,
      trigger: 'seed',
      waitMs: Number.MAX_SAFE_INTEGER,
      knownOrders: orders,
    });
    const readFor = reads.mock.calls.map(([input]) => input.customerId);
    reads.mockRestore();
    expect(given.status).toBe('succeeded');
    // Only the changed customer's orders were read: the others' were the seed's.
    expect(readFor).toEqual([changed]);
    const givenScores = await scoresNow();

    const read = await analytics.refit({ tenantId, trigger: 'api', waitMs: Number.MAX_SAFE_INTEGER });
    expect(read.status).toBe('succeeded');
    const numbers = (fit: typeof read.fit) => ({
      bgnbd: fit.bgnbd,
      gammaGamma: fit.gammaGamma,
      rfm: fit.rfm,
      abc: fit.abc,
      chosen: fit.diagnostics?.customers,
      repeaters: fit.diagnostics?.repeaters,
    });
    expect(numbers(given.fit)).toEqual(numbers(read.fit));
    expect(givenScores.size).toBe(orders.size);
    expect(await scoresNow()).toEqual(givenScores);
    // Two seeds' worth of writes and two refits: minutes on a loaded machine.
  }, 300_000);
});
