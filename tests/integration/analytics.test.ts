import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  AnalyticsService,
  customerScoresReaction,
  type RefitRequest,
  refitAllTenants,
} from '@crm/app/analytics';
import { createStreamHandler } from '@crm/app/streams';
import { CustomerInsightsSchema, type Reaction } from '@crm/domain';
import { ModelRepository, sharedClientFactory, TenantRepository } from '@crm/dynamodb';
import type { App } from '@crm/http';
import { createApp } from '@crm/http';
import { createStreamPoller, type StreamPoller } from '@crm/local';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CDNOW_TRANSACTIONS_QUERY } from '../support/cdnow-import.js';
import { withContractCheck } from '../support/contract-check.js';
import {
  call,
  createTestApp,
  type SignedUpTenant,
  signUpTenant,
  TEST_PASSWORD,
  testSigningKey,
  uniqueEmail,
} from '../support/test-app.js';
import { testDynamoDbEndpoint, testTableClient, testTableName } from '../support/test-table.js';

// The CDNOW data end in mid-1998: the whole suite lives on 1998-07-01, so T and recency are what
// they were then (the demo tenant shifts its dates instead).
const NOW = new Date('1998-07-01T00:00:00Z');
const clock = () => NOW;

type Fit = {
  id: string;
  status: string;
  fittedAt: string;
  bgnbd: { r: number; alpha: number; a: number; b: number; logLikelihood: number };
  gammaGamma: { p: number; q: number; gamma: number };
  diagnostics: { customers: number; repeaters: number; converged: boolean };
  rfm: unknown;
  abc: unknown;
  purchaseModel?: { model: string; k: number; params: Record<string, number>; reason: string };
};
type Scores = {
  segment: string | null;
  pAlive: number;
  expectedPurchases90d: number;
  clv: number | null;
  fitId: string;
  inputs: { x: number; tx: number; T: number; lastOrderOn: string };
  nextPurchaseWindow?: { model: string };
};

async function importCdnow(app: App, owner: SignedUpTenant, lines: number): Promise<void> {
  const master = readFileSync(
    resolve(import.meta.dirname, '../../../shared/data/cdnow/CDNOW_master.txt'),
    'utf8',
  );
  const response = await app.request(`/v1/imports?${CDNOW_TRANSACTIONS_QUERY}`, {
    method: 'POST',
    headers: { ...owner.auth, 'content-type': 'text/csv' },
    body: master
      .split('\n')
      .slice(0, lines + 1)
      .join('\n'),
  });
  expect(response.status).toBe(201);
}

async function useDollars(app: App, owner: SignedUpTenant): Promise<void> {
  const tenant = await call(app, 'GET', '/v1/tenant', { auth: owner.auth });
  const patched = await call(app, 'PATCH', '/v1/tenant', {
    auth: owner.auth,
    body: { settings: { defaultCurrency: 'USD' }, version: tenant.body.version },
  });
  expect(patched.status).toBe(200);
}

async function invite(app: App, owner: SignedUpTenant, role: 'member' | 'partner') {
  const email = uniqueEmail(role);
  await call(app, 'POST', '/v1/users/invitations', { auth: owner.auth, body: { email, role } });
  const outbox = await call(app, 'GET', '/v1/dev/outbox', { auth: owner.auth });
  const mail = (outbox.body.items as { to: string; text: string }[]).find((item) => item.to === email);
  const token = /token: (\S+)/.exec(mail?.text ?? '')?.[1];
  const accepted = await call(app, 'POST', '/v1/auth/accept-invitation', {
    body: { token, password: TEST_PASSWORD },
  });
  return { Authorization: `Bearer ${accepted.body.accessToken}` };
}

async function customerByExternalId(app: App, owner: SignedUpTenant, externalId: string) {
  let cursor: string | undefined;
  do {
    const page = await call(
      app,
      'GET',
      `/v1/customers?sort=createdAt&order=asc&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { auth: owner.auth },
    );
    const found = (page.body.items as { id: string; externalId?: string }[]).find(
      (c) => c.externalId === externalId,
    );
    if (found) return found.id;
    cursor = (page.body.nextCursor as string | null) ?? undefined;
  } while (cursor);
  throw new Error(`no customer ${externalId}`);
}

describe('analytics in the product (DynamoDB Local)', () => {
  // The product waits 8 s for an on-demand refit before answering 202; a loaded test machine can
  // take longer (25 s seen), so this app waits up to 100 s and the tests that follow always get the finished
  // fit. The 202 path has its own test below (an app that does not wait).
  const app = createTestApp({ clock, refitWaitMs: 100_000 });
  let owner: SignedUpTenant;
  let fit: Fit;
  let poller: StreamPoller;

  beforeAll(async () => {
    owner = await signUpTenant(app, 'CDNOW slice');
    await useDollars(app, owner);
    // 1,200 rows: 348 customers, 186 of them repeat buyers.
    await importCdnow(app, owner, 1200);
    const scores = customerScoresReaction({ table: testTableClient(), clock });
    const mine: Reaction = {
      ...scores,
      handle: async (change) => (change.tenantId === owner.tenantId ? scores.handle(change) : undefined),
    };
    poller = createStreamPoller({
      endpoint: testDynamoDbEndpoint(),
      tableName: testTableName(),
      handler: createStreamHandler({ reactions: [mine] }),
      startingPosition: 'LATEST',
      retryBackoff: { initialMs: 20, maxMs: 200 },
      idleBackoff: { initialMs: 10, maxMs: 50 },
      log: () => {},
    });
    await poller.start();
    // The 1,200-row import alone took over 30 s while the whole suite ran (fuzz and seed in parallel).
  }, 120_000);

  afterAll(async () => {
    await poller?.stop();
  });

  it('refits on demand, stores the parameters with diagnostics and scores every customer', async () => {
    const refit = await call(app, 'POST', '/v1/analytics/refit', { auth: owner.auth });

    expect(refit.status).toBe(200);
    fit = refit.body.fit as Fit;
    expect(fit).toMatchObject({
      status: 'succeeded',
      diagnostics: { converged: true, customers: 348, repeaters: 186 },
      calibration: { from: '1997-01-01', to: '1998-07-01' },
      currency: 'USD',
    });
    for (const value of [fit.bgnbd.r, fit.bgnbd.alpha, fit.bgnbd.a, fit.bgnbd.b, fit.gammaGamma.p]) {
      expect(value).toBeGreaterThan(0);
    }
    expect(fit.bgnbd.logLikelihood).toBeLessThan(0);
    const model = await call(app, 'GET', '/v1/analytics/model', { auth: owner.auth });
    expect(model.status).toBe(200);
    expect(model.body).toMatchObject({
      latest: { id: fit.id },
      lastRun: { id: fit.id, status: 'succeeded' },
    });
    // The list filter reads scores.segment from the customer items the refit wrote.
    const champions = await call(app, 'GET', '/v1/customers?segment=champions&limit=200', {
      auth: owner.auth,
    });
    const items = champions.body.items as { scores: Scores }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((c) => c.scores.segment === 'champions' && c.scores.fitId === fit.id)).toBe(true);
  }, 120_000);

  it('sorts the scored customers by P(alive) and by CLV across shards', async () => {
    const created = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name: 'No orders yet', kind: 'consumer' },
    });
    expect(created.status).toBe(201);

    for (const sort of ['pAlive', 'clv'] as const) {
      const seen: { id: string; scores?: Scores }[] = [];
      let cursor: string | undefined;
      do {
        const page = await call(
          app,
          'GET',
          `/v1/customers?sort=${sort}&order=desc&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          { auth: owner.auth },
        );
        expect(page.status).toBe(200);
        seen.push(...(page.body.items as { id: string; scores?: Scores }[]));
        cursor = (page.body.nextCursor as string | null) ?? undefined;
      } while (cursor);

      // Every customer with orders, each once; one without orders has nothing to sort by here.
      expect(seen).toHaveLength(348);
      expect(new Set(seen.map((c) => c.id)).size).toBe(348);
      expect(seen.some((c) => c.id === created.body.id)).toBe(false);
      const values = seen.map((c) => (sort === 'pAlive' ? c.scores?.pAlive : c.scores?.clv) ?? -1);
      for (let i = 1; i < values.length; i++) {
        expect(values[i], `${sort} #${i}`).toBeLessThanOrEqual((values[i - 1] as number) + 1e-6);
      }
      expect(values[0]).toBeGreaterThan(values.at(-1) as number);
    }
    const ascending = await call(app, 'GET', '/v1/customers?sort=pAlive&order=asc&limit=5', {
      auth: owner.auth,
    });
    const lowest = ascending.body.items as { scores: Scores }[];
    expect(lowest[0]?.scores.pAlive).toBeLessThanOrEqual(lowest[4]?.scores.pAlive as number);
    const archived = await call(app, 'DELETE', `/v1/customers/${created.body.id}`, { auth: owner.auth });
    expect(archived.status).toBeLessThan(300);
  });

  it('explains a customer’s numbers with their inputs and the parameters used', async () => {
    // Customer 00003: orders on 1997-01-02, 03-30, 04-02, 11-15, 11-25 and 1998-05-28.
    const customerId = await customerByExternalId(app, owner, '00003');

    const response = await call(app, 'GET', `/v1/customers/${customerId}/insights`, { auth: owner.auth });

    expect(response.status).toBe(200);
    // The answer is what the OpenAPI document says it is.
    expect(CustomerInsightsSchema.parse(response.body)).toEqual(response.body);
    const body = response.body as {
      model: { fitId: string; bgnbd: Fit['bgnbd'] };
      stored: Scores;
      insights: Record<string, Record<string, unknown>>;
    };
    expect(body.model.fitId).toBe(fit.id);
    expect(body.model.bgnbd).toEqual({
      r: fit.bgnbd.r,
      alpha: fit.bgnbd.alpha,
      a: fit.bgnbd.a,
      b: fit.bgnbd.b,
    });
    const x = 5;
    const tx = (Date.UTC(1998, 4, 28) - Date.UTC(1997, 0, 2)) / 86_400_000 / 7;
    const T = (Date.UTC(1998, 6, 1) - Date.UTC(1997, 0, 2)) / 86_400_000 / 7;
    // The numbers come from the tenant's chosen purchase model (issue 13), BG/NBD kept beside it.
    const chosen = fit.purchaseModel as NonNullable<Fit['purchaseModel']>;
    expect(body.insights.pAlive).toMatchObject({
      inputs: { x, tx, T },
      model: chosen.model,
      params: chosen.params,
    });
    expect(body.stored.nextPurchaseWindow?.model).toBe(chosen.model);
    expect(body.insights.pAlive?.value).toBeCloseTo(body.stored.pAlive, 12);
    expect(body.insights.inputs).toMatchObject({ x, firstOrderOn: '1997-01-02', lastOrderOn: '1998-05-28' });
    expect(body.insights.lifecycle).toMatchObject({ stage: expect.any(String), rule: expect.any(String) });
    expect(body.insights.relationship).toMatchObject({
      level: expect.any(String),
      rule: expect.stringContaining('Kotler'),
    });
    expect(body.insights.valueIndex).toMatchObject({
      index: expect.any(Number),
      components: expect.any(Array),
    });
    expect(body.insights.rfm).toMatchObject({ segment: body.stored.segment, cutoffs: fit.rfm });
    expect(body.insights.clv?.value).toBe(body.stored.clv);
  });

  it('rescores a customer from the stream when an order arrives, with the stored parameters', async () => {
    const customerId = await customerByExternalId(app, owner, '00002');
    const before = (await call(app, 'GET', `/v1/customers/${customerId}`, { auth: owner.auth })).body
      .scores as Scores;
    expect(before.inputs.x).toBe(0);

    const order = await call(app, 'POST', `/v1/customers/${customerId}/interactions`, {
      auth: owner.auth,
      body: { type: 'order', amount: 2599, currency: 'USD', occurredAt: '1998-06-30T10:00:00Z' },
    });
    expect(order.status).toBe(201);

    await vi.waitFor(
      async () => {
        const now = (await call(app, 'GET', `/v1/customers/${customerId}`, { auth: owner.auth })).body;
        expect((now.scores as Scores).inputs).toMatchObject({ x: 1, lastOrderOn: '1998-06-30' });
      },
      { timeout: 5000, interval: 50 },
    );
    const after = (await call(app, 'GET', `/v1/customers/${customerId}`, { auth: owner.auth })).body;
    const scores = after.scores as Scores;
    expect(scores.fitId).toBe(fit.id);
    expect(scores.expectedPurchases90d).toBeGreaterThan(before.expectedPurchases90d);
    // Figures and version are the API's: the reaction set only `scores`.
    expect(after.version).toBe(1);
    expect(after.stats).toMatchObject({ orderCount: 3 });
  });

  it('does not rescore for an order change the latest fit already read (a consumer catching up after a refit)', async () => {
    const customerId = await customerByExternalId(app, owner, '00003');
    const analytics = new AnalyticsService({ tenantClient: sharedClientFactory(testTableClient()), clock });
    const fitStarted = Date.parse(
      (await new ModelRepository(testTableClient(), owner.tenantId).latest())?.startedAt ?? '',
    );

    const seen = new Date(fitStarted - 60_000).toISOString();
    const unseen = new Date(fitStarted).toISOString();

    expect(await analytics.rescoreCustomer({ tenantId: owner.tenantId, customerId, changedAt: seen })).toBe(
      false,
    );
    expect(await analytics.rescoreCustomer({ tenantId: owner.tenantId, customerId, changedAt: unseen })).toBe(
      true,
    );
    expect(await analytics.rescoreCustomer({ tenantId: owner.tenantId, customerId })).toBe(true);
  });

  it('summarises the tenant: value deciles, ABC shares, segments, monthly rates, expected revenue', async () => {
    const response = await call(app, 'GET', '/v1/analytics/summary', { auth: owner.auth });

    expect(response.status).toBe(200);
    const summary = response.body as {
      fitId: string;
      customers: { total: number; withOrders: number };
      valueDistribution: { decile: number; share: number }[];
      abc: { counts: { A: number; B: number; C: number }; shares: Record<string, number> };
      segments: { segment: string; name: string; customers: number }[];
      months: { month: string; retentionRate: number | null; acquisitionRate: number | null }[];
      expectedRevenue: { clvSum: number; horizonMonths: number };
    };
    expect(summary.fitId).toBe(fit.id);
    expect(summary.customers).toMatchObject({ total: 348, withOrders: 348 });
    expect(summary.valueDistribution).toHaveLength(10);
    expect(summary.valueDistribution.reduce((sum, d) => sum + d.share, 0)).toBeCloseTo(1, 9);
    expect(summary.abc.counts.A + summary.abc.counts.B + summary.abc.counts.C).toBe(348);
    expect(summary.segments.reduce((sum, s) => sum + s.customers, 0)).toBe(348);
    expect(summary.months[0]).toMatchObject({ month: '1997-01', retentionRate: null, acquisitionRate: 1 });
    expect(summary.months.at(-1)?.month).toBe('1998-07');
    expect(summary.expectedRevenue).toMatchObject({ horizonMonths: 12, clvSum: expect.any(Number) });
    expect(summary.expectedRevenue.clvSum).toBeGreaterThan(0);
  });

  it('shows another tenant none of this tenant’s model, summary, scores or insights', async () => {
    const other = await signUpTenant(app, 'Other shop');
    const customerId = await customerByExternalId(app, owner, '00003');

    const model = await call(app, 'GET', '/v1/analytics/model', { auth: other.auth });
    expect(model.body).toEqual({ latest: null, previous: null, lastRun: null });
    expect((await call(app, 'GET', '/v1/analytics/summary', { auth: other.auth })).status).toBe(404);
    const insights = await call(app, 'GET', `/v1/customers/${customerId}/insights`, { auth: other.auth });
    expect(insights.status).toBe(404);
    for (const sort of ['pAlive', 'clv']) {
      const list = await call(app, 'GET', `/v1/customers?sort=${sort}&limit=200`, { auth: other.auth });
      expect(list.body).toMatchObject({ items: [], nextCursor: null });
    }
    const segment = await call(app, 'GET', '/v1/customers?segment=champions', { auth: other.auth });
    expect(segment.body.items).toEqual([]);
  });

  it('shows a refit that died while running as failed, not running forever', async () => {
    const tenant = await signUpTenant(app, 'Died mid-refit');
    const startedAt = new Date(NOW.getTime() - 20 * 60_000).toISOString();
    await new ModelRepository(testTableClient(), tenant.tenantId).saveFit({
      id: '01DIEDREFIT000000000000000',
      status: 'running',
      trigger: 'schedule',
      startedAt,
    });

    const model = await call(app, 'GET', '/v1/analytics/model', { auth: tenant.auth });

    expect(model.body).toMatchObject({
      latest: null,
      lastRun: { id: '01DIEDREFIT000000000000000', status: 'failed', error: { code: 'interrupted' } },
    });
    // Recorded, not only shown: the stored change raises analytics.refit.failed.
    const [stored] = await new ModelRepository(testTableClient(), tenant.tenantId).history({ limit: 1 });
    expect(stored).toMatchObject({ status: 'failed', error: { code: 'interrupted' } });
  });

  it('marks a stuck refit failed from a scheduled pass, once', async () => {
    const tenant = await signUpTenant(app, 'Stuck refit');
    const startedAt = new Date(NOW.getTime() - 30 * 60_000).toISOString();
    const models = new ModelRepository(testTableClient(), tenant.tenantId);
    await models.saveFit({
      id: '01STUCKREFIT00000000000000',
      status: 'running',
      trigger: 'schedule',
      startedAt,
    });
    const fresh = new Date(NOW.getTime() - 60_000).toISOString();
    const other = await signUpTenant(app, 'Refit under way');
    await new ModelRepository(testTableClient(), other.tenantId).saveFit({
      id: '01LIVEREFIT000000000000000',
      status: 'running',
      trigger: 'api',
      startedAt: fresh,
    });

    const analytics = new AnalyticsService({ tenantClient: sharedClientFactory(testTableClient()), clock });

    const first = await analytics.failStuckRun({ tenantId: tenant.tenantId });
    const again = await analytics.failStuckRun({ tenantId: tenant.tenantId });
    const live = await analytics.failStuckRun({ tenantId: other.tenantId });

    expect(first).toMatchObject({ id: '01STUCKREFIT00000000000000', status: 'failed' });
    expect(again).toBeUndefined();
    expect(live).toBeUndefined();
    expect((await models.history({ limit: 1 }))[0]).toMatchObject({ status: 'failed' });
  });

  it('lets members read, keeps refits to admins and closes analytics to partners', async () => {
    const member = await invite(app, owner, 'member');
    const partner = await invite(app, owner, 'partner');
    const customerId = await customerByExternalId(app, owner, '00003');

    for (const path of [
      '/v1/analytics/model',
      '/v1/analytics/summary',
      `/v1/customers/${customerId}/insights`,
    ]) {
      expect((await call(app, 'GET', path, { auth: member })).status, path).toBe(200);
      expect([403, 404], path).toContain((await call(app, 'GET', path, { auth: partner })).status);
    }
    expect((await call(app, 'POST', '/v1/analytics/refit', { auth: member })).status).toBe(403);
    expect((await call(app, 'POST', '/v1/analytics/refit', { auth: partner })).status).toBe(403);
  });

  it('refits at night every registered tenant, recording the ones that cannot be fitted', async () => {
    const lonely = await signUpTenant(app, 'Nightly, one order');
    await useDollars(app, lonely);
    await importCdnow(app, lonely, 1);
    const registered = await new TenantRepository(testTableClient()).listTenantIds();
    expect(registered).toEqual(expect.arrayContaining([owner.tenantId, lonely.tenantId]));

    const result = await refitAllTenants({
      table: testTableClient(),
      tenantClient: sharedClientFactory(testTableClient()),
      clock,
      tenantIds: [owner.tenantId, lonely.tenantId],
    });

    expect(result).toMatchObject({
      tenants: 2,
      succeeded: 1,
      failed: [{ tenantId: lonely.tenantId, code: 'invalid_input' }],
    });
    const model = await call(app, 'GET', '/v1/analytics/model', { auth: owner.auth });
    expect(model.body).toMatchObject({ latest: { trigger: 'schedule', status: 'succeeded' } });
    expect((model.body.latest as Fit).id).not.toBe(fit.id);
    const customerId = await customerByExternalId(app, owner, '00003');
    const customer = await call(app, 'GET', `/v1/customers/${customerId}`, { auth: owner.auth });
    expect((customer.body.scores as Scores).fitId).toBe((model.body.latest as Fit).id);
  });

  it('hands an on-demand refit to the refit Lambda when the API cannot outlive the request', async () => {
    // The AWS shape: the API dispatches (Lambda Invoke, async) and answers 202; the refit Lambda
    // completes the stored run. Only the invoke transport is replaced: requests are collected.
    const dispatched: RefitRequest[] = [];
    const lambdaApi = withContractCheck(
      createApp({
        table: testTableClient(),
        signingKey: testSigningKey,
        clock,
        refitDispatch: async (request) => {
          dispatched.push(request);
        },
      }),
    );
    vi.stubEnv('TABLE_NAME', testTableName());
    vi.stubEnv('DYNAMODB_ENDPOINT', testDynamoDbEndpoint());
    // Where a refit that runs short would go on; this one fits in the invocation's time.
    vi.stubEnv('NIGHTLY_QUEUE_URL', 'https://sqs.eu-central-1.amazonaws.com/000000000000/nightly');
    const refitLambda = (await import('@crm/functions/scheduled/nightly-refit')) as {
      handler: (
        event: unknown,
        context: { getRemainingTimeInMillis(): number },
      ) => Promise<{ status: string }>;
    };
    vi.unstubAllEnvs();
    const handler = (event: unknown) =>
      refitLambda.handler(event, { getRemainingTimeInMillis: () => 900_000 });

    const first = await call(lambdaApi, 'POST', '/v1/analytics/refit', { auth: owner.auth });
    const second = await call(lambdaApi, 'POST', '/v1/analytics/refit', { auth: owner.auth });

    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ status: 'running', fit: { status: 'running', trigger: 'api' } });
    // A second click joins the run under way instead of starting a twin.
    expect(second.status).toBe(202);
    expect((second.body.fit as Fit).id).toBe((first.body.fit as Fit).id);
    expect(dispatched).toEqual([
      { tenantId: owner.tenantId, fitId: (first.body.fit as Fit).id, startedAt: expect.any(String) },
    ]);

    const done = await handler({ action: 'refit-tenant', ...dispatched[0] });
    const again = await handler({ action: 'refit-tenant', ...dispatched[0] });

    expect(done.status).toBe('succeeded');
    expect(again.status).toBe('skipped');
    const model = await call(app, 'GET', '/v1/analytics/model', { auth: owner.auth });
    expect(model.body).toMatchObject({
      latest: { id: (first.body.fit as Fit).id, status: 'succeeded', trigger: 'api' },
      lastRun: { id: (first.body.fit as Fit).id },
    });
  });

  it('answers 202 when the refit outlasts the wait, and the run goes on to succeed', async () => {
    const impatient = createTestApp({ clock, refitWaitMs: 0 });

    const refit = await call(impatient, 'POST', '/v1/analytics/refit', { auth: owner.auth });

    expect(refit.status).toBe(202);
    expect(refit.body).toMatchObject({ status: 'running', statusUrl: '/v1/analytics/model' });
    const runId = (refit.body.fit as Fit).id;
    await vi.waitFor(
      async () => {
        const model = await call(impatient, 'GET', '/v1/analytics/model', { auth: owner.auth });
        expect(model.body).toMatchObject({ lastRun: { id: runId, status: 'succeeded' } });
      },
      { timeout: 100_000, interval: 250 },
    );
  }, 120_000);

  it('stores a fit that cannot be made as failed and answers 422, keeping no parameters', async () => {
    const lonely = await signUpTenant(app, 'No repeat buyers');
    await useDollars(app, lonely);
    await importCdnow(app, lonely, 1); // one customer, one order: BG/NBD is not identified

    const refit = await call(app, 'POST', '/v1/analytics/refit', { auth: lonely.auth });

    expect(refit.status).toBe(422);
    expect(refit.body).toMatchObject({
      error: {
        code: 'unprocessable',
        details: { fit: { status: 'failed', error: { code: 'invalid_input' } } },
      },
    });
    const model = await call(app, 'GET', '/v1/analytics/model', { auth: lonely.auth });
    expect(model.body).toMatchObject({ latest: null, lastRun: { status: 'failed' } });
    expect((await call(app, 'GET', '/v1/analytics/summary', { auth: lonely.auth })).status).toBe(404);
  });
});
