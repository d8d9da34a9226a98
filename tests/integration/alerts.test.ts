import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { wakeSnoozedAlerts } from '@crm/app/alerts';
import { reviewChurnAllTenants } from '@crm/app/churn';
import { reviewComplaintSlasAllTenants } from '@crm/app/complaints';
import { creditReaction } from '@crm/app/reactions';
import type { EntityChange } from '@crm/domain';
import { keys, sharedClientFactory } from '@crm/dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { startReactions } from '../support/test-stream.js';
import { testTableClient } from '../support/test-table.js';

type Alert = {
  id: string;
  type: string;
  kind: string;
  customerId: string;
  complaintId?: string;
  status: string;
  assigneeId: string | null;
  suggestion: string | null;
  reasons: { code: string }[];
  updatedBy: string;
};

/** Scores as a refit writes them: alive as far as the model can tell, one order of 5,000. */
function refitScores(overrides: Record<string, unknown>) {
  return {
    segment: null,
    rfm: null,
    abcClass: 'A',
    pAlive: 0.9,
    expectedPurchases90d: 0.5,
    nextPurchaseAt: null,
    clv: 100_000,
    expectedSpend: 5_000,
    valueIndex: null,
    lifecycleSuggestion: { stage: 'new', name: 'New', rule: 'test' },
    inputs: {
      x: 0,
      tx: 0,
      T: 1,
      firstOrderOn: '2026-01-01',
      lastOrderOn: '2026-01-01',
      totalAmount: 5_000,
      spendCount: 1,
      meanSpend: 5_000,
    },
    scoredAt: new Date().toISOString(),
    modelFittedAt: new Date().toISOString(),
    fitId: 'test-fit',
    ...overrides,
  };
}

/** Alerts raised by the stream and the nightly pass (issue 11): the real reactions on DynamoDB Local. */
describe('alerts from credit holds and churn risk', () => {
  const app = createTestApp();
  let owner: SignedUpTenant;
  let currency: string;
  let stream: Awaited<ReturnType<typeof startReactions>>;
  const table = testTableClient();
  const writeScores = (customerId: string, overrides: Record<string, unknown>) =>
    table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.customer(owner.tenantId, customerId),
        UpdateExpression: 'SET scores = :scores',
        ExpressionAttributeValues: { ':scores': refitScores(overrides) },
      }),
    );

  const newCustomer = async (name: string) => {
    const created = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name, kind: 'business', ownerId: owner.userId },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const add = (customerId: string, body: Record<string, unknown>) =>
    call(app, 'POST', `/v1/customers/${customerId}/interactions`, {
      auth: owner.auth,
      body: { currency, occurredAt: new Date().toISOString(), ...body },
    });
  const alertsOf = async (customerId: string, query = '') => {
    const listed = await call(app, 'GET', `/v1/alerts${query}`, { auth: owner.auth });
    expect(listed.status).toBe(200);
    return (listed.body.items as Alert[]).filter((alert) => alert.customerId === customerId);
  };
  /** Polls until `done` holds (the stream is asynchronous), up to 10 s on a loaded machine. */
  const until = async (customerId: string, query: string, done: (alerts: Alert[]) => boolean) => {
    const deadline = Date.now() + 10_000;
    let alerts = await alertsOf(customerId, query);
    while (!done(alerts) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      alerts = await alertsOf(customerId, query);
    }
    return alerts;
  };

  beforeAll(async () => {
    stream = await startReactions();
    owner = await signUpTenant(app, 'Alerts Tenant');
    const tenant = await call(app, 'GET', '/v1/tenant', { auth: owner.auth });
    currency = (tenant.body.settings as { defaultCurrency: string }).defaultCurrency;
  });
  afterAll(async () => {
    await stream.stop();
  });

  it('opens a credit alert for the owner when a hold is placed, resolves it on release, once per hold', async () => {
    const customerId = await newCustomer('Held Alerts Ltd');
    await call(app, 'PUT', `/v1/customers/${customerId}/credit/limit`, {
      auth: owner.auth,
      body: { limit: 100_000, reason: 'new account' },
    });
    const order = await add(customerId, { type: 'order', amount: 150_000 });
    expect(order.status).toBe(201);
    const open = await until(customerId, '?type=credit', (alerts) => alerts.length > 0);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      type: 'credit',
      kind: 'credit.hold.placed',
      status: 'open',
      assigneeId: owner.userId,
      suggestion: 'review_limit',
      updatedBy: 'system:credit',
    });
    expect(open[0]?.reasons.map((reason) => reason.code)).toContain('over_limit');

    // The same record again, twice: the hold is the same episode, so no second alert.
    await stream.settle();
    const reaction = creditReaction({ table });
    const change: EntityChange = {
      eventId: 'replayed-order',
      sequenceNumber: '1',
      tenantId: owner.tenantId,
      entityType: 'interaction',
      kind: 'created',
      occurredAt: new Date().toISOString(),
      after: order.body,
    };
    await reaction.handle(change);
    await reaction.handle(change);
    expect(await alertsOf(customerId, '?type=credit')).toHaveLength(1);
    expect(await alertsOf(customerId, '?type=churn')).toHaveLength(0);

    await add(customerId, { type: 'payment', amount: 100_000 });
    const resolved = await until(customerId, '?type=credit', (alerts) => alerts[0]?.status === 'resolved');
    expect(resolved).toHaveLength(1);
    expect(resolved[0]).toMatchObject({ id: open[0]?.id, status: 'resolved', updatedBy: 'system:credit' });
    expect(await alertsOf(customerId, '?type=credit&status=open')).toHaveLength(0);
    expect(await alertsOf(customerId, '?status=resolved')).toHaveLength(1);
  });

  it('moves a valuable customer whose last order is long past to at risk nightly, and a purchase clears it', async () => {
    const customerId = await newCustomer('Drifting Gold Co');
    await add(customerId, { type: 'order', amount: 5_000 });
    await stream.settle();
    const fresh = await call(app, 'GET', `/v1/customers/${customerId}/churn`, { auth: owner.auth });
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({ state: 'active', valuable: false });

    // What a refit writes: class A (valuable), alive as far as the model can tell, one order.
    await writeScores(customerId, { abcClass: 'A' });

    // 200 days on with one order: 2.2 times the default 90-day gap, past at-risk (1.5), short of dormant (3).
    const later = () => new Date(Date.now() + 200 * 86_400_000);
    const review = () =>
      reviewChurnAllTenants({
        table,
        tenantClient: sharedClientFactory(table),
        clock: later,
        tenantIds: [owner.tenantId],
      });
    const first = await review();
    expect(first).toMatchObject({ tenants: 1, failed: [] });
    expect(first.moved).toBeGreaterThanOrEqual(1);
    const atRisk = await call(app, 'GET', `/v1/customers/${customerId}/churn`, { auth: owner.auth });
    expect(atRisk.body).toMatchObject({
      state: 'at_risk',
      valuable: true,
      decidedBy: 'gap',
      gapDays: 90,
      suggestion: 'personal_call',
    });
    const raised = await alertsOf(customerId, '?type=churn&status=open');
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      kind: 'churn.risk.raised',
      suggestion: 'personal_call',
      assigneeId: owner.userId,
      reasons: [{ code: 'churn.at_risk.gap' }],
    });

    // Twice the same night: nothing moves, no second alert.
    const second = await review();
    expect(second).toMatchObject({ moved: 0, failed: [] });
    expect(await alertsOf(customerId, '?type=churn')).toHaveLength(1);

    await add(customerId, { type: 'order', amount: 7_000 });
    const cleared = await until(customerId, '?type=churn', (alerts) => alerts[0]?.status === 'resolved');
    expect(cleared[0]).toMatchObject({ id: raised[0]?.id, status: 'resolved', updatedBy: 'system:churn' });
    const active = await call(app, 'GET', `/v1/customers/${customerId}/churn`, { auth: owner.auth });
    expect(active.body).toMatchObject({ state: 'active', leftActiveAt: null });
  });

  it('counts a customer in the top CLV tenth as valuable whatever its ABC class, and only that one', async () => {
    const top = await newCustomer('Top Tenth Traders');
    const ordinary = await newCustomer('Ordinary Traders');
    for (const customerId of [top, ordinary]) await add(customerId, { type: 'order', amount: 5_000 });
    await stream.settle();
    // Class B both; the refit placed only the first in the tenant's top CLV tenth.
    await writeScores(top, { abcClass: 'B', clvTopDecile: true });
    await writeScores(ordinary, { abcClass: 'B', clvTopDecile: false });

    const review = await reviewChurnAllTenants({
      table,
      tenantClient: sharedClientFactory(table),
      clock: () => new Date(Date.now() + 200 * 86_400_000),
      tenantIds: [owner.tenantId],
    });
    expect(review.failed).toEqual([]);

    const churnOf = async (customerId: string) =>
      (await call(app, 'GET', `/v1/customers/${customerId}/churn`, { auth: owner.auth })).body;
    expect(await churnOf(top)).toMatchObject({ state: 'at_risk', valuable: true });
    expect(await churnOf(ordinary)).toMatchObject({ state: 'at_risk', valuable: false });
    expect(await alertsOf(top, '?type=churn&status=open')).toHaveLength(1);
    expect(await alertsOf(ordinary, '?type=churn')).toHaveLength(0);
  });

  it('lets the owner acknowledge, snooze, reassign and resolve an alert, recording who', async () => {
    const customerId = await newCustomer('Inbox Actions Ltd');
    await call(app, 'PUT', `/v1/customers/${customerId}/credit/limit`, {
      auth: owner.auth,
      body: { limit: 1_000, reason: 'tight' },
    });
    await add(customerId, { type: 'order', amount: 2_000 });
    const [alert] = await until(customerId, '?type=credit', (alerts) => alerts.length > 0);
    expect(alert).toBeDefined();
    const path = `/v1/alerts/${alert?.id}`;

    const acknowledged = await call(app, 'POST', `${path}/acknowledge`, { auth: owner.auth });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({ status: 'acknowledged', updatedBy: owner.userId });
    expect((await call(app, 'POST', `${path}/acknowledge`, { auth: owner.auth })).status).toBe(409);

    const past = await call(app, 'POST', `${path}/snooze`, {
      auth: owner.auth,
      body: { until: '2020-01-01T00:00:00Z' },
    });
    expect(past.status).toBe(400);
    const until7 = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const snoozed = await call(app, 'POST', `${path}/snooze`, { auth: owner.auth, body: { until: until7 } });
    expect(snoozed.status).toBe(200);
    expect(snoozed.body).toMatchObject({ status: 'snoozed', snoozedUntil: until7 });
    expect(await alertsOf(customerId, '?status=snoozed')).toHaveLength(1);
    expect(await alertsOf(customerId, '?status=open')).toHaveLength(0);

    // The nightly pass opens it again once the snooze is over, and only then; twice changes nothing.
    const tenantClient = sharedClientFactory(testTableClient());
    const wake = (days: number) =>
      wakeSnoozedAlerts(
        { tenantClient, clock: () => new Date(Date.now() + days * 86_400_000) },
        owner.tenantId,
      );
    expect(await wake(1)).toEqual({ woken: 0 });
    expect((await wake(8)).woken).toBeGreaterThanOrEqual(1);
    const [woken] = await alertsOf(customerId, '?status=open');
    expect(woken).toMatchObject({
      id: alert?.id,
      status: 'open',
      snoozedUntil: null,
      updatedBy: 'system:alerts',
    });
    expect(await alertsOf(customerId, '?status=snoozed')).toHaveLength(0);
    expect(await wake(9)).toEqual({ woken: 0 });

    const nobody = await call(app, 'POST', `${path}/assign`, {
      auth: owner.auth,
      body: { assigneeId: '01J00000000000000000000000' },
    });
    expect(nobody.status).toBe(400);
    const assigned = await call(app, 'POST', `${path}/assign`, {
      auth: owner.auth,
      body: { assigneeId: owner.userId },
    });
    expect(assigned.status).toBe(200);
    expect(await alertsOf(customerId, `?assignee=${owner.userId}&type=credit`)).toHaveLength(1);

    const resolved = await call(app, 'POST', `${path}/resolve`, { auth: owner.auth });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', updatedBy: owner.userId });
    expect((await call(app, 'POST', `${path}/resolve`, { auth: owner.auth })).status).toBe(409);
    expect((await call(app, 'GET', '/v1/alerts?cursor=bogus', { auth: owner.auth })).status).toBe(400);
    expect((await call(app, 'GET', '/v1/alerts?type=nope', { auth: owner.auth })).status).toBe(400);
  });

  it('escalates a complaint past its SLA to the customer owner’s inbox once per step, and resolves it when the step moves on', async () => {
    const customerId = await newCustomer('Late Reply Ltd');
    const recorded = await call(app, 'POST', '/v1/complaints', {
      auth: owner.auth,
      body: { customerId, summary: 'No answer for a week', severity: 'critical' },
    });
    expect(recorded.status).toBe(201);
    const complaintId = recorded.body.id as string;
    const pass = (at: Date) =>
      reviewComplaintSlasAllTenants({
        table,
        tenantClient: sharedClientFactory(table),
        tenantIds: [owner.tenantId],
        clock: () => at,
      });

    // Critical: 4 hours to judge validity by the default policy; the pass runs twice that night.
    const late = new Date(Date.now() + 5 * 3_600_000);
    await pass(late);
    await pass(new Date(late.getTime() + 3_600_000));
    const open = await until(customerId, '?type=complaint', (alerts) => alerts.length > 0);
    await stream.settle();
    expect(await alertsOf(customerId, '?type=complaint')).toHaveLength(1);
    expect(open[0]).toMatchObject({
      type: 'complaint',
      kind: 'complaint.escalated',
      complaintId,
      status: 'open',
      assigneeId: owner.userId,
      suggestion: 'move_complaint_on',
      updatedBy: 'system:complaint-sla',
    });
    expect(open[0]?.reasons.map((reason) => reason.code)).toEqual(['complaint.overdue']);

    const moved = await call(app, 'POST', `/v1/complaints/${complaintId}/transitions`, {
      auth: owner.auth,
      body: { to: 'validated' },
    });
    expect(moved.status).toBe(200);
    const resolved = await until(customerId, '?type=complaint', (alerts) =>
      alerts.every((alert) => alert.status === 'resolved'),
    );
    expect(resolved).toMatchObject([{ status: 'resolved', updatedBy: 'system:complaint-sla' }]);
  });

  it('pages through the inbox with a cursor', async () => {
    const first = await call(app, 'GET', '/v1/alerts?limit=1', { auth: owner.auth });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    expect(typeof first.body.nextCursor).toBe('string');
    const next = await call(app, 'GET', `/v1/alerts?limit=1&cursor=${first.body.nextCursor}`, {
      auth: owner.auth,
    });
    expect(next.status).toBe(200);
    expect((next.body.items as Alert[])[0]?.id).not.toBe((first.body.items as Alert[])[0]?.id);
  });
});
