import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { runServicePlansAllTenants } from '@crm/app/service';
import { type CatalogEvent, toCatalogEvents } from '@crm/domain';
import { keys, sharedClientFactory } from '@crm/dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InvitedUser, inviteUser } from '../support/invite-user.js';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { startReactions } from '../support/test-stream.js';
import { testTableClient } from '../support/test-table.js';

type Visit = { id: string; start: string; end: string; technicianId: string | null; notes?: string };
type ServiceRequest = {
  id: string;
  customerId: string;
  status: string;
  version: number;
  assignee: Record<string, string> | null;
  visits: Visit[];
  planId: string | null;
  planDueOn: string | null;
  trail: {
    action: string;
    by: string;
    from: string | null;
    to: string;
    details: Record<string, string | number | boolean>;
  }[];
  followUp: { score: number } | null;
  next?: { to: string }[];
};
type Auth = { Authorization: string };

/** Service requests (issue 14): the process through the HTTP API on DynamoDB Local. */
describe('service requests', () => {
  const app = createTestApp();
  const table = testTableClient();
  let owner: SignedUpTenant;
  let desk: InvitedUser;
  let technician: InvitedUser;
  let partner: InvitedUser;
  let otherPartner: InvitedUser;

  const newCustomer = async (name: string) => {
    const created = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name, kind: 'business' },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const receive = async (customerId: string, extra: Record<string, unknown> = {}) => {
    const created = await call(app, 'POST', '/v1/service-requests', {
      auth: desk.auth,
      body: {
        customerId,
        summary: '空调不制冷 AC not cooling',
        category: 'repair',
        priority: 'high',
        ...extra,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body as unknown as ServiceRequest;
  };
  const move = (
    id: string,
    auth: Auth,
    body: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) => call(app, 'POST', `/v1/service-requests/${id}/transitions`, { auth, body, headers });
  const read = async (id: string) =>
    (await call(app, 'GET', `/v1/service-requests/${id}`, { auth: owner.auth }))
      .body as unknown as ServiceRequest;
  const plan = {
    to: 'planned',
    scheduledStart: '2026-03-03T09:00:00+08:00',
    scheduledEnd: '2026-03-03T11:00:00+08:00',
  };

  beforeAll(async () => {
    owner = await signUpTenant(app, 'Service Tenant');
    [desk, technician, partner, otherPartner] = await Promise.all([
      inviteUser(app, owner.auth, 'member'),
      inviteUser(app, owner.auth, 'member'),
      inviteUser(app, owner.auth, 'partner'),
      inviteUser(app, owner.auth, 'partner'),
    ]);
  });

  it('walks a request from received to followed up; the score reaches the customer’s satisfaction', async () => {
    const customerId = await newCustomer('王记空调 Wang AC');
    const created = await receive(customerId, {
      requestedWindow: { from: '2026-03-03T00:00:00Z', to: '2026-03-05T00:00:00Z' },
    });
    expect(created).toMatchObject({ status: 'received', version: 1, assignee: null });

    const steps: [Auth, Record<string, unknown>, string][] = [
      [desk.auth, plan, 'planned'],
      [desk.auth, { to: 'dispatched', assignee: { kind: 'user', userId: technician.userId } }, 'dispatched'],
      [technician.auth, { to: 'in_progress', note: 'On my way' }, 'in_progress'],
    ];
    for (const [auth, body, status] of steps) {
      const moved = await move(created.id, auth, body);
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      expect(moved.body.status).toBe(status);
    }
    const visit = await call(app, 'POST', `/v1/service-requests/${created.id}/visits`, {
      auth: technician.auth,
      body: { start: '2026-03-04T01:00:00Z', end: '2026-03-04T03:00:00Z', notes: 'Replaced compressor' },
    });
    expect(visit.status, JSON.stringify(visit.body)).toBe(201);
    const withVisit = visit.body as unknown as ServiceRequest;
    expect(withVisit.visits).toHaveLength(2);
    expect(withVisit.visits.every((v) => v.technicianId === technician.userId)).toBe(true);

    expect(
      (await move(created.id, technician.auth, { to: 'resolved', result: 'Cooling again' })).status,
    ).toBe(200);
    // Head office (回访): a technician cannot follow their own work up.
    expect((await move(created.id, technician.auth, { to: 'followed_up', score: 5, note: 'x' })).status).toBe(
      403,
    );
    const followed = await move(created.id, owner.auth, {
      to: 'followed_up',
      score: 4,
      note: '满意 satisfied',
      method: 'call',
    });
    expect(followed.status, JSON.stringify(followed.body)).toBe(200);

    const closed = await read(created.id);
    expect(closed).toMatchObject({ status: 'followed_up', version: 7, followUp: { score: 4 } });
    expect(closed.trail.map((entry) => entry.action)).toEqual([
      'receive',
      'plan',
      'dispatch',
      'start',
      'resolve',
      'follow_up',
    ]);
    expect(closed.trail[3]).toMatchObject({ by: technician.userId, from: 'dispatched', to: 'in_progress' });
    expect(closed.next).toEqual([]);

    const satisfaction = await call(app, 'GET', `/v1/customers/${customerId}/satisfaction`, {
      auth: owner.auth,
    });
    expect(satisfaction.body).toMatchObject({ ratings: 1, mean: 4, lastRating: 4 });
    const timeline = await call(app, 'GET', `/v1/customers/${customerId}/interactions?type=service`, {
      auth: owner.auth,
    });
    expect(timeline.body.items).toEqual([
      expect.objectContaining({ id: created.id, type: 'service', reference: created.id }),
    ]);
    const open = await call(app, 'GET', `/v1/service-requests?customerId=${customerId}&open=true`, {
      auth: owner.auth,
    });
    expect(open.body.items).toEqual([]);
  });

  it('answers a status that is not next with 409 and the legal next ones, and changes nothing', async () => {
    const request = await receive(await newCustomer('Skip Co'));
    for (const to of ['dispatched', 'followed_up', 'no-such-status']) {
      const refused = await move(request.id, owner.auth, { to });
      expect(refused.status).toBe(409);
      expect(refused.body.allowed).toEqual(['planned', 'cancelled']);
    }
    expect(await read(request.id)).toMatchObject({ status: 'received', version: 1 });
  });

  it('refuses roles the step does not allow, and keeps partners to the requests dispatched to them', async () => {
    const customerId = await newCustomer('Roles Co');
    const request = await receive(customerId);
    expect(
      (
        await call(app, 'POST', '/v1/service-requests', {
          auth: partner.auth,
          body: { customerId, summary: 'x' },
        })
      ).status,
    ).toBe(403);
    expect((await move(request.id, partner.auth, plan)).status).toBe(404);
    expect((await move(request.id, desk.auth, plan)).status).toBe(200);
    const dispatched = await move(request.id, desk.auth, {
      to: 'dispatched',
      assignee: { kind: 'partner', userId: partner.userId },
    });
    expect(dispatched.status).toBe(200);
    // Not the assignee: neither a desk member nor another partner may start it.
    expect((await move(request.id, desk.auth, { to: 'in_progress' })).status).toBe(403);
    expect(
      (await call(app, 'GET', `/v1/service-requests/${request.id}`, { auth: otherPartner.auth })).status,
    ).toBe(404);
    expect((await move(request.id, otherPartner.auth, { to: 'in_progress' })).status).toBe(404);
    const mine = await call(app, 'GET', '/v1/service-requests?limit=200', { auth: partner.auth });
    expect((mine.body.items as ServiceRequest[]).map((item) => item.id)).toEqual([request.id]);
    expect((await call(app, 'GET', '/v1/service-requests', { auth: otherPartner.auth })).body.items).toEqual(
      [],
    );
    // The partner works it: starts, records a visit, resolves.
    expect((await move(request.id, partner.auth, { to: 'in_progress' })).status).toBe(200);
    expect(
      (await move(request.id, partner.auth, { to: 'resolved', result: 'Fixed by the dealer' })).status,
    ).toBe(200);
    expect((await move(request.id, desk.auth, { to: 'followed_up', score: 3, note: 'ok' })).status).toBe(403);
    // Cancelling and plans are head office's / not partners'.
    const other = await receive(customerId);
    expect((await move(other.id, desk.auth, { to: 'cancelled', reason: 'dup' })).status).toBe(403);
    expect((await move(other.id, owner.auth, { to: 'cancelled', reason: 'dup' })).status).toBe(200);
    expect((await call(app, 'GET', '/v1/service-plans', { auth: partner.auth })).status).toBe(403);
  });

  it('writes nothing on bad input (400 field by field), for an unknown customer (404) or a bad assignee', async () => {
    const customerId = await newCustomer('Bad Input Co');
    const noSummary = await call(app, 'POST', '/v1/service-requests', {
      auth: desk.auth,
      body: { customerId },
    });
    expect(noSummary.status).toBe(400);
    expect(noSummary.body.error).toMatchObject({ fields: [expect.objectContaining({ path: 'summary' })] });
    const badWindow = await call(app, 'POST', '/v1/service-requests', {
      auth: desk.auth,
      body: {
        customerId,
        summary: 'x',
        requestedWindow: { from: '2026-03-05T00:00:00Z', to: '2026-03-04T00:00:00Z' },
      },
    });
    expect(badWindow.status).toBe(400);
    const unknown = await call(app, 'POST', '/v1/service-requests', {
      auth: desk.auth,
      body: { customerId: '01JZZZZZZZZZZZZZZZZZZZZZZZ', summary: 'Who?' },
    });
    expect(unknown.status).toBe(404);
    expect(
      (
        await call(app, 'GET', '/v1/service-requests?customerId=01JZZZZZZZZZZZZZZZZZZZZZZZ', {
          auth: owner.auth,
        })
      ).body.items,
    ).toEqual([]);

    const request = await receive(customerId);
    const noTimes = await move(request.id, desk.auth, {
      to: 'planned',
      scheduledStart: '2026-03-03T09:00:00Z',
    });
    expect(noTimes.status).toBe(400);
    expect(noTimes.body.error).toMatchObject({ fields: [expect.objectContaining({ path: 'scheduledEnd' })] });
    await move(request.id, desk.auth, plan);
    const partnerAsUser = await move(request.id, desk.auth, {
      to: 'dispatched',
      assignee: { kind: 'user', userId: partner.userId },
    });
    expect(partnerAsUser.status).toBe(400);
    expect(partnerAsUser.body.error).toMatchObject({
      fields: [expect.objectContaining({ path: 'assignee.userId' })],
    });
    const noTeam = await move(request.id, desk.auth, {
      to: 'dispatched',
      assignee: { kind: 'team', departmentId: '01JZZZZZZZZZZZZZZZZZZZZZZZ' },
    });
    expect(noTeam.status).toBe(400);
    const badKind = await move(request.id, desk.auth, { to: 'dispatched', assignee: { kind: 'robot' } });
    expect(badKind.status).toBe(400);
    expect(await read(request.id)).toMatchObject({ status: 'planned', version: 2, assignee: null });
    const timeline = await call(app, 'GET', `/v1/customers/${customerId}/interactions`, { auth: owner.auth });
    expect(timeline.body.items).toHaveLength(1);
  });

  it('guards versions: a stale If-Match is 409, a visit change without one is 428, a team works its requests', async () => {
    const department = await call(app, 'POST', '/v1/complaints/departments', {
      auth: owner.auth,
      body: { name: '售后服务部 After-sales', memberIds: [technician.userId] },
    });
    const request = await receive(await newCustomer('Versions Co'));
    const planned = (await move(request.id, desk.auth, plan)).body as unknown as ServiceRequest;
    const stale = await move(
      request.id,
      desk.auth,
      { to: 'dispatched', assignee: { kind: 'team', departmentId: department.body.id } },
      { 'If-Match': '"1"' },
    );
    expect(stale.status).toBe(409);
    const dispatched = await move(
      request.id,
      desk.auth,
      { to: 'dispatched', assignee: { kind: 'team', departmentId: department.body.id } },
      { 'If-Match': `"${planned.version}"` },
    );
    expect(dispatched.status).toBe(200);
    const visitId = (dispatched.body as unknown as ServiceRequest).visits[0]?.id as string;
    const noVersion = await call(app, 'PATCH', `/v1/service-requests/${request.id}/visits/${visitId}`, {
      auth: technician.auth,
      body: { notes: 'bring the ladder' },
    });
    expect(noVersion.status).toBe(428);
    const moved = await call(app, 'PATCH', `/v1/service-requests/${request.id}/visits/${visitId}`, {
      auth: technician.auth,
      body: { notes: 'bring the ladder', end: '2026-03-03T05:00:00Z', version: 3 },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((moved.body as unknown as ServiceRequest).visits[0]).toMatchObject({
      notes: 'bring the ladder',
      end: '2026-03-03T05:00:00.000Z',
    });
    const again = await call(app, 'PATCH', `/v1/service-requests/${request.id}/visits/${visitId}`, {
      auth: technician.auth,
      body: { notes: 'stale', version: 3 },
    });
    expect(again.status).toBe(409);
    // The team member's calendar: requests with a visit in the week, assigned to their team.
    const week = await call(
      app,
      'GET',
      `/v1/service-requests?assignee=${technician.userId}&from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z`,
      { auth: owner.auth },
    );
    expect((week.body.items as ServiceRequest[]).map((item) => item.id)).toContain(request.id);
    const mine = await call(app, 'GET', '/v1/service-requests?mine=true&status=dispatched', {
      auth: technician.auth,
    });
    expect((mine.body.items as ServiceRequest[]).map((item) => item.id)).toEqual([request.id]);
    const nextWeek = await call(
      app,
      'GET',
      `/v1/service-requests?assignee=${technician.userId}&from=2026-03-09T00:00:00Z&to=2026-03-16T00:00:00Z`,
      { auth: owner.auth },
    );
    expect((nextWeek.body.items as ServiceRequest[]).map((item) => item.id)).not.toContain(request.id);
  });

  it('moves a visit on the calendar against the version read: the trail records the move, a stale version is 409, bad times 400', async () => {
    const request = await receive(await newCustomer('Calendar Move Co'));
    const planned = (await move(request.id, desk.auth, plan)).body as unknown as ServiceRequest;
    const visit = planned.visits[0] as Visit;
    const path = `/v1/service-requests/${request.id}/visits/${visit.id}`;

    const backwards = await call(app, 'PATCH', path, {
      auth: desk.auth,
      body: { start: '2026-03-05T03:00:00Z', end: '2026-03-05T01:00:00Z' },
      headers: { 'If-Match': `"${planned.version}"` },
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error).toMatchObject({
      fields: [{ path: 'end', message: 'must end after it starts' }],
    });
    const notAnInstant = await call(app, 'PATCH', path, {
      auth: desk.auth,
      body: { start: 'thursday morning' },
      headers: { 'If-Match': `"${planned.version}"` },
    });
    expect(notAnInstant.status).toBe(400);
    expect(JSON.stringify(notAnInstant.body)).toContain('start');
    expect(await read(request.id)).toMatchObject({ version: planned.version, visits: planned.visits });

    const moved = await call(app, 'PATCH', path, {
      auth: desk.auth,
      body: { start: '2026-03-05T01:00:00Z', end: '2026-03-05T03:00:00Z' },
      headers: { 'If-Match': `"${planned.version}"` },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const after = moved.body as unknown as ServiceRequest;
    expect(after.version).toBe(planned.version + 1);
    expect(after.visits[0]).toMatchObject({
      start: '2026-03-05T01:00:00.000Z',
      end: '2026-03-05T03:00:00.000Z',
    });
    expect(after.trail.at(-1)).toMatchObject({
      action: 'move_visit',
      by: desk.userId,
      from: 'planned',
      to: 'planned',
      details: {
        visitId: visit.id,
        fromStart: visit.start,
        fromEnd: visit.end,
        start: '2026-03-05T01:00:00.000Z',
        end: '2026-03-05T03:00:00.000Z',
      },
    });

    // The calendar still held the old version: refused, and nothing moves.
    const stale = await call(app, 'PATCH', path, {
      auth: desk.auth,
      body: { start: '2026-03-06T01:00:00Z', end: '2026-03-06T03:00:00Z' },
      headers: { 'If-Match': `"${planned.version}"` },
    });
    expect(stale.status).toBe(409);
    expect(await read(request.id)).toMatchObject({ version: after.version, visits: after.visits });
    expect((await read(request.id)).trail).toHaveLength(after.trail.length);
  });

  it('generates requests from due plans in the nightly run once, serving value-class plans only while the class holds (fake clock)', async () => {
    const customerA = await newCustomer('A-class Co');
    const customerB = await newCustomer('B-class Co');
    const setClass = (customerId: string, abcClass: string) =>
      table.doc.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: keys.customer(owner.tenantId, customerId),
          UpdateExpression: 'SET scores = :scores',
          ExpressionAttributeValues: {
            ':scores': {
              abcClass,
              segment: null,
              rfm: null,
              pAlive: 1,
              expectedPurchases90d: 0,
              nextPurchaseAt: null,
            },
          },
        }),
      );
    await setClass(customerA, 'A');
    await setClass(customerB, 'B');
    const quarterly = {
      every: { count: 3, unit: 'months' },
      startsOn: '2026-01-15',
      valueClass: 'A',
      title: '季度保养 Quarterly maintenance',
    };
    const planA = await call(app, 'POST', '/v1/service-plans', {
      auth: desk.auth,
      body: { customerId: customerA, ...quarterly },
    });
    expect(planA.status, JSON.stringify(planA.body)).toBe(201);
    const planB = await call(app, 'POST', '/v1/service-plans', {
      auth: desk.auth,
      body: { customerId: customerB, ...quarterly },
    });
    expect(planB.body).toMatchObject({ nextDueOn: '2026-01-15', occurrences: 0 });
    const badPlan = await call(app, 'POST', '/v1/service-plans', {
      auth: desk.auth,
      body: { customerId: customerA, ...quarterly, every: { count: 0, unit: 'years' } },
    });
    expect(badPlan.status).toBe(400);

    const run = (day: string) =>
      runServicePlansAllTenants({
        table,
        tenantClient: sharedClientFactory(table),
        tenantIds: [owner.tenantId],
        clock: () => new Date(`${day}T02:00:00Z`),
      });
    expect((await run('2026-01-14')).generated).toBe(0);
    const first = await run('2026-01-16');
    expect(first).toMatchObject({ generated: 1, skipped: 1 });
    expect((await run('2026-01-16')).generated).toBe(0);

    const generated = await call(app, 'GET', `/v1/service-requests?customerId=${customerA}`, {
      auth: owner.auth,
    });
    expect(generated.body.items).toEqual([
      expect.objectContaining({
        status: 'received',
        planId: planA.body.id,
        planDueOn: '2026-01-15',
        summary: quarterly.title,
      }),
    ]);
    expect(
      (await call(app, 'GET', `/v1/service-requests?customerId=${customerB}`, { auth: owner.auth })).body
        .items,
    ).toEqual([]);
    const advanced = await call(app, 'GET', `/v1/service-plans/${planA.body.id}`, { auth: owner.auth });
    expect(advanced.body).toMatchObject({ occurrences: 1, nextDueOn: '2026-04-15', version: 2 });

    // Paused plans generate nothing; the pause needs the version read.
    expect(
      (
        await call(app, 'PATCH', `/v1/service-plans/${planA.body.id}`, {
          auth: desk.auth,
          body: { active: false },
        })
      ).status,
    ).toBe(428);
    const paused = await call(app, 'PATCH', `/v1/service-plans/${planA.body.id}`, {
      auth: desk.auth,
      body: { active: false },
      headers: { 'If-Match': '"2"' },
    });
    expect(paused.status, JSON.stringify(paused.body)).toBe(200);
    expect((await run('2026-04-16')).generated).toBe(0);
    expect(
      (await call(app, 'DELETE', `/v1/service-plans/${planB.body.id}`, { auth: desk.auth })).status,
    ).toBe(204);
    expect((await call(app, 'GET', `/v1/service-plans/${planB.body.id}`, { auth: desk.auth })).status).toBe(
      404,
    );
  });

  it('lets one of two concurrent transitions win; the other gets 409', async () => {
    const request = await receive(await newCustomer('Race Co'));
    // Both clients saw the same version: whichever lands second is stale, however they interleave
    // (without it, a second request that reads after the first commits may legally cancel).
    const seen = { 'If-Match': String(request.version) };
    const outcomes = await Promise.all([
      move(request.id, owner.auth, plan, seen),
      move(request.id, owner.auth, { to: 'cancelled', reason: 'dup' }, seen),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual([200, 409]);
    expect((await read(request.id)).version).toBe(2);
  });

  describe('for an archived customer', () => {
    const events: CatalogEvent[] = [];
    let stream: Awaited<ReturnType<typeof startReactions>>;

    beforeAll(async () => {
      stream = await startReactions([
        {
          name: 'service-requests-test-events',
          entityTypes: ['serviceRequest', 'interaction'],
          handle: async (change) => {
            if (change.tenantId === owner.tenantId) events.push(...toCatalogEvents(change));
          },
        },
      ]);
    });
    afterAll(async () => {
      await stream.stop();
    });

    it('refuses the request with 409 and writes nothing: no request, no timeline entry, no event', async () => {
      // The same request for a customer still in the book is received and seen on the stream.
      const live = await receive(await newCustomer('Live Co'));
      const customerId = await newCustomer('Archived Co');
      const archived = await call(app, 'DELETE', `/v1/customers/${customerId}`, { auth: owner.auth });
      expect(archived.status).toBeLessThan(300);

      const refused = await call(app, 'POST', '/v1/service-requests', {
        auth: desk.auth,
        body: { customerId, summary: 'After archiving', category: 'repair', priority: 'high' },
      });
      await stream.settle();

      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'invalid_state' });
      const listed = await call(app, 'GET', `/v1/service-requests?customerId=${customerId}`, {
        auth: owner.auth,
      });
      expect(listed.body.items).toEqual([]);
      const timeline = await call(app, 'GET', `/v1/customers/${customerId}/interactions`, {
        auth: owner.auth,
      });
      expect(timeline.body.items ?? []).toEqual([]);
      expect(events.filter((event) => event.entityId === live.id).map((event) => event.type)).toContain(
        'service.requested',
      );
      expect(events.filter((event) => JSON.stringify(event.data).includes(customerId))).toEqual([]);
    });
  });
});
