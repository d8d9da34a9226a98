import { indexCreditFilesStoredBefore, reviewCreditAllTenants } from '@crm/app/credit';
import { CreditRepository, keys, sharedClientFactory, TenantTable } from '@crm/dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteUser } from '../support/invite-user.js';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { startReactions } from '../support/test-stream.js';
import { testTableClient } from '../support/test-table.js';

type Band = { grade: string; minScore: number; limit: number; termDays: number };
type Policy = { grades: Band[]; [key: string]: unknown };
type File = { status: string; exposure: number; limit: number; version: number };

/** The credit policy editor's preview (issue 11): counts from the real files, nothing written. */
describe('credit policy preview', () => {
  const app = createTestApp();
  let owner: SignedUpTenant;
  let currency: string;
  let stream: Awaited<ReturnType<typeof startReactions>>;
  let generous: Policy;
  const customerIds: string[] = [];

  const file = async (customerId: string) =>
    (await call(app, 'GET', `/v1/customers/${customerId}/credit`, { auth: owner.auth })).body as File;
  const preview = (policy: Policy, auth = owner.auth) =>
    call(app, 'POST', '/v1/credit/policy/preview', { auth, body: { policy } });
  const withLimits = (policy: Policy, limit: number): Policy => ({
    ...policy,
    grades: policy.grades.map((band) => ({ ...band, limit })),
  });

  beforeAll(async () => {
    stream = await startReactions();
    owner = await signUpTenant(app, 'Preview Tenant');
    currency = (
      (await call(app, 'GET', '/v1/tenant', { auth: owner.auth })).body.settings as {
        defaultCurrency: string;
      }
    ).defaultCurrency;
    const current = await call(app, 'GET', '/v1/credit/policy', { auth: owner.auth });
    // Every grade generous, so both customers below stand `ok` whatever their score.
    generous = withLimits(current.body.policy as Policy, 1_000_000);
    const saved = await call(app, 'PUT', '/v1/credit/policy', {
      auth: owner.auth,
      body: { policy: generous, version: current.body.version },
    });
    expect(saved.status).toBe(200);
    for (const name of ['Preview One Ltd', 'Preview Two Ltd']) {
      const created = await call(app, 'POST', '/v1/customers', {
        auth: owner.auth,
        body: { name, kind: 'business' },
      });
      const customerId = created.body.id as string;
      customerIds.push(customerId);
      const order = await call(app, 'POST', `/v1/customers/${customerId}/interactions`, {
        auth: owner.auth,
        body: { type: 'order', amount: 20_000, currency, occurredAt: new Date().toISOString() },
      });
      expect(order.status).toBe(201);
    }
    // The stream saves each file (with the order's exposure) into the files index.
    const deadline = Date.now() + 10_000;
    for (const customerId of customerIds) {
      while ((await file(customerId)).exposure !== 20_000 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    await stream.settle();
  });
  afterAll(async () => {
    await stream.stop();
  });

  it('moves nobody when the proposal is the current policy', async () => {
    const answer = await preview(generous);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      evaluated: 2,
      capped: false,
      cap: 5000,
      holdsPlaced: 0,
      holdsReleased: 0,
      limitRaised: 0,
      limitLowered: 0,
      gradeChanges: [],
      examples: [],
    });
  });

  it('counts the customers a lower limit would put on hold, with examples, and writes nothing', async () => {
    const before = await Promise.all(customerIds.map(file));
    expect(before.map((one) => one.status)).toEqual(['ok', 'ok']);

    const answer = await preview(withLimits(generous, 10_000));

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ evaluated: 2, holdsPlaced: 2, holdsReleased: 0, limitLowered: 2 });
    const examples = answer.body.examples as {
      name: string;
      current: { status: string };
      proposed: { status: string; limit: number };
    }[];
    expect(examples.map((example) => example.name).sort()).toEqual(['Preview One Ltd', 'Preview Two Ltd']);
    for (const example of examples) {
      expect(example.current.status).toBe('ok');
      expect(example.proposed).toMatchObject({ status: 'hold', limit: 10_000 });
    }
    const after = await Promise.all(customerIds.map(file));
    expect(after.map((one) => [one.status, one.version])).toEqual(
      before.map((one) => [one.status, one.version]),
    );
    const policy = await call(app, 'GET', '/v1/credit/policy', { auth: owner.auth });
    expect((policy.body.policy as Policy).grades[0]?.limit).toBe(1_000_000);
  });

  it('refuses a policy that does not make sense, field by field', async () => {
    const broken = { ...generous, grades: generous.grades.map((band) => ({ ...band, minScore: 10 })) };
    const answer = await preview(broken);
    expect(answer.status).toBe(400);
    const paths = (answer.body.error as { fields: { path: string }[] }).fields.map((field) => field.path);
    expect(paths).toContain(`policy.grades.${generous.grades.length - 1}.minScore`);
  });

  it('is for admins only, and counts only the caller’s tenant', async () => {
    const member = await inviteUser(app, owner.auth, 'member');
    expect((await preview(generous, member.auth)).status).toBe(403);
    const partner = await inviteUser(app, owner.auth, 'partner');
    expect((await preview(generous, partner.auth)).status).toBe(403);

    const other = await signUpTenant(app, 'Other Preview Tenant');
    const answer = await preview(withLimits(generous, 10_000), other.auth);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ evaluated: 0, holdsPlaced: 0, examples: [] });
  });
  it('counts files saved before the files index once the nightly pass has put them in it, resuming night by night', async () => {
    const table = testTableClient();
    const tenantTable = new TenantTable(table, owner.tenantId);
    const repository = new CreditRepository(table, owner.tenantId);
    // As saved before the files index existed: the same file without its gsi2 keys.
    const unindex = (customerId: string) =>
      tenantTable.update({
        Key: keys.creditFile(owner.tenantId, customerId),
        UpdateExpression: 'REMOVE gsi2pk, gsi2sk',
      });
    const before = await Promise.all(customerIds.map(file));
    await Promise.all(customerIds.map(unindex));
    expect((await preview(generous)).body).toMatchObject({ evaluated: 0 });

    // One customer-list page of one customer a night: the catch-up stops and goes on the next night.
    const nights: number[] = [];
    let night = 0;
    while (!(await repository.filesIndexCatchUp())?.done && night < 50) {
      night += 1;
      nights.push(
        await indexCreditFilesStoredBefore({
          credit: repository,
          now: new Date(Date.now() + night * 86_400_000),
          maxReads: 1,
          pageSize: 1,
        }),
      );
    }
    expect(nights.length).toBeGreaterThan(2);
    expect(nights.reduce((sum, indexed) => sum + indexed, 0)).toBe(2);
    expect(await repository.filesIndexCatchUp()).toMatchObject({ done: true, position: null, indexed: 2 });
    expect((await preview(generous)).body).toMatchObject({ evaluated: 2 });
    // Only the index keys were added: the files and their versions are as they were.
    expect(await Promise.all(customerIds.map(file))).toEqual(before);
    // Done: a later night reads the marker and nothing else.
    expect(await indexCreditFilesStoredBefore({ credit: repository, now: new Date() })).toBe(0);

    // The nightly credit pass runs it (a tenant not caught up yet, e.g. an old data folder).
    await unindex(customerIds[0] as string);
    await tenantTable.delete(keys.creditFilesIndexCatchUp(owner.tenantId));
    const review = () =>
      reviewCreditAllTenants({
        table,
        tenantClient: sharedClientFactory(table),
        tenantIds: [owner.tenantId],
      });
    expect(await review()).toMatchObject({ failed: [], indexed: 1 });
    expect((await preview(generous)).body).toMatchObject({ evaluated: 2 });
    expect(await review()).toMatchObject({ failed: [], indexed: 0 });
  });
});
