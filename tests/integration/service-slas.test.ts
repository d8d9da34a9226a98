import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { backfillServiceDueTimes, reviewServiceSlasAllTenants } from '@crm/app/service';
import { defaultServiceSlaPolicy } from '@crm/domain';
import { keys, ServiceRequestRepository, sharedClientFactory } from '@crm/dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InvitedUser, inviteUser } from '../support/invite-user.js';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { startReactions } from '../support/test-stream.js';
import { testTableClient } from '../support/test-table.js';

type ServiceRequest = {
  id: string;
  status: string;
  version: number;
  stepEnteredAt: string;
  stepDueAt: string | null;
  overdue: boolean;
  escalations: { step: string; dueAt: string; at: string }[];
};
type Alert = {
  id: string;
  type: string;
  kind: string;
  serviceRequestId?: string;
  status: string;
  assigneeId: string | null;
  suggestion: string | null;
  reasons: { code: string; figures?: Record<string, unknown> }[];
  updatedBy: string;
};

const HOUR = 3_600_000;
const hours = (urgent: number, high: number, normal: number, low: number) => ({ urgent, high, normal, low });
const policy = {
  hours: {
    received: hours(1, 2, 3, 4),
    planned: hours(2, 4, 6, 8),
    dispatched: hours(3, 6, 9, 12),
    in_progress: hours(4, 8, 12, 16),
    resolved: hours(5, 10, 15, 20),
  },
};

/** Service SLAs and escalation (issue 14): the policy, the nightly pass on a fake clock, the alert. */
describe('service request SLAs and escalation', () => {
  const app = createTestApp();
  const table = testTableClient();
  let owner: SignedUpTenant;
  let member: InvitedUser;
  let technician: InvitedUser;
  let stream: Awaited<ReturnType<typeof startReactions>>;

  const pass = (at: Date) =>
    reviewServiceSlasAllTenants({
      table,
      tenantClient: sharedClientFactory(table),
      tenantIds: [owner.tenantId],
      clock: () => at,
    });
  const read = async (id: string) =>
    (await call(app, 'GET', `/v1/service-requests/${id}`, { auth: owner.auth }))
      .body as unknown as ServiceRequest;
  const alertsOf = async (requestId: string) => {
    const listed = await call(app, 'GET', '/v1/alerts?type=service', { auth: owner.auth });
    expect(listed.status).toBe(200);
    return (listed.body.items as Alert[]).filter((alert) => alert.serviceRequestId === requestId);
  };
  /** Polls until `done` holds (the stream is asynchronous), up to 10 s on a loaded machine. */
  const until = async (requestId: string, done: (alerts: Alert[]) => boolean) => {
    const deadline = Date.now() + 10_000;
    let alerts = await alertsOf(requestId);
    while (!done(alerts) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      alerts = await alertsOf(requestId);
    }
    return alerts;
  };

  beforeAll(async () => {
    stream = await startReactions();
    owner = await signUpTenant(app, 'Service SLA Tenant');
    [member, technician] = await Promise.all([
      inviteUser(app, owner.auth, 'member'),
      inviteUser(app, owner.auth, 'member'),
    ]);
  });
  afterAll(async () => {
    await stream.stop();
  });

  it('answers the default policy, lets only admins change it at the version read, and names bad fields', async () => {
    const first = await call(app, 'GET', '/v1/service-requests/sla-policy', { auth: member.auth });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 0, updatedAt: null });
    expect((first.body.policy as typeof policy).hours.received.urgent).toBeGreaterThan(0);

    const byMember = await call(app, 'PUT', '/v1/service-requests/sla-policy', {
      auth: member.auth,
      body: { policy, version: 0 },
    });
    expect(byMember.status).toBe(403);
    const bad = await call(app, 'PUT', '/v1/service-requests/sla-policy', {
      auth: owner.auth,
      body: {
        policy: { hours: { ...policy.hours, planned: { ...policy.hours.planned, low: 0 } } },
        version: 0,
      },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('policy.hours.planned.low');
    expect(
      (await call(app, 'GET', '/v1/service-requests/sla-policy', { auth: owner.auth })).body,
    ).toMatchObject({
      version: 0,
    });

    const saved = await call(app, 'PUT', '/v1/service-requests/sla-policy', {
      auth: owner.auth,
      body: { policy, version: 0 },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ policy, version: 1 });
    const stale = await call(app, 'PUT', '/v1/service-requests/sla-policy', {
      auth: owner.auth,
      body: { policy, version: 0 },
    });
    expect(stale.status).toBe(409);
  });

  it('escalates a late status once per visit to the technician’s inbox, and the next status clears it (fake clock)', async () => {
    const customer = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name: 'Slow Service Co', kind: 'business', ownerId: owner.userId },
    });
    const received = await call(app, 'POST', '/v1/service-requests', {
      auth: member.auth,
      body: { customerId: customer.body.id, summary: '锅炉不点火 Boiler will not light', priority: 'high' },
    });
    expect(received.status).toBe(201);
    const request = received.body as unknown as ServiceRequest;
    // High: 2 hours to plan under the tenant's policy.
    expect(Date.parse(request.stepDueAt as string) - Date.parse(request.stepEnteredAt)).toBe(2 * HOUR);
    expect(request).toMatchObject({ overdue: false, escalations: [] });

    const planned = await call(app, 'POST', `/v1/service-requests/${request.id}/transitions`, {
      auth: member.auth,
      body: { to: 'planned', scheduledStart: '2026-03-03T09:00:00Z', scheduledEnd: '2026-03-03T11:00:00Z' },
    });
    const dispatched = await call(app, 'POST', `/v1/service-requests/${request.id}/transitions`, {
      auth: member.auth,
      body: { to: 'dispatched', assignee: { kind: 'user', userId: technician.userId } },
    });
    expect(dispatched.status, JSON.stringify(dispatched.body)).toBe(200);
    const atDispatch = dispatched.body as unknown as ServiceRequest;
    expect(Date.parse(atDispatch.stepDueAt as string) - Date.parse(atDispatch.stepEnteredAt)).toBe(6 * HOUR);
    expect(planned.status).toBe(200);

    // Before the due time nothing is raised; after it, the pass runs twice that night.
    expect((await pass(new Date(Date.now() + 5 * HOUR))).escalated).toBe(0);
    const late = new Date(Date.now() + 7 * HOUR);
    const first = await pass(late);
    const second = await pass(new Date(late.getTime() + HOUR));
    expect(first.escalated).toBe(1);
    expect(second.escalated).toBe(0);
    const escalated = await read(request.id);
    expect(escalated).toMatchObject({
      overdue: true,
      escalations: [{ step: 'dispatched', dueAt: atDispatch.stepDueAt, at: late.toISOString() }],
      version: atDispatch.version + 1,
    });
    const overdueList = await call(app, 'GET', '/v1/service-requests?overdue=true', { auth: owner.auth });
    expect((overdueList.body.items as ServiceRequest[]).map((item) => item.id)).toContain(request.id);
    const onTime = await call(app, 'GET', '/v1/service-requests?overdue=false', { auth: owner.auth });
    expect((onTime.body.items as ServiceRequest[]).map((item) => item.id)).not.toContain(request.id);

    const open = await until(request.id, (alerts) => alerts.length > 0);
    await stream.settle();
    expect(await alertsOf(request.id)).toHaveLength(1);
    expect(open[0]).toMatchObject({
      type: 'service',
      kind: 'service.escalated',
      serviceRequestId: request.id,
      status: 'open',
      assigneeId: technician.userId,
      suggestion: 'move_service_request_on',
      updatedBy: 'system:service-sla',
    });
    expect(open[0]?.reasons).toMatchObject([
      { code: 'service.overdue', figures: { status: 'dispatched', priority: 'high' } },
    ]);
    const techInbox = await call(app, 'GET', `/v1/alerts?type=service&assignee=${technician.userId}`, {
      auth: technician.auth,
    });
    expect((techInbox.body.items as Alert[]).map((alert) => alert.serviceRequestId)).toContain(request.id);

    const started = await call(app, 'POST', `/v1/service-requests/${request.id}/transitions`, {
      auth: technician.auth,
      body: { to: 'in_progress' },
    });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ overdue: false, status: 'in_progress' });
    const resolved = await until(request.id, (alerts) =>
      alerts.every((alert) => alert.status === 'resolved'),
    );
    expect(resolved).toMatchObject([{ status: 'resolved', updatedBy: 'system:service-sla' }]);
  });

  it('never escalates a closed request', async () => {
    const customer = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name: 'Cancelled Service Co', kind: 'business' },
    });
    const received = await call(app, 'POST', '/v1/service-requests', {
      auth: member.auth,
      body: { customerId: customer.body.id, summary: 'Duplicate', priority: 'urgent' },
    });
    const id = received.body.id as string;
    const cancelled = await call(app, 'POST', `/v1/service-requests/${id}/transitions`, {
      auth: owner.auth,
      body: { to: 'cancelled', reason: 'duplicate' },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ stepDueAt: null, overdue: false });
    await pass(new Date(Date.now() + 100 * HOUR));
    expect(await read(id)).toMatchObject({ status: 'cancelled', escalations: [], overdue: false });
  });
});

/**
 * Requests stored before SLAs existed (no `stepEnteredAt`, `stepDueAt`, `overdue`, `escalations`,
 * not in the open-by-due index): the nightly pass gives them a due time from when they were last
 * changed, once, and judges them the same night.
 */
describe('service requests stored before SLAs existed', () => {
  const app = createTestApp();
  const table = testTableClient();
  let owner: SignedUpTenant;
  const DAY = 24 * HOUR;

  /** Receives a request through the API, then rewrites its item raw as it was stored before SLAs. */
  const oldShape = async (summary: string, priority: string, updatedAt: string, cancelled = false) => {
    const customer = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name: `${summary} Co`, kind: 'business' },
    });
    const received = await call(app, 'POST', '/v1/service-requests', {
      auth: owner.auth,
      body: { customerId: customer.body.id, summary, priority },
    });
    expect(received.status).toBe(201);
    const id = received.body.id as string;
    if (cancelled) {
      const cancel = await call(app, 'POST', `/v1/service-requests/${id}/transitions`, {
        auth: owner.auth,
        body: { to: 'cancelled', reason: 'duplicate' },
      });
      expect(cancel.status).toBe(200);
    }
    const key = keys.serviceRequest(owner.tenantId, id);
    const stored = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: key }));
    const {
      stepEnteredAt: _entered,
      stepDueAt: _due,
      overdue: _overdue,
      escalations: _escalations,
      gsi2pk: _gsi2pk,
      gsi2sk: _gsi2sk,
      ...before
    } = stored.Item as Record<string, unknown>;
    await table.doc.send(new PutCommand({ TableName: table.tableName, Item: { ...before, updatedAt } }));
    return id;
  };
  const read = async (id: string) =>
    (await call(app, 'GET', `/v1/service-requests/${id}`, { auth: owner.auth }))
      .body as unknown as ServiceRequest;
  const pass = (at: Date) =>
    reviewServiceSlasAllTenants({
      table,
      tenantClient: sharedClientFactory(table),
      tenantIds: [owner.tenantId],
      clock: () => at,
    });

  beforeAll(async () => {
    owner = await signUpTenant(app, 'Old Service Requests Tenant');
  });

  it('gives them a due time from their last change and the policy, escalates the late ones that night, once', async () => {
    const now = new Date();
    const threeDaysAgo = new Date(now.getTime() - 3 * DAY).toISOString();
    const anHourAgo = new Date(now.getTime() - HOUR).toISOString();
    const late = await oldShape('Old urgent', 'urgent', threeDaysAgo);
    const onTime = await oldShape('Old low', 'low', anHourAgo);
    const closed = await oldShape('Old cancelled', 'urgent', threeDaysAgo, true);
    const closedBefore = await read(closed);
    // As stored before: no due time, so never overdue, and invisible to the pass's index.
    expect(await read(late)).toMatchObject({ stepDueAt: null, overdue: false, stepEnteredAt: threeDaysAgo });

    const first = await pass(now);
    expect(first).toMatchObject({ backfilled: 2, escalated: 1, failed: [] });
    // The default policy: urgent 2 hours to plan, low 48.
    const lateNow = await read(late);
    expect(lateNow).toMatchObject({
      stepEnteredAt: threeDaysAgo,
      stepDueAt: new Date(Date.parse(threeDaysAgo) + 2 * HOUR).toISOString(),
      overdue: true,
      escalations: [{ step: 'received', at: now.toISOString() }],
    });
    expect(await read(onTime)).toMatchObject({
      stepDueAt: new Date(Date.parse(anHourAgo) + 48 * HOUR).toISOString(),
      overdue: false,
      escalations: [],
    });
    expect(await read(closed)).toEqual(closedBefore);

    const again = await pass(new Date(now.getTime() + HOUR));
    expect(again).toMatchObject({ backfilled: 0, escalated: 0 });
    expect((await read(late)).version).toBe(lateNow.version);
    const state = await new ServiceRequestRepository(table, owner.tenantId).slaBackfillState();
    expect(state).toMatchObject({ done: true, resumeKey: null, backfilled: 2 });
  });

  it('goes on from where a bounded night stopped', async () => {
    const other = await signUpTenant(app, 'Many Old Requests Tenant');
    const saved = owner;
    owner = other;
    try {
      const at = new Date(Date.now() - 2 * DAY).toISOString();
      const ids = [];
      for (const summary of ['First', 'Second', 'Third']) ids.push(await oldShape(summary, 'normal', at));
      const requests = new ServiceRequestRepository(table, other.tenantId);
      const night = () =>
        backfillServiceDueTimes({
          requests,
          policy: async () => defaultServiceSlaPolicy,
          now: new Date(),
          maxReads: 1,
          pageSize: 1,
        });
      const counts: number[] = [];
      for (let nights = 0; nights < 6 && !(await requests.slaBackfillState())?.done; nights += 1) {
        counts.push(await night());
      }
      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(3);
      expect(counts.length).toBeGreaterThanOrEqual(3);
      for (const id of ids) {
        expect((await read(id)).stepDueAt).toBe(new Date(Date.parse(at) + 24 * HOUR).toISOString());
      }
      expect(await night()).toBe(0);
    } finally {
      owner = saved;
    }
  });
});
