import { AlertService } from '@crm/app/alerts';
import { sharedClientFactory } from '@crm/dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteUser } from '../support/invite-user.js';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { startReactions } from '../support/test-stream.js';
import { testTableClient } from '../support/test-table.js';

const addDaysToToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The credit screens' reads and actions (issue 11): the dashboard tile, the suggested limit, rejecting a held order. */
describe('credit overview, suggested limit and held orders', () => {
  const app = createTestApp();
  let owner: SignedUpTenant;
  let currency: string;
  let stream: Awaited<ReturnType<typeof startReactions>>;

  const newCustomer = async (name: string) =>
    (await call(app, 'POST', '/v1/customers', { auth: owner.auth, body: { name, kind: 'business' } })).body
      .id as string;
  const add = (customerId: string, body: Record<string, unknown>) =>
    call(app, 'POST', `/v1/customers/${customerId}/interactions`, {
      auth: owner.auth,
      body: { currency, occurredAt: new Date().toISOString(), ...body },
    });
  const until = async (check: () => Promise<boolean>) => {
    const deadline = Date.now() + 10_000;
    while (!(await check()) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
  };
  const creditOf = async (customerId: string) =>
    (await call(app, 'GET', `/v1/customers/${customerId}/credit`, { auth: owner.auth })).body as {
      status: string;
      overdue: number;
      exposure: number;
      settledTotal: number;
    };

  beforeAll(async () => {
    stream = await startReactions();
    owner = await signUpTenant(app, 'Overview Tenant');
    currency = (
      (await call(app, 'GET', '/v1/tenant', { auth: owner.auth })).body.settings as {
        defaultCurrency: string;
      }
    ).defaultCurrency;
    const current = await call(app, 'GET', '/v1/credit/policy', { auth: owner.auth });
    const policy = current.body.policy as { grades: { limit: number; termDays: number }[] };
    // Generous grades with a 30-day term: only the hand-set limit below holds anyone.
    const saved = await call(app, 'PUT', '/v1/credit/policy', {
      auth: owner.auth,
      body: {
        policy: {
          ...policy,
          grades: policy.grades.map((band) => ({ ...band, limit: 1_000_000, termDays: 30 })),
        },
        version: current.body.version,
      },
    });
    expect(saved.status).toBe(200);
  });
  afterAll(async () => {
    await stream.stop();
  });

  it('counts holds, sums overdue receivables and the value of customers at risk', async () => {
    const late = await newCustomer('Late Payer');
    expect((await add(late, { type: 'invoice', amount: 40_000, dueDate: addDaysToToday(-10) })).status).toBe(
      201,
    );
    const held = await newCustomer('Over Limit');
    await call(app, 'PUT', `/v1/customers/${held}/credit/limit`, {
      auth: owner.auth,
      body: { limit: 1_000, reason: 'new account' },
    });
    expect((await add(held, { type: 'order', amount: 5_000 })).status).toBe(201);
    const drifting = await newCustomer('Drifting Away');
    expect((await add(drifting, { type: 'order', amount: 7_000 })).status).toBe(201);
    await until(async () => (await creditOf(late)).overdue === 40_000);
    await until(async () => (await creditOf(held)).status === 'hold');
    await until(
      async () =>
        (
          (await call(app, 'GET', `/v1/customers/${drifting}`, { auth: owner.auth })).body.stats as {
            orderValue: number;
          }
        ).orderValue === 7_000,
    );
    await stream.settle();
    // A churn alert as the churn reaction raises it for a valuable customer turning at risk.
    await new AlertService({
      tenantClient: sharedClientFactory(testTableClient()),
      clock: () => new Date(),
    }).raise(owner.tenantId, {
      type: 'churn',
      kind: 'churn.risk.raised',
      customerId: drifting,
      episode: new Date().toISOString(),
      reasons: [{ code: 'gap' }],
      suggestion: 'personal_call',
      by: 'system:churn',
    });

    const overview = await call(app, 'GET', '/v1/credit/overview', { auth: owner.auth });

    expect(overview.status).toBe(200);
    expect(overview.body).toEqual({
      currency,
      holds: { count: 1, capped: false },
      overdue: { amount: 40_000, customers: 1, capped: false },
      atRisk: { customers: 1, value: 7_000, capped: false },
    });

    // The ageing report (账龄分析): the invoice 10 days late, the two orders not yet due (30-day term).
    const ageing = await call(app, 'GET', '/v1/credit/ageing?limit=2', { auth: owner.auth });
    expect(ageing.status).toBe(200);
    expect(ageing.body).toMatchObject({
      currency,
      asOf: new Date().toISOString().slice(0, 10),
      totals: { notDue: 12_000, d0_30: 40_000, d31_60: 0, d61_90: 0, d91_120: 0, d121Plus: 0 },
      open: 52_000,
      receivables: 3,
      customerCount: 3,
      capped: false,
    });
    // The oldest money first; only `limit` customers are named.
    expect(
      (ageing.body.customers as { customerId: string; name: string; open: number }[]).map((line) => [
        line.customerId,
        line.name,
        line.open,
      ]),
    ).toEqual([
      [late, 'Late Payer', 40_000],
      [drifting, 'Drifting Away', 7_000],
    ]);
  });

  it('suggests one ordinary order as the limit of a customer who paid on time, with the reasoning', async () => {
    const payer = await newCustomer('Good Payer');
    expect((await add(payer, { type: 'order', amount: 20_000 })).status).toBe(201);
    await until(async () => (await creditOf(payer)).exposure === 20_000);
    expect((await add(payer, { type: 'payment', amount: 20_000 })).status).toBe(201);
    await until(async () => (await creditOf(payer)).settledTotal === 1);

    const suggested = await call(app, 'GET', `/v1/customers/${payer}/credit/suggested-limit`, {
      auth: owner.auth,
    });

    expect(suggested.status).toBe(200);
    expect(suggested.body).toMatchObject({
      limit: 20_000,
      currency,
      inputs: { averageOrderValue: 20_000, onTimeShare: 1, termDays: 30, expectedOrdersInTerm: 0 },
    });
    const steps = (suggested.body.steps as { step: string }[]).map((step) => step.step);
    expect(steps).toEqual(['expected_need', 'payment_behaviour', 'minimum_one_order']);
  });

  it('rejects a held order from the hold list: it owes nothing, the hold goes, the history says why', async () => {
    const buyer = await newCustomer('Rejected Buyer');
    await call(app, 'PUT', `/v1/customers/${buyer}/credit/limit`, {
      auth: owner.auth,
      body: { limit: 1_000, reason: 'new account' },
    });
    const order = await add(buyer, { type: 'order', amount: 5_000 });
    await until(async () => (await creditOf(buyer)).status === 'hold');
    await stream.settle();
    const path = `/v1/customers/${buyer}/credit/orders/${order.body.id}/reject`;

    const member = await inviteUser(app, owner.auth, 'member');
    expect((await call(app, 'POST', path, { auth: member.auth, body: { reason: 'no' } })).status).toBe(403);
    const blank = await call(app, 'POST', path, { auth: owner.auth, body: { reason: ' ' } });
    expect(blank.status).toBe(400);

    const rejected = await call(app, 'POST', path, {
      auth: owner.auth,
      body: { reason: 'customer over limit, no deposit' },
    });

    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'ok', exposure: 0 });
    const decisions = await call(app, 'GET', `/v1/customers/${buyer}/credit/decisions`, { auth: owner.auth });
    const line = (decisions.body.items as { kind: string; note: string | null }[]).find(
      (decision) => decision.kind === 'order_rejected',
    );
    expect(line?.note).toBe('customer over limit, no deposit');
    const timeline = await call(app, 'GET', `/v1/customers/${buyer}/interactions`, { auth: owner.auth });
    const stored = (
      timeline.body.items as { id: string; creditHold?: { rejected?: { reason: string } } }[]
    ).find((item) => item.id === order.body.id);
    expect(stored?.creditHold?.rejected?.reason).toBe('customer over limit, no deposit');
    await stream.settle();
    expect((await creditOf(buyer)).exposure).toBe(0);

    const again = await call(app, 'POST', path, { auth: owner.auth, body: { reason: 'twice' } });
    expect(again.status).toBe(409);
  });

  it('refuses to reject an order credit control did not hold', async () => {
    const fine = await newCustomer('Fine Buyer');
    const order = await add(fine, { type: 'order', amount: 5_000 });
    await until(async () => (await creditOf(fine)).exposure === 5_000);
    await stream.settle();
    const answer = await call(app, 'POST', `/v1/customers/${fine}/credit/orders/${order.body.id}/reject`, {
      auth: owner.auth,
      body: { reason: 'changed our mind' },
    });
    expect(answer.status).toBe(409);
  });

  it('shows nothing of another tenant', async () => {
    const other = await signUpTenant(app, 'Quiet Tenant');
    const overview = await call(app, 'GET', '/v1/credit/overview', { auth: other.auth });
    expect(overview.status).toBe(200);
    expect(overview.body).toMatchObject({
      holds: { count: 0 },
      overdue: { amount: 0, customers: 0 },
      atRisk: { customers: 0, value: 0 },
    });
    const ageing = await call(app, 'GET', '/v1/credit/ageing', { auth: other.auth });
    expect(ageing.status).toBe(200);
    expect(ageing.body).toMatchObject({ open: 0, receivables: 0, customerCount: 0, customers: [] });
  });
});
