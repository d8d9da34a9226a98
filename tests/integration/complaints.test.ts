import { reviewComplaintSlasAllTenants } from '@crm/app/complaints';
import { sharedClientFactory } from '@crm/dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { type InvitedUser, inviteUser } from '../support/invite-user.js';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { testTableClient } from '../support/test-table.js';

type Complaint = {
  id: string;
  step: string;
  version: number;
  overdue: boolean;
  outcome: string | null;
  escalations: { step: string }[];
  trail: { action: string; by: string; from: string | null; to: string }[];
  followUp: { status: string } | null;
  next?: { to: string }[];
};

/** Complaint handling (issue 14): the eight steps through the HTTP API on DynamoDB Local. */
describe('complaints', () => {
  const app = createTestApp();
  let owner: SignedUpTenant;
  let member: InvitedUser;
  let outsider: InvitedUser;
  let partner: InvitedUser;
  let departmentId: string;

  const newCustomer = async (name: string) => {
    const created = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name, kind: 'business' },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const record = async (customerId: string, extra: Record<string, unknown> = {}) => {
    const created = await call(app, 'POST', '/v1/complaints', {
      auth: owner.auth,
      body: { customerId, summary: '包裹破损 parcel arrived broken', ...extra },
    });
    expect(created.status).toBe(201);
    return created.body as unknown as Complaint;
  };
  const move = (id: string, auth: { Authorization: string }, body: Record<string, unknown>) =>
    call(app, 'POST', `/v1/complaints/${id}/transitions`, { auth, body });
  const read = async (id: string) =>
    (await call(app, 'GET', `/v1/complaints/${id}`, { auth: owner.auth })).body as unknown as Complaint;

  beforeAll(async () => {
    owner = await signUpTenant(app, 'Complaints Tenant');
    [member, outsider, partner] = await Promise.all([
      inviteUser(app, owner.auth, 'member'),
      inviteUser(app, owner.auth, 'member'),
      inviteUser(app, owner.auth, 'partner'),
    ]);
    const department = await call(app, 'POST', '/v1/complaints/departments', {
      auth: owner.auth,
      body: { name: '物流部 Logistics', memberIds: [member.userId] },
    });
    expect(department.status).toBe(201);
    departmentId = department.body.id as string;
  });

  it('walks a complaint through all eight steps, with a supervisor sending the proposal back once', async () => {
    const customerId = await newCustomer('王记粮油');
    const created = await record(customerId, { severity: 'high', category: 'delivery', channel: 'phone' });
    expect(created).toMatchObject({ step: 'recorded', version: 1 });

    const steps: [{ Authorization: string }, Record<string, unknown>, string][] = [
      [member.auth, { to: 'validated' }, 'validated'],
      [member.auth, { to: 'assigned', departmentId }, 'assigned'],
      [member.auth, { to: 'analysed', cause: 'Courier dropped the parcel' }, 'analysed'],
      [member.auth, { to: 'proposed', resolution: 'Replace it' }, 'proposed'],
      [owner.auth, { to: 'analysed', comment: 'Add a voucher' }, 'analysed'],
      [member.auth, { to: 'proposed', resolution: 'Replace it and give a voucher' }, 'proposed'],
      [owner.auth, { to: 'approved', comment: 'Go ahead' }, 'approved'],
      [
        member.auth,
        {
          to: 'carried_out',
          actions: 'Courier warned',
          customerNotified: true,
          customerFeedback: 'Satisfied',
        },
        'carried_out',
      ],
      [owner.auth, { to: 'closed', rating: 4, evaluation: 'Resolved in two days' }, 'closed'],
    ];
    for (const [auth, body, step] of steps) {
      const moved = await move(created.id, auth, body);
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      expect(moved.body.step).toBe(step);
    }

    const closed = await read(created.id);
    expect(closed).toMatchObject({ step: 'closed', outcome: 'resolved', rating: 4, version: 10 });
    expect(closed.trail.map((entry) => entry.action)).toEqual([
      'record',
      'accept',
      'assign',
      'analyse',
      'propose',
      'send_back',
      'propose',
      'approve',
      'carry_out',
      'review',
    ]);
    expect(closed.trail[1]).toMatchObject({ by: member.userId, from: 'recorded', to: 'validated' });
    expect(closed.followUp).toMatchObject({ status: 'scheduled' });
    expect(closed.next).toEqual([]);

    const timeline = await call(app, 'GET', `/v1/customers/${customerId}/interactions?type=complaint`, {
      auth: owner.auth,
    });
    expect(timeline.body.items).toEqual([
      expect.objectContaining({ id: created.id, type: 'complaint', reference: created.id }),
    ]);
    const satisfaction = await call(app, 'GET', `/v1/customers/${customerId}/satisfaction`, {
      auth: owner.auth,
    });
    expect(satisfaction.body).toMatchObject({ ratings: 1, mean: 4, lastRating: 4 });
    const open = await call(app, 'GET', `/v1/complaints?customerId=${customerId}&open=true`, {
      auth: owner.auth,
    });
    expect(open.body.items).toEqual([]);

    // The service-recovery call: its outcome once, never from a partner, never at a stale version.
    const followUp = (auth: { Authorization: string }, body: Record<string, unknown>) =>
      call(app, 'POST', `/v1/complaints/${created.id}/follow-up`, { auth, body });
    expect((await followUp(partner.auth, { outcome: 'won_back' })).status).toBe(403);
    expect((await followUp(member.auth, { outcome: 'won_back', version: closed.version - 1 })).status).toBe(
      409,
    );
    const bad = await followUp(member.auth, { outcome: 'delighted' });
    expect(bad.status).toBe(400);
    for (const [body, field] of [
      [{ outcome: 'won_back', score: 6 }, 'score'],
      [{ outcome: 'won_back', score: 4.5 }, 'score'],
      [{ outcome: 'unreachable', score: 3 }, 'score'],
    ] as const) {
      const refused = await followUp(member.auth, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect((refused.body.error as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual([
        field,
      ]);
    }
    expect((await read(created.id)).followUp).toMatchObject({ status: 'scheduled' });
    const called = await followUp(member.auth, {
      outcome: 'won_back',
      note: '又下单了 ordered again',
      score: 5,
      version: closed.version,
    });
    expect(called.status).toBe(200);
    expect(called.body).toMatchObject({
      step: 'closed',
      version: closed.version + 1,
      followUp: {
        status: 'done',
        outcome: 'won_back',
        doneBy: member.userId,
        note: '又下单了 ordered again',
        score: 5,
      },
    });
    // Service recovery's outcome joins the satisfaction figure beside the review's 4.
    const recovered = await call(app, 'GET', `/v1/customers/${customerId}/satisfaction`, {
      auth: owner.auth,
    });
    expect(recovered.body).toMatchObject({ ratings: 2, mean: 4.5, lastRating: 5 });
    expect((called.body.trail as { action: string }[]).at(-1)).toMatchObject({ action: 'follow_up' });
    expect((await followUp(member.auth, { outcome: 'still_unhappy' })).status).toBe(409);
    expect((await read(created.id)).followUp).toMatchObject({ outcome: 'won_back' });
  });

  it('answers a step that is not next with 409 and the legal next steps, and changes nothing', async () => {
    const complaint = await record(await newCustomer('Skip Co'));

    for (const to of ['closed', 'approved', 'no-such-step']) {
      const refused = await move(complaint.id, owner.auth, { to });
      expect(refused.status).toBe(409);
      expect(refused.body.allowed).toEqual(['validated', 'rejected']);
    }
    expect(await read(complaint.id)).toMatchObject({ step: 'recorded', version: 1 });
  });

  it('ends a complaint judged invalid as rejected, with its reason', async () => {
    const complaint = await record(await newCustomer('Invalid Co'));

    const rejected = await move(complaint.id, member.auth, {
      to: 'rejected',
      rejectionReason: 'Not our product',
    });

    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      step: 'rejected',
      outcome: 'rejected',
      rejectionReason: 'Not our product',
    });
  });

  it('refuses roles the step does not allow', async () => {
    const customerId = await newCustomer('Roles Co');
    const complaint = await record(customerId);
    expect((await move(complaint.id, member.auth, { to: 'validated' })).status).toBe(200);
    expect((await move(complaint.id, member.auth, { to: 'assigned', departmentId })).status).toBe(200);

    // Not in the department: the department's own steps are refused.
    expect((await move(complaint.id, outsider.auth, { to: 'analysed', cause: 'x' })).status).toBe(403);
    expect((await move(complaint.id, member.auth, { to: 'analysed', cause: 'x' })).status).toBe(200);
    expect((await move(complaint.id, member.auth, { to: 'proposed', resolution: 'y' })).status).toBe(200);
    // A member is no supervisor.
    expect((await move(complaint.id, member.auth, { to: 'approved' })).status).toBe(403);
    expect((await move(complaint.id, member.auth, { to: 'analysed', comment: 'no' })).status).toBe(403);
    // Partners see shared customers only, never complaints.
    const byPartner = await call(app, 'POST', '/v1/complaints', {
      auth: partner.auth,
      body: { customerId, summary: 'x' },
    });
    expect(byPartner.status).toBe(403);
    expect((await call(app, 'GET', '/v1/complaints', { auth: partner.auth })).status).toBe(403);
    // Departments and SLAs are admin settings.
    const department = await call(app, 'POST', '/v1/complaints/departments', {
      auth: member.auth,
      body: { name: 'Mine' },
    });
    expect(department.status).toBe(403);
    expect(await read(complaint.id)).toMatchObject({ step: 'proposed' });
  });

  it('writes nothing on bad input', async () => {
    const customerId = await newCustomer('Bad Input Co');
    const noSummary = await call(app, 'POST', '/v1/complaints', { auth: owner.auth, body: { customerId } });
    expect(noSummary.status).toBe(400);
    expect(noSummary.body.error).toMatchObject({ fields: [expect.objectContaining({ path: 'summary' })] });

    const unknownCustomer = await call(app, 'POST', '/v1/complaints', {
      auth: owner.auth,
      body: { customerId: '01JZZZZZZZZZZZZZZZZZZZZZZZ', summary: 'Who?' },
    });
    expect(unknownCustomer.status).toBe(404);
    const listed = await call(app, 'GET', '/v1/complaints?customerId=01JZZZZZZZZZZZZZZZZZZZZZZZ', {
      auth: owner.auth,
    });
    expect(listed.body.items).toEqual([]);

    const complaint = await record(customerId);
    await move(complaint.id, owner.auth, { to: 'validated' });
    const noDepartment = await move(complaint.id, owner.auth, { to: 'assigned' });
    expect(noDepartment.status).toBe(400);
    expect(noDepartment.body.error).toMatchObject({
      fields: [expect.objectContaining({ path: 'departmentId' })],
    });
    const unknownDepartment = await move(complaint.id, owner.auth, {
      to: 'assigned',
      departmentId: '01JZZZZZZZZZZZZZZZZZZZZZZZ',
    });
    expect(unknownDepartment.status).toBe(400);
    expect(await read(complaint.id)).toMatchObject({ step: 'validated', version: 2 });
    expect((await read(complaint.id)).trail).toHaveLength(2);

    const timeline = await call(app, 'GET', `/v1/customers/${customerId}/interactions`, { auth: owner.auth });
    expect(timeline.body.items).toHaveLength(1);
  });

  it('refuses a complaint about an archived customer with 409, and writes nothing', async () => {
    const customerId = await newCustomer('Archived Co');
    const archived = await call(app, 'DELETE', `/v1/customers/${customerId}`, { auth: owner.auth });
    expect(archived.status).toBeLessThan(300);

    const refused = await call(app, 'POST', '/v1/complaints', {
      auth: owner.auth,
      body: { customerId, summary: 'After archiving' },
    });
    expect(refused.status).toBe(409);
    const listed = await call(app, 'GET', `/v1/complaints?customerId=${customerId}`, { auth: owner.auth });
    expect(listed.body.items).toEqual([]);
    const timeline = await call(app, 'GET', `/v1/customers/${customerId}/interactions`, { auth: owner.auth });
    expect(timeline.body.items ?? []).toEqual([]);
  });

  it('lets one of two concurrent transitions win; the other gets 409', async () => {
    const complaint = await record(await newCustomer('Race Co'));

    const outcomes = await Promise.all([
      move(complaint.id, owner.auth, { to: 'validated' }),
      move(complaint.id, member.auth, { to: 'rejected', rejectionReason: 'dup' }),
    ]);

    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual([200, 409]);
    expect((await read(complaint.id)).version).toBe(2);
  });

  it('refuses a transition at a version that is no longer current', async () => {
    const complaint = await record(await newCustomer('Stale Co'));
    await move(complaint.id, owner.auth, { to: 'validated' });

    const stale = await move(complaint.id, owner.auth, { to: 'assigned', departmentId, version: 1 });

    expect(stale.status).toBe(409);
  });

  it('flags an overdue complaint once per step, whatever the nightly pass’s repeats (fake clock)', async () => {
    const complaint = await record(await newCustomer('Slow Co'), { severity: 'critical' });
    const table = testTableClient();
    const pass = (at: Date) =>
      reviewComplaintSlasAllTenants({
        table,
        tenantClient: sharedClientFactory(table),
        tenantIds: [owner.tenantId],
        clock: () => at,
      });

    const early = await pass(new Date(Date.now() + 60_000));
    expect(early.escalated).toBe(0);
    expect((await read(complaint.id)).overdue).toBe(false);

    // Critical: 4 hours to judge validity by the default policy.
    const late = new Date(Date.now() + 5 * 3_600_000);
    const first = await pass(late);
    const second = await pass(new Date(late.getTime() + 3_600_000));

    expect(first.escalated).toBeGreaterThanOrEqual(1);
    expect(second.escalated).toBe(0);
    const flagged = await read(complaint.id);
    expect(flagged).toMatchObject({
      overdue: true,
      escalations: [expect.objectContaining({ step: 'recorded' })],
    });
    const overdue = await call(app, 'GET', '/v1/complaints?overdue=true&limit=200', { auth: owner.auth });
    expect((overdue.body.items as Complaint[]).map((item) => item.id)).toContain(complaint.id);

    const moved = await move(complaint.id, owner.auth, { to: 'validated' });
    expect(moved.body).toMatchObject({ overdue: false, step: 'validated' });
  });

  it('pages the list and filters it by step and department', async () => {
    const customerId = await newCustomer('Many Co');
    const ids: string[] = [];
    for (let index = 0; index < 3; index += 1) ids.push((await record(customerId)).id);

    const first = await call(app, 'GET', `/v1/complaints?customerId=${customerId}&limit=2`, {
      auth: owner.auth,
    });
    const second = await call(
      app,
      'GET',
      `/v1/complaints?customerId=${customerId}&limit=2&cursor=${first.body.nextCursor as string}`,
      { auth: owner.auth },
    );
    const seen = [...(first.body.items as Complaint[]), ...(second.body.items as Complaint[])].map(
      (c) => c.id,
    );
    expect(seen.sort()).toEqual([...ids].sort());

    const badCursor = await call(app, 'GET', '/v1/complaints?cursor=bm9wZQ', { auth: owner.auth });
    expect(badCursor.status).toBe(400);

    const byStep = await call(app, 'GET', '/v1/complaints?step=carried_out&limit=200', { auth: owner.auth });
    expect((byStep.body.items as Complaint[]).every((item) => item.step === 'carried_out')).toBe(true);
    const byDepartment = await call(app, 'GET', `/v1/complaints?department=${departmentId}&limit=200`, {
      auth: owner.auth,
    });
    expect((byDepartment.body.items as Complaint[]).length).toBeGreaterThan(0);
  });

  it('keeps the SLA policy versioned and validated', async () => {
    const current = await call(app, 'GET', '/v1/complaints/sla-policy', { auth: owner.auth });
    expect(current.body.version).toBe(0);
    const policy = current.body.policy as {
      hours: Record<string, Record<string, number>>;
      followUpDays: number;
    };

    const bad = await call(app, 'PUT', '/v1/complaints/sla-policy', {
      auth: owner.auth,
      body: { policy: { ...policy, followUpDays: 0 }, version: 0 },
    });
    expect(bad.status).toBe(400);
    const saved = await call(app, 'PUT', '/v1/complaints/sla-policy', {
      auth: owner.auth,
      body: { policy: { ...policy, followUpDays: 7 }, version: 0 },
    });
    expect(saved.status).toBe(200);
    const stale = await call(app, 'PUT', '/v1/complaints/sla-policy', {
      auth: owner.auth,
      body: { policy, version: 0 },
    });
    expect(stale.status).toBe(409);
  });
});
