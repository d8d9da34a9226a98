import { AnalyticsService, type RefitRequest } from '@crm/app';
import type { ModelFit } from '@crm/domain';
import { ModelRepository } from '@crm/dynamodb';
import { describe, expect, it } from 'vitest';
import { call, createTestApp, signUpTenant } from '../support/test-app.js';
import { testTableClient } from '../support/test-table.js';

/**
 * Finding 7 of issue 17: concurrent refits all ran (check then set), a refit on degenerate data
 * answered 500 and its run stayed `running`. One run per tenant, claimed by a conditional write;
 * degenerate data is a failed fit with a reason; a claim whose worker died expires.
 */

const runsOf = (tenantId: string) => new ModelRepository(testTableClient(), tenantId).history({ limit: 50 });

describe('one refit per tenant', () => {
  it('starts one run for 10 parallel requests, across two API instances', async () => {
    const dispatched: RefitRequest[] = [];
    // The refit worker never reports back here: the claim stays held for the whole burst.
    const dispatch = async (request: RefitRequest) => {
      dispatched.push(request);
    };
    const [first, second] = [
      createTestApp({ refitDispatch: dispatch }),
      createTestApp({ refitDispatch: dispatch }),
    ];
    const appFor = (i: number) => (i % 2 ? second : first);
    const owner = await signUpTenant(first);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call(appFor(i), 'POST', '/v1/analytics/refit', { auth: owner.auth }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(202));
    expect(dispatched).toHaveLength(1);
    const fitIds = new Set(answers.map((answer) => (answer.body.fit as ModelFit).id));
    expect([...fitIds]).toEqual([dispatched[0]?.fitId]);
    expect(await runsOf(owner.tenantId)).toHaveLength(1);
  });

  it('runs one in-process fit for 10 parallel requests, and frees the slot afterwards', async () => {
    const [first, second] = [createTestApp({ refitWaitMs: 0 }), createTestApp({ refitWaitMs: 0 })];
    const appFor = (i: number) => (i % 2 ? second : first);
    const owner = await signUpTenant(first);
    // Enough customers that the one run is still going while the burst arrives.
    for (let i = 0; i < 40; i++) {
      await call(first, 'POST', '/v1/customers', {
        auth: owner.auth,
        body: { name: `Buyer ${i}`, kind: 'consumer' },
      });
    }
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call(appFor(i), 'POST', '/v1/analytics/refit', { auth: owner.auth }),
      ),
    );
    for (const answer of answers) expect([200, 202, 422]).toContain(answer.status);
    await expect
      .poll(async () => (await runsOf(owner.tenantId)).some((run) => run.status === 'running'), {
        timeout: 20_000,
      })
      .toBe(false);
    // One run at a time: a fit that ends before the burst is over (a quick failure on customers
    // without orders) frees the slot and the next request may start another, but never two at once.
    const runs = (await runsOf(owner.tenantId)).sort((x, y) => x.startedAt.localeCompare(y.startedAt));
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs.length).toBeLessThan(10);
    for (const [previous, next] of runs.slice(0, -1).map((run, i) => [run, runs[i + 1]] as const)) {
      expect(previous.fittedAt, `run ${previous.id} finished`).toBeDefined();
      expect((next?.startedAt ?? '') >= (previous.fittedAt ?? '')).toBe(true);
    }
    const answeredIds = answers.flatMap((answer) => {
      const fit = answer.body.fit as ModelFit | undefined;
      return fit ? [fit.id] : [];
    });
    expect(answeredIds.every((id) => runs.some((run) => run.id === id))).toBe(true);
    // Finished: the next request starts a new run.
    await call(first, 'POST', '/v1/analytics/refit', { auth: owner.auth });
    await expect
      .poll(async () => (await runsOf(owner.tenantId)).length, { timeout: 20_000 })
      .toBe(runs.length + 1);
  });

  it('takes over a claim whose worker died, and records that run as interrupted', async () => {
    const owner = await signUpTenant(createTestApp());
    const t0 = new Date();
    const lost = new AnalyticsService({
      tenantClient: () => testTableClient(),
      clock: () => t0,
      dispatch: async () => {}, // the worker dies: nobody completes the run
    });
    const first = await lost.refit({ tenantId: owner.tenantId });
    expect(first.status).toBe('running');
    // Within the stale window the claim holds: the same run answers.
    const soon = new AnalyticsService({
      tenantClient: () => testTableClient(),
      clock: () => new Date(t0.getTime() + 60_000),
      dispatch: async () => {},
    });
    expect((await soon.refit({ tenantId: owner.tenantId })).fit.id).toBe(first.fit.id);
    const later = new AnalyticsService({
      tenantClient: () => testTableClient(),
      clock: () => new Date(t0.getTime() + 17 * 60_000),
      dispatch: async () => {},
    });
    const second = await later.refit({ tenantId: owner.tenantId });
    expect(second.fit.id).not.toBe(first.fit.id);
    const stored = await new ModelRepository(testTableClient(), owner.tenantId).getFit({
      startedAt: first.fit.startedAt,
      fitId: first.fit.id,
    });
    expect(stored?.status).toBe('failed');
    expect(stored?.error?.code).toBe('interrupted');
  });
});

describe('a refit on degenerate data', () => {
  it('is a failed fit with a reason (422), never a 500, and never stays running', async () => {
    // 50 one-time buyers on one day and a single repeat buyer: BG/NBD runs off to a = 2.56e305.
    const now = new Date('2025-11-08T12:00:00Z');
    const app = createTestApp({ clock: () => now, refitWaitMs: 60_000 });
    const owner = await signUpTenant(app);
    const order = (occurredAt: string) => ({ type: 'order', amount: 1000, currency: 'CNY', occurredAt });
    for (let i = 0; i < 50; i++) {
      const customer = await call(app, 'POST', '/v1/customers', {
        auth: owner.auth,
        body: { name: `One-time ${i}`, kind: 'consumer' },
      });
      const id = customer.body.id as string;
      await call(app, 'POST', `/v1/customers/${id}/interactions`, {
        auth: owner.auth,
        body: order('2025-01-01T00:00:00Z'),
      });
      if (i === 0) {
        await call(app, 'POST', `/v1/customers/${id}/interactions`, {
          auth: owner.auth,
          body: order('2025-01-02T00:00:00Z'),
        });
      }
    }
    const answer = await call(app, 'POST', '/v1/analytics/refit', { auth: owner.auth });
    expect(answer.status).toBe(422);
    const [run] = await runsOf(owner.tenantId);
    expect(run?.status).toBe('failed');
    expect(run?.error?.message).toMatch(/converge|stable/);
    const model = await call(app, 'GET', '/v1/analytics/model', { auth: owner.auth });
    expect(model.status).toBe(200);
  });
});
