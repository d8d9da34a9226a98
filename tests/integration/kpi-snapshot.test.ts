import { CustomerFiguresSnapshots, KPI_SNAPSHOT_MAX_AGE_MS } from '@crm/app';
import { nightlyJobs, runNightlyForTenant } from '@crm/app/nightly';
import { KpiSnapshotRepository, sharedClientFactory } from '@crm/dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  type SignedUpTenant,
  signUpTenant,
  TEST_PASSWORD,
} from '../support/test-app.js';
import { testTableClient } from '../support/test-table.js';

const DAY_MS = 86_400_000;
type Kpis = { customersRead: number; asOf: string; acquisition: { newCustomers: number; newBuyers: number } };

/**
 * The customer figures snapshot behind GET /v1/kpis (docs/kpis.md "Cost") on DynamoDB Local: the
 * second request reads the snapshot, not the customers; the nightly job refreshes it; a
 * generation spreads over several items and a reader never takes two generations' chunks.
 */
describe('KPIs: the customer figures snapshot', () => {
  const table = testTableClient();
  const tenantClient = sharedClientFactory(table);
  // Every book reads its snapshot here; the product reads books below 2,000 customers live.
  const app = createTestApp({ table, kpiSnapshotMinCustomers: 0 });
  let owner: SignedUpTenant;

  const newCustomer = async (name: string) => {
    const created = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name, kind: 'consumer' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const ordered = await call(app, 'POST', `/v1/customers/${id}/interactions`, {
      auth: owner.auth,
      body: {
        type: 'order',
        amount: 5_000,
        currency: 'USD',
        occurredAt: new Date(Date.now() - DAY_MS).toISOString(),
      },
    });
    expect(ordered.status, JSON.stringify(ordered.body)).toBe(201);
  };
  const kpis = async () => {
    const response = await call(app, 'GET', '/v1/kpis', { auth: owner.auth });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as unknown as Kpis;
  };
  const snapshots = () => new KpiSnapshotRepository(tenantClient(owner.tenantId), owner.tenantId);

  beforeAll(async () => {
    owner = await signUpTenant(app, 'KPI Snapshot Tenant');
    for (const name of ['Ada', 'Bo', 'Cy', 'Di', 'Ed', 'Flo']) await newCustomer(name);
  });

  it('takes the snapshot on the first request and reads it, not the customers, on the next', async () => {
    const first = await kpis();
    expect(first.customersRead).toBe(6);
    expect(first.acquisition).toMatchObject({ newCustomers: 6, newBuyers: 6 });
    const head = await snapshots().head();
    expect(head).toMatchObject({ takenAt: first.asOf, customers: 6, chunks: 1, capped: false });

    await newCustomer('Gus');
    const second = await kpis();
    // Gus came after the snapshot: not counted until it is refreshed.
    expect(second.customersRead).toBe(6);
    expect(second.acquisition).toMatchObject({ newCustomers: 6, newBuyers: 6 });
    expect(second.asOf).toBe(first.asOf);
  });

  it('counts the new customer after the nightly job refreshed the snapshot', async () => {
    const before = await snapshots().head();
    const night = await runNightlyForTenant(
      { table, tenantClient },
      owner.tenantId,
      nightlyJobs.filter((job) => job.name === 'kpiSnapshot'),
    );
    expect(night.failed).toEqual([]);
    expect(night.jobs.kpiSnapshot).toEqual({ customers: 7, capped: false });
    const after = await kpis();
    expect(after.customersRead).toBe(7);
    expect(after.acquisition).toMatchObject({ newCustomers: 7, newBuyers: 7 });
    expect(after.asOf > (before?.takenAt ?? '')).toBe(true);
    // The job runs after the refit, so the snapshot keeps the night's P(alive).
    const names = nightlyJobs.map((job) => job.name);
    expect(names.indexOf('kpiSnapshot')).toBeGreaterThan(names.indexOf('refit'));
  });

  it('spreads a generation over several items and reads them all back', async () => {
    const small = new CustomerFiguresSnapshots({
      tenantClient,
      clock: () => new Date(),
      snapshotChunkBytes: 120,
    });
    const taken = await small.refresh({ tenantId: owner.tenantId });
    const head = await snapshots().head();
    expect(head?.takenAt).toBe(taken.takenAt);
    expect(head?.chunks).toBeGreaterThanOrEqual(3);
    const chunks =
      (await snapshots().chunks(
        head ?? { generation: '', takenAt: '', chunks: 0, customers: 0, capped: false },
      )) ?? [];
    expect(chunks).toHaveLength(head?.chunks ?? -1);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(120);
    const read = await kpis();
    expect(read.asOf).toBe(taken.takenAt);
    expect(read.customersRead).toBe(7);
  });

  it('never mixes generations: an older writer’s chunks stay unread, a head missing chunks is retaken', async () => {
    const current = await snapshots().head();
    if (!current) throw new Error('no snapshot');
    // A writer that read the book earlier finishes late: its head flip is refused.
    const stale = await snapshots().save(
      {
        generation: `2000-01-01T00:00:00.000Z#late`,
        takenAt: '2000-01-01T00:00:00.000Z',
        chunks: 1,
        customers: 1,
        capped: false,
      },
      [`${Date.parse('2000-01-01T00:00:00.000Z').toString(36)},,,0,,`],
      new Date(),
    );
    expect(stale).toBe(false);
    expect(await snapshots().head()).toEqual(current);
    expect((await kpis()).customersRead).toBe(7);

    // A newer head whose chunks are not all there (expired, or a writer that died): not trusted,
    // the figures are read live and stored as a whole new generation.
    const now = new Date();
    const flipped = await snapshots().save(
      {
        generation: `${now.toISOString()}#broken`,
        takenAt: now.toISOString(),
        chunks: 2,
        customers: 99,
        capped: false,
      },
      [`${now.getTime().toString(36)},,,0,,`],
      now,
    );
    expect(flipped).toBe(true);
    const read = await kpis();
    expect(read.customersRead).toBe(7);
    const retaken = await snapshots().head();
    expect(retaken?.generation).not.toBe(`${now.toISOString()}#broken`);
    expect(retaken?.customers).toBe(7);
  });

  it('takes the snapshot again when it is older than the nightly refresh allows', async () => {
    const later = createTestApp({
      table,
      clock: () => new Date(Date.now() + KPI_SNAPSHOT_MAX_AGE_MS + 60_000),
    });
    await newCustomer('Hal');
    const login = await call(later, 'POST', '/v1/auth/login', {
      body: { email: owner.email, password: TEST_PASSWORD },
    });
    expect(login.status).toBe(200);
    const response = await call(later, 'GET', '/v1/kpis', {
      auth: { Authorization: `Bearer ${login.body.accessToken as string}` },
    });
    expect(response.status).toBe(200);
    expect((response.body as unknown as Kpis).customersRead).toBe(8);
  });

  it('reads a small book live: a customer added after a request counts on the next one', async () => {
    const live = createTestApp({ table });
    const read = async () => {
      const response = await call(live, 'GET', '/v1/kpis', { auth: owner.auth });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body as unknown as Kpis;
    };
    const before = await read();
    await newCustomer('Gus');
    const after = await read();
    expect(after.customersRead).toBe(before.customersRead + 1);
  });
});
