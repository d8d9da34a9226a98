import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tasksReaction } from '@crm/app/reactions';
import { createCareTasksAllTenants } from '@crm/app/tasks';
import { addDays, type EntityChange } from '@crm/domain';
import { keys, sharedClientFactory } from '@crm/dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  type SignedUpTenant,
  signUpTenant,
  TEST_PASSWORD,
  uniqueEmail,
} from '../support/test-app.js';
import { startReactions } from '../support/test-stream.js';
import { testTableClient } from '../support/test-table.js';

type Task = {
  id: string;
  kind: string;
  customerId: string;
  status: string;
  dueOn: string;
  ref: string | null;
  details: Record<string, unknown>;
  assigneeId: string | null;
  snoozedUntil: string | null;
  completedAt: string | null;
  completedBy: string | null;
  note: string | null;
  updatedBy: string;
  version: number;
};

const DAY_MS = 86_400_000;

/** Care reminders (issue 11): the nightly pass and the stream on DynamoDB Local, the routes on top. */
describe('care reminders as tasks', () => {
  const app = createTestApp();
  const table = testTableClient();
  let owner: SignedUpTenant;
  let currency: string;
  let stream: Awaited<ReturnType<typeof startReactions>>;
  let member: { auth: { Authorization: string }; userId: string };

  const newCustomer = async (name: string, extra: Record<string, unknown> = {}) => {
    const created = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name, kind: 'business', ownerId: owner.userId, ...extra },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const tasksOf = async (customerId: string, query = '') => {
    const listed = await call(app, 'GET', `/v1/tasks?customerId=${customerId}${query}`, { auth: owner.auth });
    expect(listed.status).toBe(200);
    return listed.body.items as Task[];
  };
  const invite = async (role: 'member' | 'partner') => {
    const email = uniqueEmail(role);
    await call(app, 'POST', '/v1/users/invitations', { auth: owner.auth, body: { email, role } });
    const outbox = await call(app, 'GET', '/v1/dev/outbox', { auth: owner.auth });
    const mail = (outbox.body.items as { to: string; text: string }[]).find((item) => item.to === email);
    const token = /token: (\S+)/.exec(mail?.text ?? '')?.[1];
    const accepted = await call(app, 'POST', '/v1/auth/accept-invitation', {
      body: { token, password: TEST_PASSWORD },
    });
    expect(accepted.status).toBe(200);
    return {
      auth: { Authorization: `Bearer ${accepted.body.accessToken as string}` },
      userId: (accepted.body.user as { id: string }).id,
    };
  };

  beforeAll(async () => {
    stream = await startReactions();
    owner = await signUpTenant(app, 'Tasks Tenant');
    const tenant = await call(app, 'GET', '/v1/tenant', { auth: owner.auth });
    currency = (tenant.body.settings as { defaultCurrency: string }).defaultCurrency;
    member = await invite('member');
  });
  afterAll(async () => {
    await stream.stop();
  });

  it('creates the re-order and birthday reminders nightly for the owner, and a second run creates nothing', async () => {
    const now = Date.now();
    // The fake night: three days (the default lead) before the expected re-order.
    const night = new Date(now + 20 * DAY_MS);
    const expectedOn = addDays(night.toISOString(), 3);
    const birthday = `1985-${addDays(night.toISOString(), 2).slice(5)}`;
    const customerId = await newCustomer('王记粮油', { birthday });
    const ownerless = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name: 'Nobody’s Customer', kind: 'consumer', birthday },
    });
    expect(ownerless.status).toBe(201);
    const order = await call(app, 'POST', `/v1/customers/${customerId}/interactions`, {
      auth: owner.auth,
      body: { type: 'order', amount: 8_000, currency, occurredAt: new Date(now).toISOString() },
    });
    expect(order.status).toBe(201);
    await stream.settle();
    // What a refit writes: the median date of the next purchase.
    await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.customer(owner.tenantId, customerId),
        UpdateExpression: 'SET scores = :scores',
        ExpressionAttributeValues: {
          ':scores': {
            segment: null,
            rfm: null,
            abcClass: 'B',
            pAlive: 0.8,
            expectedPurchases90d: 2,
            nextPurchaseAt: expectedOn,
            clv: 50_000,
            expectedSpend: 8_000,
            valueIndex: null,
            lifecycleSuggestion: { stage: 'new', name: 'New', rule: 'test' },
            inputs: {
              x: 1,
              tx: 1,
              T: 2,
              firstOrderOn: '2026-01-01',
              lastOrderOn: '2026-01-01',
              totalAmount: 8_000,
              spendCount: 1,
              meanSpend: 8_000,
            },
            scoredAt: new Date(now).toISOString(),
            modelFittedAt: new Date(now).toISOString(),
            fitId: 'test-fit',
          },
        },
      }),
    );
    const pass = () =>
      createCareTasksAllTenants({
        table,
        tenantClient: sharedClientFactory(table),
        clock: () => night,
        tenantIds: [owner.tenantId],
      });

    const first = await pass();
    expect(first).toMatchObject({ tenants: 1, failed: [] });
    expect(first.created).toBeGreaterThanOrEqual(2);
    const tasks = await tasksOf(customerId);
    expect(tasks.map((task) => task.kind).sort()).toEqual(['birthday', 'reorder']);
    const reorder = tasks.find((task) => task.kind === 'reorder');
    expect(reorder).toMatchObject({
      status: 'open',
      dueOn: expectedOn,
      assigneeId: owner.userId,
      updatedBy: 'system:tasks',
      version: 1,
      details: { expectedOn, daysUntil: 3 },
    });

    const second = await pass();
    expect(second).toMatchObject({ created: 0, failed: [] });
    expect(await tasksOf(customerId)).toHaveLength(2);
    // A customer without an owner: the team's task.
    const team = await call(app, 'GET', '/v1/tasks?assignee=none&kind=birthday', { auth: owner.auth });
    expect(team.body.items).toEqual([
      expect.objectContaining({ customerId: ownerless.body.id, assigneeId: null, kind: 'birthday' }),
    ]);
    const mine = await call(app, 'GET', `/v1/tasks?mine=true&kind=reorder&status=open`, { auth: owner.auth });
    expect((mine.body.items as Task[]).map((task) => task.id)).toContain(reorder?.id);
  });

  it('greets a contact on their birthday from the index, once, and follows a changed or cleared birthday', async () => {
    const night = new Date(Date.now() + 40 * DAY_MS);
    const soon = `1979-${addDays(night.toISOString(), 1).slice(5)}`;
    const later = `1979-${addDays(night.toISOString(), 20).slice(5)}`;
    const customerId = await newCustomer('Li Trading 李氏贸易');
    const contact = async (name: string, birthday: string) => {
      const created = await call(app, 'POST', `/v1/customers/${customerId}/contacts`, {
        auth: owner.auth,
        body: { name, birthday },
      });
      expect(created.status).toBe(201);
      return created.body as { id: string; version: number };
    };
    const li = await contact('Li Wei 李伟', soon);
    const zhang = await contact('Zhang Min 张敏', later);
    const cleared = await contact('Wu Fang 吴芳', soon);
    const moved = await contact('Zhou Jie 周杰', later);
    expect(
      (
        await call(app, 'PATCH', `/v1/customers/${customerId}/contacts/${cleared.id}`, {
          auth: owner.auth,
          body: { birthday: null, version: cleared.version },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(app, 'PATCH', `/v1/customers/${customerId}/contacts/${moved.id}`, {
          auth: owner.auth,
          body: { birthday: soon, version: moved.version },
        })
      ).status,
    ).toBe(200);
    const badDate = await call(app, 'POST', `/v1/customers/${customerId}/contacts`, {
      auth: owner.auth,
      body: { name: 'Nobody', birthday: '31/12/1980' },
    });
    expect(badDate.status).toBe(400);

    const pass = () =>
      createCareTasksAllTenants({
        table,
        tenantClient: sharedClientFactory(table),
        clock: () => night,
        tenantIds: [owner.tenantId],
      });
    await pass();
    const greetings = (await tasksOf(customerId)).filter((task) => task.kind === 'birthday');
    expect(greetings.map((task) => task.ref).sort()).toEqual(
      [`contact:${li.id}`, `contact:${moved.id}`].sort(),
    );
    expect(greetings.find((task) => task.ref === `contact:${li.id}`)).toMatchObject({
      assigneeId: owner.userId,
      details: { contactName: 'Li Wei 李伟', date: soon },
    });
    expect(greetings.some((task) => task.ref === `contact:${zhang.id}`)).toBe(false);
    await pass();
    expect((await tasksOf(customerId)).filter((task) => task.kind === 'birthday')).toHaveLength(2);
  });

  it('opens a 催付 task when a receivable falls overdue, once however often the record arrives', async () => {
    const customerId = await newCustomer('Late Payer Ltd');
    const dueDate = addDays(new Date().toISOString(), -45);
    const invoice = await call(app, 'POST', `/v1/customers/${customerId}/interactions`, {
      auth: owner.auth,
      body: {
        type: 'invoice',
        amount: 30_000,
        currency,
        dueDate,
        occurredAt: new Date(Date.now() - 75 * DAY_MS).toISOString(),
      },
    });
    expect(invoice.status).toBe(201);
    const deadline = Date.now() + 10_000;
    let tasks = await tasksOf(customerId);
    while (tasks.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      tasks = await tasksOf(customerId);
    }
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      kind: 'collect_payment',
      ref: invoice.body.id,
      assigneeId: owner.userId,
      details: { receivableId: invoice.body.id, amount: 30_000, open: 30_000, dueDate },
    });
    // The marking record again, twice (a redelivery, a replayed batch): still one task.
    await stream.settle();
    const receivables = await call(app, 'GET', `/v1/customers/${customerId}/credit/receivables`, {
      auth: owner.auth,
    });
    const marked = (receivables.body.items as { id: string; overdueAt?: string }[]).find(
      (receivable) => receivable.id === invoice.body.id,
    );
    expect(marked?.overdueAt).toBeDefined();
    const { overdueAt: _, ...unmarked } = marked as { overdueAt?: string };
    const replay: EntityChange = {
      eventId: 'replayed-overdue-mark',
      sequenceNumber: '1',
      tenantId: owner.tenantId,
      entityType: 'receivable',
      kind: 'updated',
      occurredAt: new Date().toISOString(),
      before: { ...unmarked, customerId },
      after: { ...marked, customerId },
    };
    const reaction = tasksReaction({ table });
    await reaction.handle(replay);
    await reaction.handle(replay);
    expect(await tasksOf(customerId)).toHaveLength(1);
  });

  it('completes, snoozes and reassigns with who and when, refusing a stale version and a member who does not hold the task', async () => {
    const customerId = await newCustomer('Care Actions Co', {
      birthday: `1990-${addDays(new Date().toISOString(), 1).slice(5)}`,
    });
    await createCareTasksAllTenants({
      table,
      tenantClient: sharedClientFactory(table),
      tenantIds: [owner.tenantId],
    });
    const [task] = await tasksOf(customerId, '&kind=birthday');
    expect(task).toMatchObject({ status: 'open', version: 1 });
    const path = `/v1/tasks/${task?.id}`;
    expect((await call(app, 'GET', path, { auth: owner.auth })).body).toMatchObject({ id: task?.id });

    expect((await call(app, 'POST', `${path}/complete`, { auth: owner.auth, body: {} })).status).toBe(428);
    const until = new Date(Date.now() + 2 * DAY_MS).toISOString();
    const snoozed = await call(app, 'POST', `${path}/snooze`, {
      auth: owner.auth,
      body: { until, version: 1 },
    });
    expect(snoozed.status).toBe(200);
    expect(snoozed.body).toMatchObject({
      status: 'snoozed',
      snoozedUntil: until,
      version: 2,
      updatedBy: owner.userId,
    });
    const stale = await call(app, 'POST', `${path}/complete`, { auth: owner.auth, body: { version: 1 } });
    expect(stale.status).toBe(409);
    expect((stale.body.error as { code: string }).code).toBe('version_conflict');

    const refused = await call(app, 'POST', `${path}/reassign`, {
      auth: member.auth,
      body: { assigneeId: member.userId, version: 2 },
    });
    expect(refused.status).toBe(403);
    const given = await call(app, 'POST', `${path}/reassign`, {
      auth: owner.auth,
      headers: { 'If-Match': '"2"' },
      body: { assigneeId: member.userId },
    });
    expect(given.status).toBe(200);
    expect(given.body).toMatchObject({ assigneeId: member.userId, version: 3 });
    const theirs = await call(app, 'GET', '/v1/tasks?mine=true', { auth: member.auth });
    expect((theirs.body.items as Task[]).map((item) => item.id)).toEqual([task?.id]);

    const done = await call(app, 'POST', `${path}/complete`, {
      auth: member.auth,
      body: { version: 3, note: '已送上生日祝福' },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'done',
      completedBy: member.userId,
      note: '已送上生日祝福',
      snoozedUntil: null,
      version: 4,
    });
    expect(typeof done.body.completedAt).toBe('string');
    const again = await call(app, 'POST', `${path}/complete`, { auth: owner.auth, body: { version: 4 } });
    expect(again.status).toBe(409);

    const partner = await invite('partner');
    expect((await call(app, 'GET', '/v1/tasks', { auth: partner.auth })).status).toBe(403);
  });

  it('lets a person write down a follow-up for themselves or a colleague, with field errors for bad input', async () => {
    const customerId = await newCustomer('回访 Follow-up Co');
    const mine = await call(app, 'POST', '/v1/tasks', {
      auth: member.auth,
      body: { customerId, title: 'Call back about the rice order', dueOn: '2026-12-04' },
    });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({
      kind: 'follow_up',
      customerId,
      customerName: '回访 Follow-up Co',
      status: 'open',
      dueOn: '2026-12-04',
      assigneeId: member.userId,
      details: { title: 'Call back about the rice order' },
      createdBy: member.userId,
      version: 1,
    });
    const listed = await call(app, 'GET', '/v1/tasks?mine=true', { auth: member.auth });
    expect((listed.body.items as Task[]).map((task) => task.id)).toContain(mine.body.id);

    const forOwner = await call(app, 'POST', '/v1/tasks', {
      auth: member.auth,
      body: { customerId, title: 'Approve the discount', dueOn: '2026-12-05', assigneeId: owner.userId },
    });
    expect(forOwner.status).toBe(201);
    expect(forOwner.body.assigneeId).toBe(owner.userId);
    const done = await call(app, 'POST', `/v1/tasks/${forOwner.body.id as string}/complete`, {
      auth: owner.auth,
      body: { version: 1, note: 'approved' },
    });
    expect(done.status).toBe(200);

    const bad = await call(app, 'POST', '/v1/tasks', {
      auth: member.auth,
      body: { customerId, title: ' ', dueOn: '4 December', kind: 'reorder' },
    });
    expect(bad.status).toBe(400);
    const paths = (bad.body.error as { fields: { path: string }[] }).fields.map((field) => field.path);
    expect(paths).toEqual(expect.arrayContaining(['dueOn', 'title']));
    const unknownCustomer = await call(app, 'POST', '/v1/tasks', {
      auth: member.auth,
      body: { customerId: '01J00000000000000000000000', title: 'x', dueOn: '2026-12-04' },
    });
    expect(unknownCustomer.status).toBe(404);

    const archived = await newCustomer('Put Away Ltd');
    expect((await call(app, 'DELETE', `/v1/customers/${archived}`, { auth: owner.auth })).status).toBe(200);
    const onArchived = await call(app, 'POST', '/v1/tasks', {
      auth: member.auth,
      body: { customerId: archived, title: 'x', dueOn: '2026-12-04' },
    });
    expect(onArchived.status).toBe(409);
    expect(await tasksOf(archived)).toEqual([]);
  });

  it('keeps the policy versioned and admin-only, and pages with a cursor it issued', async () => {
    const read = await call(app, 'GET', '/v1/tasks/policy', { auth: owner.auth });
    expect(read.body).toMatchObject({ version: 0, policy: { reorderLeadDays: 3 } });
    const policy = { ...(read.body.policy as Record<string, unknown>), reorderLeadDays: 5 };
    const saved = await call(app, 'PUT', '/v1/tasks/policy', {
      auth: owner.auth,
      body: { policy, version: 0 },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, policy: { reorderLeadDays: 5 } });
    const stale = await call(app, 'PUT', '/v1/tasks/policy', {
      auth: owner.auth,
      body: { policy, version: 0 },
    });
    expect(stale.status).toBe(409);
    const bad = await call(app, 'PUT', '/v1/tasks/policy', {
      auth: owner.auth,
      body: { policy: { ...policy, reorderLeadDays: -1 }, version: 1 },
    });
    expect(bad.status).toBe(400);
    const byMember = await call(app, 'PUT', '/v1/tasks/policy', {
      auth: member.auth,
      body: { policy, version: 1 },
    });
    expect(byMember.status).toBe(403);

    const first = await call(app, 'GET', '/v1/tasks?limit=1', { auth: owner.auth });
    expect(first.status).toBe(200);
    expect(typeof first.body.nextCursor).toBe('string');
    const next = await call(app, 'GET', `/v1/tasks?limit=1&cursor=${first.body.nextCursor as string}`, {
      auth: owner.auth,
    });
    expect((next.body.items as Task[])[0]?.id).not.toBe((first.body.items as Task[])[0]?.id);
    expect((await call(app, 'GET', '/v1/tasks?cursor=bogus', { auth: owner.auth })).status).toBe(400);
    expect((await call(app, 'GET', '/v1/tasks?kind=nope', { auth: owner.auth })).status).toBe(400);
  });
});
