import { dayNumber } from '@crm/analytics';
import { AnalyticsService, type RefitStep, refitCursor } from '@crm/app/analytics';
import type { CustomerScores, ModelFit } from '@crm/domain';
import { CustomerRepository, ModelRepository, RefitWorkRepository, sharedClientFactory } from '@crm/dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { scoreOneCustomer } from '../../packages/app/src/analytics/tenant-model.js';
import { importCdnowMaster } from '../support/cdnow-import.js';
import { createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { testTableClient } from '../support/test-table.js';

const NOW = new Date('1998-07-01T00:00:00Z');
const clock = () => NOW;
/** Customers per page: tiny, so the refit takes many pieces. */
const PAGE = 40;

/**
 * The refit in pieces (issue 21) on DynamoDB Local: a CDNOW slice refit one piece per call (a page
 * read, the fit, a page of scores), as invocations that each run out of time at once would; then
 * crashes between a page's writes and its recorded state, and a message delivered twice.
 */
describe('the refit in pieces (DynamoDB Local)', () => {
  const app = createTestApp({ clock });
  const table = testTableClient();
  const analytics = new AnalyticsService({ tenantClient: sharedClientFactory(table), clock });
  let owner: SignedUpTenant;
  let customers = 0;

  beforeAll(async () => {
    owner = await signUpTenant(app, 'Refit in pieces');
    await importCdnowMaster(app, owner, 601);
    for await (const page of new CustomerRepository(table, owner.tenantId).liveCustomerPages()) {
      customers += page.length;
    }
    expect(customers).toBeGreaterThan(3 * PAGE);
  }, 120_000);

  /** Every scored customer's stored scores, by id. */
  async function storedScores(): Promise<Map<string, CustomerScores | undefined>> {
    const scores = new Map<string, CustomerScores | undefined>();
    for await (const page of new CustomerRepository(table, owner.tenantId).liveCustomerPages()) {
      for (const customer of page) {
        if (customer.stats.orderCount > 0) {
          scores.set(customer.id, (customer as { scores?: CustomerScores }).scores);
        }
      }
    }
    return scores;
  }

  /** Each buyer's scores exactly as the stored fit gives them from its orders (the stream's path). */
  async function expectScoredWith(fit: ModelFit) {
    const models = new ModelRepository(table, owner.tenantId);
    const stored = await storedScores();
    for (const [customerId, scores] of stored) {
      const expected = scoreOneCustomer({
        fit,
        customerId,
        orders: await models.listOrders({ customerId }),
        currency: 'USD',
        asOfDay: dayNumber(fit.calibration?.to ?? ''),
        now: new Date(fit.fittedAt ?? ''),
      });
      expect({ customerId, scores }).toEqual({ customerId, scores: expected?.scores });
    }
    return stored.size;
  }

  it('reads pages, fits once and writes pages of scores, one piece per call, with its progress shown', async () => {
    const phases: string[] = [];
    let step: RefitStep = await analytics.refitInPieces({
      tenantId: owner.tenantId,
      more: () => false,
      pageSize: PAGE,
    });
    for (let calls = 1; !step.done && calls < 100; calls++) {
      phases.push(step.progress.phase);
      const model = await analytics.model({ tenantId: owner.tenantId });
      // Shown as running, with how far it has come; the latest fit is not this one yet.
      expect(model.lastRun).toMatchObject({ id: step.run.id, status: 'running', progress: step.progress });
      expect(model.latest?.id).not.toBe(step.run.id);
      step = await analytics.refitInPieces({
        tenantId: owner.tenantId,
        cursor: refitCursor(step.run),
        more: () => false,
        pageSize: PAGE,
      });
    }
    expect(step.done).toBe(true);
    if (!step.done) return;
    // One piece per call, each call's progress after it: every read page (the last one leaves the
    // fit next), the fit, then every page of scores but the last, which ends the run.
    const pages = Math.ceil(customers / PAGE);
    expect(phases).toEqual([
      ...Array.from({ length: pages - 1 }, () => 'reading'),
      'fitting',
      ...Array.from({ length: pages }, () => 'scoring'),
    ]);
    const { outcome } = step;
    expect(outcome).toMatchObject({
      status: 'succeeded',
      fit: { diagnostics: { customersRead: customers } },
    });
    const model = await analytics.model({ tenantId: owner.tenantId });
    expect(model.latest?.id).toBe(outcome.fit.id);
    expect(model.lastRun).toMatchObject({ id: outcome.fit.id, status: 'succeeded' });
    const scored = await expectScoredWith(model.latest as ModelFit);
    expect(scored).toBe(outcome.fit.diagnostics?.customers);
    // The run's work items are gone with it.
    expect(await new RefitWorkRepository(table, owner.tenantId, outcome.fit.id).pages()).toEqual([]);
  }, 180_000);

  it('gives the same fit and scores in one go, and resumes after crashes between a page and its state', async () => {
    const whole = await analytics.refit({ tenantId: owner.tenantId, trigger: 'schedule', waitMs: 2 ** 31 });
    expect(whole.status).toBe('succeeded');

    // A run whose pieces die after writing a page but before recording it (the state is put back),
    // and whose continuation is delivered twice: every page is redone, nothing counts twice.
    let step = await analytics.refitInPieces({ tenantId: owner.tenantId, more: () => false, pageSize: PAGE });
    const crashed = new Set<string>();
    for (let calls = 0; !step.done && calls < 200; calls++) {
      const run = step.run;
      const work = new RefitWorkRepository(table, owner.tenantId, run.id);
      const before = await work.getState();
      const cursor = refitCursor(run);
      step = await analytics.refitInPieces({
        tenantId: owner.tenantId,
        cursor,
        more: () => false,
        pageSize: PAGE,
      });
      const phase = before?.phase ?? '';
      if (!step.done && before && !crashed.has(phase)) {
        // The crash: the piece's writes happened, its state did not.
        crashed.add(phase);
        await work.putState(before, NOW);
        step = await analytics.refitInPieces({
          tenantId: owner.tenantId,
          cursor,
          more: () => false,
          pageSize: PAGE,
        });
      }
      if (!step.done && crashed.size === 3) {
        // The same message again (SQS delivers at least once): it goes on from the stored state.
        const again = await analytics.refitInPieces({
          tenantId: owner.tenantId,
          cursor,
          more: () => false,
          pageSize: PAGE,
        });
        if (again.done) step = again;
      }
    }
    expect([...crashed].sort()).toEqual(['fitting', 'reading', 'scoring']);
    expect(step.done).toBe(true);
    if (!step.done) return;
    expect(step.outcome.status).toBe('succeeded');
    const fit = step.outcome.fit;
    expect(fit.diagnostics).toMatchObject({
      customersRead: customers,
      customers: whole.fit.diagnostics?.customers,
      orders: whole.fit.diagnostics?.orders,
    });
    // Same data, same parameters as the refit in one go.
    expect(fit.bgnbd).toEqual(whole.fit.bgnbd);
    expect(fit.purchaseModel).toEqual(whole.fit.purchaseModel);
    const latest = (await analytics.model({ tenantId: owner.tenantId })).latest as ModelFit;
    expect(latest.id).toBe(fit.id);
    await expectScoredWith(latest);
  }, 300_000);

  it('fits on a seeded sample when the buyers exceed the limit, and still scores and counts everyone', async () => {
    const limit = 100;
    const step = await analytics.refitInPieces({
      tenantId: owner.tenantId,
      pageSize: PAGE,
      sampleLimit: limit,
    });
    expect(step.done).toBe(true);
    if (!step.done) return;
    const fit = step.outcome.fit;
    expect(step.outcome.status, JSON.stringify(fit.error)).toBe('succeeded');
    const buyers = (await storedScores()).size;
    expect(buyers).toBeGreaterThan(limit);
    expect(fit.sample).toEqual({ customers: limit, of: buyers, seed: expect.any(String) });
    // The parameters saw the sample; the scores and the summary's counts cover every buyer.
    expect(fit.diagnostics).toMatchObject({ customers: limit, customersRead: customers });
    expect(fit.summary?.customers).toMatchObject({ total: customers, withOrders: buyers });
    const inSegments = fit.summary?.segments.reduce((sum, segment) => sum + segment.customers, 0);
    expect(inSegments).toBe(buyers);
    expect(fit.summary?.valueDistribution.reduce((sum, decile) => sum + decile.customers, 0)).toBe(buyers);
    const latest = (await analytics.model({ tenantId: owner.tenantId })).latest as ModelFit;
    expect(latest.id).toBe(fit.id);
    expect(await expectScoredWith(latest)).toBe(buyers);
    // Rerun: the same sample, so the same parameters.
    const again = await analytics.refitInPieces({
      tenantId: owner.tenantId,
      pageSize: PAGE,
      sampleLimit: limit,
    });
    expect(again.done && again.outcome.fit.bgnbd).toEqual(fit.bgnbd);
  }, 300_000);

  it('leaves a run that was taken over as lost alone when its continuation arrives', async () => {
    const first = await analytics.refitInPieces({
      tenantId: owner.tenantId,
      more: () => false,
      pageSize: PAGE,
    });
    expect(first.done).toBe(false);
    if (first.done) return;
    // Held for the continuation; past that, a new request takes over and records it interrupted.
    const later = new Date(Date.parse(first.progress.heldUntil) + 1_000);
    const takeover = new AnalyticsService({ tenantClient: sharedClientFactory(table), clock: () => later });
    const fresh = await takeover.refit({ tenantId: owner.tenantId, trigger: 'schedule', waitMs: 2 ** 31 });
    expect(fresh.status).toBe('succeeded');
    const late = await analytics.refitInPieces({
      tenantId: owner.tenantId,
      cursor: refitCursor(first.run),
      more: () => false,
      pageSize: PAGE,
    });
    expect(late).toMatchObject({
      done: true,
      outcome: { status: 'failed', fit: { error: { code: 'interrupted' } } },
    });
    const model = await takeover.model({ tenantId: owner.tenantId });
    expect(model.latest?.id).toBe(fresh.fit.id);
  }, 180_000);
});
