import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createScryptHasher } from '@crm/app';
import type { SeedProgressUpdate } from '@crm/local';
import { cdnowShiftDays, DEMO_PASSWORD, seedDemoTenant } from '@crm/local/demo';
import { describe, expect, it } from 'vitest';
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
});
