import { reviewCreditAllTenants } from '@crm/app/credit';
import { creditReaction } from '@crm/app/reactions';
import type { EntityChange } from '@crm/domain';
import { CreditRepository, keys, sharedClientFactory, TenantTable } from '@crm/dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { startReactions } from '../support/test-stream.js';
import { testTableClient } from '../support/test-table.js';

const addDaysToToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

type CreditFile = {
  status: string;
  evaluatedAt: string;
  limit: number;
  exposure: number;
  overdue: number;
  version: number;
  reasons: { code: string }[];
};

/** Credit control driven by the stream (issue 11): the real reactions on DynamoDB Local's stream. */
describe('credit control', () => {
  const app = createTestApp();
  let owner: SignedUpTenant;
  let currency: string;
  let stream: Awaited<ReturnType<typeof startReactions>>;

  const newCustomer = async (name: string) => {
    const created = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name, kind: 'business' },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const credit = async (customerId: string) =>
    (await call(app, 'GET', `/v1/customers/${customerId}/credit`, { auth: owner.auth })).body as CreditFile;
  /** Polls the file until `done` holds (the stream is asynchronous), up to 10 s on a loaded machine. */
  const until = async (customerId: string, done: (file: CreditFile) => boolean) => {
    const deadline = Date.now() + 10_000;
    let file = await credit(customerId);
    while (!done(file) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      file = await credit(customerId);
    }
    return file;
  };
  const add = (customerId: string, body: Record<string, unknown>) =>
    call(app, 'POST', `/v1/customers/${customerId}/interactions`, {
      auth: owner.auth,
      body: { currency, occurredAt: new Date().toISOString(), ...body },
    });

  beforeAll(async () => {
    stream = await startReactions();
    owner = await signUpTenant(app, 'Credit Tenant');
    const tenant = await call(app, 'GET', '/v1/tenant', { auth: owner.auth });
    currency = (tenant.body.settings as { defaultCurrency: string }).defaultCurrency;
  });
  afterAll(async () => {
    await stream.stop();
  });

  it('answers a file for a customer never evaluated, with the default policy’s grade and limit', async () => {
    const customerId = await newCustomer('Fresh Co');
    const file = await credit(customerId);
    expect(file).toMatchObject({ status: 'ok', exposure: 0, overdue: 0, reasons: [] });
    expect(typeof (file as unknown as { grade: string }).grade).toBe('string');
  });

  it('holds a customer whose order takes exposure over the limit, marks the order, and releases on payment', async () => {
    const customerId = await newCustomer('Big Buyer Ltd');
    const limited = await call(app, 'PUT', `/v1/customers/${customerId}/credit/limit`, {
      auth: owner.auth,
      body: { limit: 100_000, reason: 'new account' },
    });
    expect(limited.status).toBe(200);
    expect(limited.body).toMatchObject({ limit: 100_000, limitSource: 'override' });

    const order = await add(customerId, { type: 'order', amount: 150_000 });
    expect(order.status).toBe(201);
    const held = await until(customerId, (file) => file.status === 'hold');
    expect(held).toMatchObject({ status: 'hold', exposure: 150_000, limit: 100_000 });
    expect(held.reasons.map((reason) => reason.code)).toContain('over_limit');

    await stream.settle();
    const timeline = await call(app, 'GET', `/v1/customers/${customerId}/interactions`, { auth: owner.auth });
    const storedOrder = (timeline.body.items as { id: string; creditHold?: unknown }[]).find(
      (item) => item.id === order.body.id,
    );
    expect(storedOrder?.creditHold).toMatchObject({ reasons: [{ code: 'over_limit' }] });

    const holds = await call(app, 'GET', '/v1/credit/holds', { auth: owner.auth });
    expect((holds.body.items as { customerId: string }[]).map((file) => file.customerId)).toContain(
      customerId,
    );

    const paid = await add(customerId, { type: 'payment', amount: 100_000 });
    expect(paid.status).toBe(201);
    const released = await until(customerId, (file) => file.status !== 'hold');
    expect(released).toMatchObject({ status: 'ok', exposure: 50_000 });

    const decisions = await call(app, 'GET', `/v1/customers/${customerId}/credit/decisions`, {
      auth: owner.auth,
    });
    const kinds = (decisions.body.items as { kind: string }[]).map((decision) => decision.kind);
    expect(kinds).toEqual(expect.arrayContaining(['limit_set', 'hold_placed', 'hold_released']));
    const afterRelease = await call(app, 'GET', '/v1/credit/holds', { auth: owner.auth });
    expect(
      (afterRelease.body.items as { customerId: string }[]).map((file) => file.customerId),
    ).not.toContain(customerId);
  });

  it('changes nothing when the same records are delivered again', async () => {
    const customerId = await newCustomer('Replay Co');
    const order = await add(customerId, { type: 'order', amount: 20_000 });
    const payment = await add(customerId, { type: 'payment', amount: 5_000 });
    const settled = await until(customerId, (file) => file.exposure === 15_000);
    expect(settled.exposure).toBe(15_000);
    await stream.settle();
    const before = await credit(customerId);

    const reaction = creditReaction({ table: testTableClient() });
    for (const [index, body] of [order.body, payment.body, payment.body].entries()) {
      const change: EntityChange = {
        eventId: `replay-${index}`,
        sequenceNumber: String(index),
        tenantId: owner.tenantId,
        entityType: 'interaction',
        kind: 'created',
        occurredAt: new Date().toISOString(),
        after: body,
      };
      await reaction.handle(change);
      await reaction.handle(change);
    }
    const after = await credit(customerId);
    expect(after.exposure).toBe(15_000);
    expect(after.version).toBe(before.version);
  });

  it('keeps a payment made in advance and spends it on the next orders', async () => {
    const customerId = await newCustomer('Prepaid Co');
    expect((await add(customerId, { type: 'payment', amount: 5_000 })).status).toBe(201);
    const prepaid = await until(
      customerId,
      (file) => (file as unknown as { unapplied: number }).unapplied === 5_000,
    );
    expect(prepaid).toMatchObject({ exposure: 0, unapplied: 5_000 });

    expect((await add(customerId, { type: 'order', amount: 3_000 })).status).toBe(201);
    const spent = await until(
      customerId,
      (file) => (file as unknown as { unapplied: number }).unapplied === 2_000,
    );
    expect(spent).toMatchObject({ exposure: 0, unapplied: 2_000 });

    expect((await add(customerId, { type: 'order', amount: 4_000 })).status).toBe(201);
    const owing = await until(customerId, (file) => file.exposure === 2_000);
    expect(owing).toMatchObject({ exposure: 2_000, unapplied: 0 });
  });

  it('answers the credit check without writing anything', async () => {
    const customerId = await newCustomer('Check Co');
    await call(app, 'PUT', `/v1/customers/${customerId}/credit/limit`, {
      auth: owner.auth,
      body: { limit: 50_000, reason: 'trial' },
    });
    const pass = await call(app, 'POST', '/v1/credit/check', {
      auth: owner.auth,
      body: { customerId, amount: 30_000 },
    });
    expect(pass.body).toMatchObject({ pass: true, limit: 50_000, exposureAfter: 30_000 });
    const fail = await call(app, 'POST', '/v1/credit/check', {
      auth: owner.auth,
      body: { customerId, amount: 60_000 },
    });
    expect(fail.body).toMatchObject({ pass: false, status: 'hold', reasons: [{ code: 'over_limit' }] });
    expect((await credit(customerId)).exposure).toBe(0);

    const other = await signUpTenant(app, 'Other Tenant');
    const crossed = await call(app, 'POST', '/v1/credit/check', {
      auth: other.auth,
      body: { customerId, amount: 1 },
    });
    expect(crossed.status).toBe(404);
    const bad = await call(app, 'POST', '/v1/credit/check', {
      auth: owner.auth,
      body: { customerId, amount: -1 },
    });
    expect(bad.status).toBe(400);
  });

  it('keeps a cleared hold until an admin releases it when the policy asks for approval', async () => {
    const policy = (await call(app, 'GET', '/v1/credit/policy', { auth: owner.auth })).body as {
      policy: Record<string, unknown>;
      version: number;
    };
    const changed = await call(app, 'PUT', '/v1/credit/policy', {
      auth: owner.auth,
      body: { policy: { ...policy.policy, releaseNeedsApproval: true }, version: policy.version },
    });
    expect(changed.status).toBe(200);
    const stale = await call(app, 'PUT', '/v1/credit/policy', {
      auth: owner.auth,
      body: { policy: policy.policy, version: policy.version },
    });
    expect(stale.status).toBe(409);

    const customerId = await newCustomer('Approval Co');
    await call(app, 'PUT', `/v1/customers/${customerId}/credit/limit`, {
      auth: owner.auth,
      body: { limit: 10_000, reason: 'small' },
    });
    const early = await call(app, 'POST', `/v1/customers/${customerId}/credit/release`, {
      auth: owner.auth,
      body: {},
    });
    expect(early.status).toBe(409);
    await add(customerId, { type: 'order', amount: 20_000 });
    await until(customerId, (file) => file.status === 'hold');
    await add(customerId, { type: 'payment', amount: 20_000 });
    const pending = await until(
      customerId,
      (file) => (file as unknown as { releasePending: boolean }).releasePending === true,
    );
    expect(pending).toMatchObject({ status: 'hold', releasePending: true, exposure: 0 });

    const released = await call(app, 'POST', `/v1/customers/${customerId}/credit/release`, {
      auth: owner.auth,
      body: { note: 'paid in full' },
    });
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ status: 'ok', releasePending: false });
  });

  it('holds in the nightly pass a customer whose invoice time alone has made overdue, and twice changes nothing', async () => {
    const customerId = await newCustomer('Slow Payer');
    await call(app, 'PUT', `/v1/customers/${customerId}/credit/limit`, {
      auth: owner.auth,
      body: { limit: 1_000_000, reason: 'established' },
    });
    const invoice = await add(customerId, { type: 'invoice', amount: 40_000, dueDate: addDaysToToday(5) });
    expect(invoice.status).toBe(201);
    const owing = await until(customerId, (file) => file.exposure === 40_000);
    expect(owing.status).toBe('ok');
    await stream.settle();

    const table = testTableClient();
    const inFiftyDays = () => new Date(Date.now() + 50 * 86_400_000);
    const review = () =>
      reviewCreditAllTenants({
        table,
        tenantClient: sharedClientFactory(table),
        clock: inFiftyDays,
        tenantIds: [owner.tenantId],
      });
    // Other customers of this tenant owe too; each is reviewed once, in the first pass only changed.
    const first = await review();
    expect(first).toMatchObject({ tenants: 1, failed: [] });
    expect(first.changed).toBeGreaterThanOrEqual(1);
    const held = await credit(customerId);
    expect(held).toMatchObject({ status: 'hold', overdue: 40_000 });
    expect(held.reasons.map((reason) => reason.code)).toContain('days_overdue');

    // The receivable is marked overdue once (the stream announces invoice.overdue from the mark).
    const receivables = async () =>
      (await call(app, 'GET', `/v1/customers/${customerId}/credit/receivables`, { auth: owner.auth })).body
        .items as { id: string; overdueAt?: string }[];
    const marked = (await receivables()).find((receivable) => receivable.id === invoice.body.id);
    expect(marked?.overdueAt).toBe(held.evaluatedAt);

    const second = await review();
    expect(second).toMatchObject({ customers: first.customers, changed: 0 });
    expect((await credit(customerId)).version).toBe(held.version);
    expect((await receivables()).find((receivable) => receivable.id === invoice.body.id)?.overdueAt).toBe(
      marked?.overdueAt,
    );
  });

  it('derives the receivables summary once for a file from before it, and the nightly pass repairs one that drifted', async () => {
    const customerId = await newCustomer('Old Books Co');
    await call(app, 'PUT', `/v1/customers/${customerId}/credit/limit`, {
      auth: owner.auth,
      body: { limit: 10_000_000, reason: 'established' },
    });
    expect((await add(customerId, { type: 'order', amount: 1_000 })).status).toBe(201);
    await until(customerId, (file) => file.exposure === 1_000);
    await stream.settle();
    const table = testTableClient();
    const repository = new CreditRepository(table, owner.tenantId);
    const tenantTable = new TenantTable(table, owner.tenantId);

    // As written before summaries existed: receivables only.
    await tenantTable.delete(keys.creditSummary(owner.tenantId, customerId));
    expect((await add(customerId, { type: 'order', amount: 2_000 })).status).toBe(201);
    expect((await until(customerId, (file) => file.exposure === 3_000)).exposure).toBe(3_000);
    await stream.settle();
    const derived = await repository.getSummary(customerId);
    expect(derived).toMatchObject({ settledTotal: 0, unapplied: 0 });
    expect(Object.values(derived?.open[currency] ?? {}).reduce((sum, entry) => sum + entry.amount, 0)).toBe(
      3_000,
    );

    // A summary that no longer matches its receivables (a lost write): the nightly pass re-derives it.
    await repository.putSummary({ ...(derived as NonNullable<typeof derived>), open: {}, unapplied: 500 });
    const review = await reviewCreditAllTenants({
      table,
      tenantClient: sharedClientFactory(table),
      clock: () => new Date(Date.now() + 50 * 86_400_000),
      tenantIds: [owner.tenantId],
    });
    expect(review.failed).toEqual([]);
    expect(review.repaired).toBeGreaterThanOrEqual(1);
    const repaired = await repository.getSummary(customerId);
    expect(repaired?.unapplied).toBe(0);
    expect(Object.values(repaired?.open[currency] ?? {}).reduce((sum, entry) => sum + entry.amount, 0)).toBe(
      3_000,
    );
    expect((await credit(customerId)).exposure).toBe(3_000);
  });

  it('refuses a policy that does not make sense, field by field', async () => {
    const policy = (await call(app, 'GET', '/v1/credit/policy', { auth: owner.auth })).body as {
      policy: { grades: unknown[] };
      version: number;
    };
    const bad = await call(app, 'PUT', '/v1/credit/policy', {
      auth: owner.auth,
      body: {
        policy: { ...policy.policy, grades: [{ grade: 'A', minScore: 10, limit: 1, termDays: 1 }] },
        version: policy.version,
      },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('the lowest grade must start at 0');
  });
});
