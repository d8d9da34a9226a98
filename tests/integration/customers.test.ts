import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { startReactions } from '../support/test-stream.js';

type Customer = {
  id: string;
  name: string;
  version: number;
  stats: Record<string, unknown>;
  archivedAt?: string;
};

describe('customers', () => {
  const app = createTestApp();
  let owner: SignedUpTenant;
  // History is written by the customer-history reaction from the stream, as in AWS.
  let stream: Awaited<ReturnType<typeof startReactions>>;

  beforeAll(async () => {
    stream = await startReactions();
    owner = await signUpTenant(app);
  });

  afterAll(async () => {
    await stream.stop();
  });

  async function createCustomer(body: Record<string, unknown>): Promise<Customer> {
    const response = await call(app, 'POST', '/v1/customers', { auth: owner.auth, body });
    expect(response.status).toBe(201);
    return response.body as unknown as Customer;
  }

  it('creates a customer and reads it back with its version', async () => {
    const created = await createCustomer({
      name: '上海远洋运输有限公司',
      kind: 'business',
      industry: 'shipping',
      size: '250-999',
      tags: ['port', 'vip'],
      address: { line1: '外高桥 1 号', city: '上海', country: 'CN' },
      email: 'ops@cosco.example.cn',
      phone: '+86 21 5555 0101',
    });
    expect(created).toMatchObject({ version: 1, status: 'prospect', kind: 'business' });
    const read = await call(app, 'GET', `/v1/customers/${created.id}`, { auth: owner.auth });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: created.id, name: '上海远洋运输有限公司', version: 1 });
    expect(read.headers.get('etag')).toBe('"1"');
  });

  it('refuses bad input with field-level reasons and writes nothing', async () => {
    const { status, body } = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: {
        name: '',
        kind: 'alien',
        email: 'nope',
        birthday: '1990-02-30',
        stats: { orderCount: 99 },
        tenantId: 'x',
        version: 3,
      },
    });
    expect(status).toBe(400);
    const paths = (body.error as { fields: { path: string }[] }).fields.map((field) => field.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'kind', 'email', 'birthday']));
    expect(paths.join(',')).toMatch(/stats/);
    expect(paths.join(',')).toMatch(/tenantId/);
    const list = await call(app, 'GET', '/v1/customers?q=nope', { auth: owner.auth });
    expect(list.body.items).toEqual([]);
  });

  it('patches with If-Match, bumps the version, refuses a stale version with the current record', async () => {
    const created = await createCustomer({ name: 'Acme', kind: 'business' });
    const patched = await call(app, 'PATCH', `/v1/customers/${created.id}`, {
      auth: owner.auth,
      headers: { 'If-Match': '1' },
      body: { status: 'active', tags: ['key-account'] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ version: 2, status: 'active', tags: ['key-account'] });
    const stale = await call(app, 'PATCH', `/v1/customers/${created.id}`, {
      auth: owner.auth,
      headers: { 'If-Match': '1' },
      body: { name: 'Lost update' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: 'version_conflict',
      details: { current: { version: 2, name: 'Acme' } },
    });
    const missing = await call(app, 'PATCH', `/v1/customers/${created.id}`, {
      auth: owner.auth,
      body: { name: 'x' },
    });
    expect(missing.status).toBe(428);
  });

  it('lets only one of two concurrent edits of the same version win', async () => {
    const created = await createCustomer({ name: 'Race', kind: 'consumer' });
    const results = await Promise.all(
      ['A', 'B', 'C'].map((name) =>
        call(app, 'PATCH', `/v1/customers/${created.id}`, { auth: owner.auth, body: { name, version: 1 } }),
      ),
    );
    expect(results.map((result) => result.status).sort()).toEqual([200, 409, 409]);
  });

  it('archives (delete) and restores, keeping the customer out of the live list meanwhile', async () => {
    const created = await createCustomer({ name: 'Archive Me Ltd', kind: 'business' });
    const archived = await call(app, 'DELETE', `/v1/customers/${created.id}`, { auth: owner.auth });
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).toEqual(expect.any(String));
    const live = await call(app, 'GET', '/v1/customers?q=Archive%20Me', { auth: owner.auth });
    expect(live.body.items).toEqual([]);
    const inArchive = await call(app, 'GET', '/v1/customers?q=Archive%20Me&archived=true', {
      auth: owner.auth,
    });
    expect((inArchive.body.items as Customer[]).map((c) => c.id)).toEqual([created.id]);
    const patchArchived = await call(app, 'PATCH', `/v1/customers/${created.id}`, {
      auth: owner.auth,
      body: { name: 'x', version: 2 },
    });
    expect(patchArchived.status).toBe(409);
    const restored = await call(app, 'POST', `/v1/customers/${created.id}/restore`, { auth: owner.auth });
    expect(restored.status).toBe(200);
    expect(restored.body.archivedAt).toBeUndefined();
    await stream.settle();
    const history = await call(app, 'GET', `/v1/customers/${created.id}/history`, { auth: owner.auth });
    expect((history.body.items as { action: string }[]).map((entry) => entry.action)).toEqual([
      'restored',
      'archived',
      'created',
    ]);
  });

  it('honours If-Match on archive and restore: a customer changed since it was read stays as it is', async () => {
    const created = await createCustomer({ name: 'Versioned Archive', kind: 'business' });
    const edited = await call(app, 'PATCH', `/v1/customers/${created.id}`, {
      auth: owner.auth,
      body: { tags: ['vip'], version: 1 },
    });
    expect(edited.status).toBe(200);
    const stale = await call(app, 'DELETE', `/v1/customers/${created.id}`, {
      auth: owner.auth,
      headers: { 'If-Match': '"1"' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: 'version_conflict',
      details: { current: { version: 2 } },
    });
    const unchanged = await call(app, 'GET', `/v1/customers/${created.id}`, { auth: owner.auth });
    expect(unchanged.body.archivedAt).toBeUndefined();
    const archived = await call(app, 'DELETE', `/v1/customers/${created.id}`, {
      auth: owner.auth,
      headers: { 'If-Match': '"2"' },
    });
    expect(archived.status).toBe(200);
    expect(archived.headers.get('etag')).toBe('"3"');
    const staleRestore = await call(app, 'POST', `/v1/customers/${created.id}/restore`, {
      auth: owner.auth,
      headers: { 'If-Match': '2' },
    });
    expect(staleRestore.status).toBe(409);
    const badHeader = await call(app, 'POST', `/v1/customers/${created.id}/restore`, {
      auth: owner.auth,
      headers: { 'If-Match': 'latest' },
    });
    expect(badHeader.status).toBe(400);
    const restored = await call(app, 'POST', `/v1/customers/${created.id}/restore`, {
      auth: owner.auth,
      headers: { 'If-Match': '3' },
    });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ version: 4 });
    expect(restored.body.archivedAt).toBeUndefined();
  });

  it('records who changed what in the history', async () => {
    const created = await createCustomer({ name: 'Audited', kind: 'business', industry: 'retail' });
    await call(app, 'PATCH', `/v1/customers/${created.id}`, {
      auth: owner.auth,
      body: { industry: 'wholesale', version: 1 },
    });
    await stream.settle();
    const history = await call(app, 'GET', `/v1/customers/${created.id}/history`, { auth: owner.auth });
    const [latest] = history.body.items as {
      action: string;
      actorId: string;
      changes: Record<string, unknown>;
    }[];
    expect(latest).toMatchObject({
      action: 'updated',
      actorId: owner.userId,
      changes: { industry: ['retail', 'wholesale'] },
    });
  });

  it('links organisations into groups and refuses cycles', async () => {
    const group = await createCustomer({ name: 'Group HQ', kind: 'business' });
    const branch = await createCustomer({ name: 'Branch', kind: 'business', parentId: group.id });
    expect(branch).toMatchObject({ parentId: group.id });
    const cycle = await call(app, 'PATCH', `/v1/customers/${group.id}`, {
      auth: owner.auth,
      body: { parentId: branch.id, version: 1 },
    });
    expect(cycle.status).toBe(400);
    const orphan = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name: 'Orphan', kind: 'business', parentId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' },
    });
    expect(orphan.status).toBe(400);
  });
});

describe('customer list', () => {
  const app = createTestApp();
  let owner: SignedUpTenant;
  const names = ['Delta', 'alpha', 'Charlie', 'bravo', 'Echo', 'foxtrot', 'Golf'];

  beforeAll(async () => {
    owner = await signUpTenant(app);
    for (const [index, name] of names.entries()) {
      const created = await call(app, 'POST', '/v1/customers', {
        auth: owner.auth,
        body: {
          name,
          kind: index % 2 ? 'consumer' : 'business',
          status: index < 3 ? 'active' : 'prospect',
          tags: index % 3 === 0 ? ['vip'] : [],
          email: `${name.toLowerCase()}@example.com`,
          phone: `+86 138 0000 00${index}0`,
        },
      });
      expect(created.status).toBe(201);
    }
  });

  async function all(query: string): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const path: string = `/v1/customers?${query}${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await call(app, 'GET', path, { auth: owner.auth });
      expect(page.status).toBe(200);
      seen.push(...(page.body.items as Customer[]).map((customer) => customer.name));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    return seen;
  }

  it('pages through every customer exactly once, sorted by name, case-insensitively', async () => {
    expect(await all('sort=name&order=asc&limit=2')).toEqual([
      'alpha',
      'bravo',
      'Charlie',
      'Delta',
      'Echo',
      'foxtrot',
      'Golf',
    ]);
    expect(await all('sort=name&order=desc&limit=3')).toEqual([
      'Golf',
      'foxtrot',
      'Echo',
      'Delta',
      'Charlie',
      'bravo',
      'alpha',
    ]);
  });

  it('sorts by creation, newest first by default', async () => {
    expect(await all('limit=4')).toEqual([...names].reverse());
  });

  it('filters by status and tag, with pagination', async () => {
    expect((await all('status=active&sort=name&order=asc&limit=1')).sort()).toEqual(
      ['Charlie', 'Delta', 'alpha'].sort(),
    );
    expect((await all('tag=vip&sort=name&order=asc')).sort()).toEqual(['Delta', 'Golf', 'bravo'].sort());
  });

  it('searches by name, e-mail and phone prefix', async () => {
    expect(await all('q=ech')).toEqual(['Echo']);
    expect(await all('q=fox')).toEqual(['foxtrot']);
    expect(await all('q=golf%40exa')).toEqual(['Golf']);
    expect(await all('q=%2B86%20138%200000%20003')).toEqual(['bravo']);
    // A prefix that every phone shares, a page of two at a time: each once, in the phones' order.
    expect(await all('q=%2B86%20138%200000%2000&limit=2')).toEqual(names);
  });

  it('refuses malformed and foreign cursors, and limits over 200', async () => {
    expect((await call(app, 'GET', '/v1/customers?cursor=garbage', { auth: owner.auth })).status).toBe(400);
    const page = await call(app, 'GET', '/v1/customers?sort=name&limit=2', { auth: owner.auth });
    const otherSort = await call(
      app,
      'GET',
      `/v1/customers?sort=createdAt&limit=2&cursor=${page.body.nextCursor}`,
      {
        auth: owner.auth,
      },
    );
    expect(otherSort.status).toBe(400);
    expect((await call(app, 'GET', '/v1/customers?limit=201', { auth: owner.auth })).status).toBe(400);
    expect((await call(app, 'GET', '/v1/customers?unknown=1', { auth: owner.auth })).status).toBe(400);
  });

  it('exports the live customers as CSV', async () => {
    const response = await app.request('/v1/customers/export', { headers: owner.auth });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await response.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toMatch(/^id,name,kind,status/);
    expect(lines).toHaveLength(names.length + 1);
  });
});
