import { customerSorts } from '@crm/app';
import { AlertService } from '@crm/app/alerts';
import { TaskService } from '@crm/app/tasks';
import { sharedClientFactory } from '@crm/dynamodb';
import type { App } from '@crm/http';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { testTableClient } from '../support/test-table.js';

/**
 * Finding 9 of issue 17 and its class: a pagination cursor is client input. Whatever a client
 * sends as `cursor` (garbage, a real cursor with its fields emptied, lengthened, swapped for
 * broken Unicode or pointed elsewhere) gets 200 or a 400 naming the cursor, never a 5xx. The
 * routes come from the route table: every route with a `cursor` query parameter.
 */

type RouteConfig = {
  method: string;
  path: string;
  request?: { query?: { shape?: Record<string, unknown> } };
};

function cursorRoutes(app: App): string[] {
  return app.openAPIRegistry.definitions
    .filter((definition) => definition.type === 'route')
    .map((definition) => (definition as { route: RouteConfig }).route)
    .filter(
      (route) =>
        route.method === 'get' && route.request?.query?.shape && 'cursor' in route.request.query.shape,
    )
    .map((route) => route.path);
}

const decode = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** Strings a key field should never be trusted with. */
const hostileString = fc.oneof(
  fc.constantFrom('', ' ', '\uD800', '\uDFFF', 'a\uD800b', '\u0000', 'T#', 'PROFILE', '#', 'x'.repeat(5000)),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

describe('the cursor fuzzer', () => {
  // Loopback allowed as in the local runtime: the webhook endpoint below is never sent to.
  const app = createTestApp({ webhooks: { allowLoopback: true } });
  let owner: SignedUpTenant;
  let customerId = '';
  let webhookId = '';
  let segmentId = '';
  /** A real cursor per query (route + query string), taken from a first page. */
  const issued: { path: string; query: string; cursor: string }[] = [];

  beforeAll(async () => {
    owner = await signUpTenant(app, 'Cursor Tenant');
    for (let i = 0; i < 12; i++) {
      const created = await call(app, 'POST', '/v1/customers', {
        auth: owner.auth,
        body: {
          name: `Kunde ${i}`,
          kind: 'business',
          email: `k${i}@example.com`,
          phone: `+86 138 0000 00${10 + i}`,
        },
      });
      customerId = created.body.id as string;
    }
    for (let i = 0; i < 6; i++) {
      await call(app, 'POST', `/v1/customers/${customerId}/interactions`, {
        auth: owner.auth,
        body: { type: 'note', text: `note ${i}`, occurredAt: `2026-01-0${i + 1}T00:00:00Z` },
      });
    }
    const queries = [
      ...customerSorts.flatMap((sort) => [`sort=${sort}&order=asc`, `sort=${sort}&order=desc`]),
      'q=Kunde',
      'q=k1',
      'q=%2B86',
    ];
    for (const query of queries) {
      const page = await call(app, 'GET', `/v1/customers?limit=2&${query}`, { auth: owner.auth });
      if (typeof page.body.nextCursor === 'string')
        issued.push({ path: '/v1/customers', query, cursor: page.body.nextCursor });
    }
    const timeline = await call(app, 'GET', `/v1/customers/${customerId}/interactions?limit=2`, {
      auth: owner.auth,
    });
    if (typeof timeline.body.nextCursor === 'string')
      issued.push({
        path: `/v1/customers/${customerId}/interactions`,
        query: '',
        cursor: timeline.body.nextCursor,
      });
    for (let i = 0; i < 3; i++) {
      await call(app, 'POST', '/v1/complaints', {
        auth: owner.auth,
        body: { customerId, summary: `complaint ${i}` },
      });
    }
    const complaints = await call(app, 'GET', '/v1/complaints?limit=2', { auth: owner.auth });
    if (typeof complaints.body.nextCursor === 'string')
      issued.push({ path: '/v1/complaints', query: '', cursor: complaints.body.nextCursor });
    for (let i = 0; i < 3; i++) {
      await call(app, 'POST', '/v1/service-requests', {
        auth: owner.auth,
        body: { customerId, summary: `service ${i}` },
      });
      await call(app, 'POST', '/v1/service-plans', {
        auth: owner.auth,
        body: { customerId, title: `plan ${i}`, every: { count: 1, unit: 'months' }, startsOn: '2026-01-01' },
      });
      await call(app, 'POST', '/v1/surveys', {
        auth: owner.auth,
        body: {
          title: { zh: `调查 ${i}`, en: `survey ${i}` },
          questions: [{ id: 'nps', kind: 'nps', text: { zh: '推荐？', en: 'Recommend?' } }],
        },
      });
    }
    for (const path of ['/v1/service-requests', '/v1/service-plans', '/v1/surveys']) {
      const page = await call(app, 'GET', `${path}?limit=2`, { auth: owner.auth });
      if (typeof page.body.nextCursor === 'string')
        issued.push({ path, query: '', cursor: page.body.nextCursor });
    }
    // Alerts come from reactions (no stream runs here): raised through the service, as credit does.
    const alerts = new AlertService({
      tenantClient: sharedClientFactory(testTableClient()),
      clock: () => new Date(),
    });
    for (let i = 0; i < 3; i++) {
      await alerts.raise(owner.tenantId, {
        type: 'credit',
        kind: 'credit.hold.placed',
        customerId,
        episode: `2026-01-0${i + 1}T00:00:00.000Z`,
        reasons: [{ code: 'over_limit' }],
        suggestion: 'review_limit',
        by: 'system:credit',
      });
    }
    const inbox = await call(app, 'GET', '/v1/alerts?limit=2', { auth: owner.auth });
    if (typeof inbox.body.nextCursor === 'string')
      issued.push({ path: '/v1/alerts', query: '', cursor: inbox.body.nextCursor });
    // Tasks too come from the nightly pass and a reaction: created through the service.
    const tasks = new TaskService({
      tenantClient: sharedClientFactory(testTableClient()),
      clock: () => new Date(),
    });
    for (let i = 0; i < 3; i++) {
      await tasks.raise(owner.tenantId, {
        kind: 'birthday',
        customerId,
        dueOn: `2026-03-0${i + 1}`,
        ref: null,
        key: `2026-03-0${i + 1}`,
        details: {},
      });
    }
    for (const query of ['', 'status=open', `customerId=${customerId}`, 'kind=birthday']) {
      const page = await call(app, 'GET', `/v1/tasks?limit=2${query ? '&' : ''}${query}`, {
        auth: owner.auth,
      });
      if (typeof page.body.nextCursor === 'string')
        issued.push({ path: '/v1/tasks', query, cursor: page.body.nextCursor });
    }
    for (let i = 0; i < 3; i++) {
      await call(app, 'POST', '/v1/leads', { auth: owner.auth, body: { name: `Lead ${i}`, source: 'fair' } });
      await call(app, 'POST', '/v1/opportunities', {
        auth: owner.auth,
        body: { customerId, name: `Deal ${i}`, amount: 100, currency: 'CNY' },
      });
    }
    for (const [path, query] of [
      ['/v1/leads', ''],
      ['/v1/leads', 'status=open'],
      ['/v1/opportunities', ''],
      ['/v1/opportunities', 'status=open'],
      ['/v1/opportunities', `customerId=${customerId}`],
    ] as const) {
      const page = await call(app, 'GET', `${path}?limit=2${query ? '&' : ''}${query}`, { auth: owner.auth });
      if (typeof page.body.nextCursor === 'string')
        issued.push({ path, query, cursor: page.body.nextCursor });
    }
    // A webhook's delivery log: test pings are logged at once (no delivery timer runs here).
    const hook = await call(app, 'POST', '/v1/webhooks', {
      auth: owner.auth,
      body: { url: 'http://127.0.0.1:9/hook', events: ['customer.*'] },
    });
    webhookId = hook.body.id as string;
    for (let i = 0; i < 3; i++)
      await call(app, 'POST', `/v1/webhooks/${webhookId}/test`, { auth: owner.auth });
    const log = await call(app, 'GET', `/v1/webhooks/${webhookId}/deliveries?limit=2`, { auth: owner.auth });
    if (typeof log.body.nextCursor === 'string')
      issued.push({ path: `/v1/webhooks/${webhookId}/deliveries`, query: '', cursor: log.body.nextCursor });
    // Segments, a segment's members (the customer list's cursor) and campaigns.
    for (let i = 0; i < 3; i++) {
      const segment = await call(app, 'POST', '/v1/segments', {
        auth: owner.auth,
        body: { name: `Segment ${i}`, filter: {} },
      });
      segmentId = segment.body.id as string;
      await call(app, 'POST', '/v1/campaigns', {
        auth: owner.auth,
        body: { name: `Campaign ${i}`, channel: 'sms', segmentId, body: { zh: '您好', en: 'Hi' } },
      });
    }
    for (const path of ['/v1/segments', `/v1/segments/${segmentId}/members`, '/v1/campaigns']) {
      const page = await call(app, 'GET', `${path}?limit=2`, { auth: owner.auth });
      if (typeof page.body.nextCursor === 'string')
        issued.push({ path, query: '', cursor: page.body.nextCursor });
    }
  });

  const get = (path: string, query: string, cursor: string) =>
    call(app, 'GET', `${path}?limit=2&${query}${query ? '&' : ''}cursor=${encodeURIComponent(cursor)}`, {
      auth: owner.auth,
    });

  const expectClientOutcome = async (path: string, query: string, cursor: string) => {
    const answer = await get(path, query, cursor);
    if (answer.status !== 200) {
      expect(
        answer.status,
        `${path}?${query} cursor=${cursor.slice(0, 80)} → ${JSON.stringify(answer.body)}`,
      ).toBe(400);
    }
    return answer;
  };

  it('covers every route that takes a cursor', () => {
    const paths = new Set(
      issued.map((entry) =>
        entry.path
          .replace(customerId, '{customerId}')
          .replace(webhookId, '{webhookId}')
          .replace(segmentId, '{segmentId}'),
      ),
    );
    for (const route of cursorRoutes(app))
      expect([...paths], `no cursor issued for ${route}`).toContain(route);
  });

  it('answers 400, not 500, to a cursor whose sk or indexSk is empty', async () => {
    const list = issued.find((entry) => entry.path === '/v1/customers') as (typeof issued)[number];
    const cursor = decode(list.cursor) as { p: ({ sk: string; indexSk: string } | string | null)[] };
    for (const field of ['sk', 'indexSk'] as const) {
      const broken = {
        ...cursor,
        p: cursor.p.map((position) =>
          position && typeof position === 'object' ? { ...position, [field]: '' } : position,
        ),
      };
      const answer = await get(list.path, list.query, encode(broken));
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body)).toContain('cursor');
    }
  });

  it('never answers 5xx to a mutated real cursor', async () => {
    const shardCursors = issued.filter((entry) => entry.path === '/v1/customers');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...shardCursors),
        fc.nat(),
        // `n` (the shard count), `b` (the boundary) and `m` (made during a grow): per-tenant shards.
        fc.constantFrom('pk', 'sk', 'indexSk', 'v', 'q', 'p', 'shard', 'n', 'b', 'm'),
        hostileString,
        async (entry, pick, field, value) => {
          const cursor = decode(entry.cursor) as { v: unknown; q: unknown; p: unknown[] };
          const shard = pick % cursor.p.length;
          const p = [...cursor.p];
          if (field === 'v' || field === 'q' || field === 'n' || field === 'b' || field === 'm')
            Object.assign(cursor, { [field]: value });
          else if (field === 'p') cursor.p = [value];
          else if (field === 'shard') p[shard] = value;
          else
            p[shard] = {
              ...((p[shard] && typeof p[shard] === 'object' ? p[shard] : {}) as object),
              [field]: value,
            };
          if (field !== 'p') cursor.p = p;
          await expectClientOutcome(entry.path, entry.query, encode(cursor));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never answers 5xx to a cursor from another query, or to noise', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...issued),
        fc.constantFrom(...issued),
        // A URL cannot carry a lone surrogate: noise is sent as the UTF-8 a client could send.
        fc
          .oneof(hostileString, fc.base64String({ maxLength: 200 }))
          .map((text) => text.replace(/[\uD800-\uDFFF]/gu, '\uFFFD')),
        async (target, source, noise) => {
          await expectClientOutcome(target.path, target.query, source.cursor);
          await expectClientOutcome(target.path, target.query, noise);
        },
      ),
      { numRuns: 80 },
    );
  });
});
