import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';

/** Segments (issue 15): saved filters counted live over the customer list, members paged, versioned edits. */
describe('segments', () => {
  const app = createTestApp();
  let owner: SignedUpTenant;
  let other: SignedUpTenant;
  const ids: Record<string, string> = {};

  const newCustomer = async (key: string, body: Record<string, unknown>) => {
    const created = await call(app, 'POST', '/v1/customers', { auth: owner.auth, body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    ids[key] = created.body.id as string;
  };
  const order = (customerId: string) =>
    call(app, 'POST', `/v1/customers/${customerId}/interactions`, {
      auth: owner.auth,
      body: { type: 'order', amount: 10_000, currency: 'CNY', occurredAt: '2026-01-02T03:04:05Z' },
    });

  beforeAll(async () => {
    [owner, other] = await Promise.all([
      signUpTenant(app, 'Segment Tenant 细分'),
      signUpTenant(app, 'Other'),
    ]);
    await Promise.all([
      newCustomer('activeVip', {
        name: 'Active VIP',
        kind: 'consumer',
        status: 'active',
        tags: ['vip', 'north'],
      }),
      newCustomer('dormantVip', { name: 'Dormant VIP', kind: 'consumer', status: 'dormant', tags: ['vip'] }),
      newCustomer('activePlain', { name: 'Active plain', kind: 'consumer', status: 'active' }),
      newCustomer('lost', { name: 'Lost one', kind: 'consumer', status: 'lost', tags: ['vip'] }),
      newCustomer('archived', { name: 'Archived VIP', kind: 'consumer', status: 'active', tags: ['vip'] }),
    ]);
    const archived = await call(app, 'DELETE', `/v1/customers/${ids.archived}`, { auth: owner.auth });
    expect(archived.status).toBe(200);
    // activeVip buys twice (returning), dormantVip once (new).
    for (const response of await Promise.all([
      order(ids.activeVip!),
      order(ids.activeVip!),
      order(ids.dormantVip!),
    ])) {
      expect(response.status, JSON.stringify(response.body)).toBe(201);
    }
  });

  it('counts an unsaved filter live for the builder: any-of statuses, every tag, never archived customers', async () => {
    const preview = await call(app, 'POST', '/v1/segments/preview', {
      auth: owner.auth,
      body: { status: ['active', 'dormant'], tags: ['vip'] },
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ count: 2, capped: false });

    const both = await call(app, 'POST', '/v1/segments/preview', {
      auth: owner.auth,
      body: { tags: ['vip', 'north'] },
    });
    expect(both.body.count).toBe(1);
  });

  it('tells new from returning buyers by their orders', async () => {
    const [returning, fresh] = await Promise.all([
      call(app, 'POST', '/v1/segments/preview', { auth: owner.auth, body: { buyers: 'returning' } }),
      call(app, 'POST', '/v1/segments/preview', { auth: owner.auth, body: { buyers: 'new' } }),
    ]);
    expect(returning.body.count).toBe(1);
    expect(fresh.body.count).toBe(1);
  });

  it('saves a segment with its count, lists its members a page at a time and counts it again as the book changes', async () => {
    const created = await call(app, 'POST', '/v1/segments', {
      auth: owner.auth,
      body: { name: 'VIPs still here 活跃VIP', filter: { status: ['active', 'dormant'], tags: ['vip'] } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ count: 2, version: 1 });
    const segmentId = created.body.id as string;

    const first = await call(app, 'GET', `/v1/segments/${segmentId}/members?limit=1`, { auth: owner.auth });
    expect(first.status).toBe(200);
    const seen = (first.body.items as { id: string }[]).map((customer) => customer.id);
    let cursor = first.body.nextCursor as string | null;
    while (cursor) {
      const next = await call(
        app,
        'GET',
        `/v1/segments/${segmentId}/members?limit=1&cursor=${encodeURIComponent(cursor)}`,
        { auth: owner.auth },
      );
      expect(next.status).toBe(200);
      seen.push(...(next.body.items as { id: string }[]).map((customer) => customer.id));
      cursor = next.body.nextCursor as string | null;
    }
    expect(seen.sort()).toEqual([ids.activeVip, ids.dormantVip].sort());

    const read = await call(app, 'GET', `/v1/customers/${ids.activePlain}`, { auth: owner.auth });
    const tagged = await call(app, 'PATCH', `/v1/customers/${ids.activePlain}`, {
      auth: owner.auth,
      headers: { 'If-Match': String(read.body.version) },
      body: { tags: ['vip'] },
    });
    expect(tagged.status).toBe(200);
    const count = await call(app, 'GET', `/v1/segments/${segmentId}/count`, { auth: owner.auth });
    expect(count.body).toMatchObject({ count: 3, capped: false });
  });

  it('changes a segment only at the version read (409 stale, 428 without one)', async () => {
    const created = await call(app, 'POST', '/v1/segments', {
      auth: owner.auth,
      body: { name: 'Dormant', filter: { status: ['dormant'] } },
    });
    const segmentId = created.body.id as string;
    const noVersion = await call(app, 'PATCH', `/v1/segments/${segmentId}`, {
      auth: owner.auth,
      body: { name: 'Dormant ones' },
    });
    expect(noVersion.status).toBe(428);
    const changed = await call(app, 'PATCH', `/v1/segments/${segmentId}`, {
      auth: owner.auth,
      headers: { 'If-Match': '1' },
      body: { name: 'Dormant ones', filter: { status: ['dormant', 'lost'] } },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Dormant ones', version: 2, count: 2 });
    const stale = await call(app, 'PATCH', `/v1/segments/${segmentId}`, {
      auth: owner.auth,
      headers: { 'If-Match': '1' },
      body: { name: 'Again' },
    });
    expect(stale.status).toBe(409);
    const removed = await call(app, 'DELETE', `/v1/segments/${segmentId}`, {
      auth: owner.auth,
      headers: { 'If-Match': '2' },
    });
    expect(removed.status).toBe(204);
    expect((await call(app, 'GET', `/v1/segments/${segmentId}`, { auth: owner.auth })).status).toBe(404);
  });

  it('refuses bad filters with field errors and saves nothing', async () => {
    const before = await call(app, 'GET', '/v1/segments?limit=200', { auth: owner.auth });
    const bad = await call(app, 'POST', '/v1/segments', {
      auth: owner.auth,
      body: { name: '', filter: { pAlive: { min: 0.9, max: 0.2 }, status: ['sleepy'] } },
    });
    expect(bad.status).toBe(400);
    const paths = ((bad.body.error as { fields: { path: string }[] }).fields ?? []).map(
      (field) => field.path,
    );
    expect(paths).toEqual(expect.arrayContaining(['name', 'filter.pAlive.min', 'filter.status.0']));
    const unknownField = await call(app, 'POST', '/v1/segments', {
      auth: owner.auth,
      body: { name: 'Gold', filter: { customField: { key: 'tier', value: 'gold' } } },
    });
    expect(unknownField.status).toBe(400);
    expect(JSON.stringify(unknownField.body)).toContain('filter.customField');
    const after = await call(app, 'GET', '/v1/segments?limit=200', { auth: owner.auth });
    expect((after.body.items as unknown[]).length).toBe((before.body.items as unknown[]).length);
  });

  it('keeps tenants apart: another tenant neither sees the segment nor counts the customers', async () => {
    const created = await call(app, 'POST', '/v1/segments', {
      auth: owner.auth,
      body: { name: 'Mine', filter: {} },
    });
    const segmentId = created.body.id as string;
    expect((await call(app, 'GET', `/v1/segments/${segmentId}`, { auth: other.auth })).status).toBe(404);
    const theirs = await call(app, 'POST', '/v1/segments/preview', { auth: other.auth, body: {} });
    expect(theirs.body.count).toBe(0);
  });
});
