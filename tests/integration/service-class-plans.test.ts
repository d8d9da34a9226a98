import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { runServicePlansAllTenants } from '@crm/app/service';
import { keys, sharedClientFactory } from '@crm/dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { testTableClient } from '../support/test-table.js';

type ServiceRequest = { id: string; customerId: string; planId: string | null; planDueOn: string | null };

/** Plans for a whole value class (issue 14: differentiated service by value), on DynamoDB Local. */
describe('service plans for a whole value class', () => {
  const app = createTestApp();
  const table = testTableClient();
  let owner: SignedUpTenant;

  const newCustomer = async (name: string, abcClass: string | null, tenant = owner) => {
    const created = await call(app, 'POST', '/v1/customers', {
      auth: tenant.auth,
      body: { name, kind: 'business' },
    });
    expect(created.status).toBe(201);
    const customerId = created.body.id as string;
    if (abcClass) await setClass(customerId, abcClass, tenant);
    return customerId;
  };
  const setClass = (customerId: string, abcClass: string, tenant = owner) =>
    table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.customer(tenant.tenantId, customerId),
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
  const run = (day: string) =>
    runServicePlansAllTenants({
      table,
      tenantClient: sharedClientFactory(table),
      tenantIds: [owner.tenantId],
      clock: () => new Date(`${day}T02:00:00Z`),
    });
  const requestsOf = async (customerId: string) =>
    (await call(app, 'GET', `/v1/service-requests?customerId=${customerId}`, { auth: owner.auth })).body
      .items as ServiceRequest[];

  beforeAll(async () => {
    owner = await signUpTenant(app, 'Class Plans Tenant');
  });

  it('refuses a plan naming both a customer and a class, neither, or a class with valueClass (400, field by field)', async () => {
    const customerId = await newCustomer('Both Co', 'A');
    const base = { title: 'Quarterly', every: { count: 3, unit: 'months' }, startsOn: '2026-01-15' };
    const cases = [
      [{ ...base, customerId, abcClass: 'A' }, 'customerId'],
      [base, 'customerId'],
      [{ ...base, abcClass: 'A', valueClass: 'A' }, 'valueClass'],
      [{ ...base, abcClass: 'D' }, 'abcClass'],
    ] as const;
    for (const [body, field] of cases) {
      const refused = await call(app, 'POST', '/v1/service-plans', { auth: owner.auth, body });
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect((refused.body.error as { fields: { path: string }[] }).fields.map((f) => f.path)).toContain(
        field,
      );
    }
    const listed = await call(app, 'GET', '/v1/service-plans', { auth: owner.auth });
    expect(listed.body.items).toEqual([]);
  });

  it('generates one request per customer in the class per due day, once, even with two runs at once (fake clock)', async () => {
    const [gold, silver, bronze, gone] = [
      await newCustomer('Gold Co', 'A'),
      await newCustomer('Silver Co', 'A'),
      await newCustomer('Bronze Co', 'B'),
      await newCustomer('Gone Co', null),
    ];
    // An archived A customer: archived first (the answer carries no partial scores), then classed.
    expect((await call(app, 'DELETE', `/v1/customers/${gone}`, { auth: owner.auth })).status).toBe(200);
    await setClass(gone, 'A');
    const created = await call(app, 'POST', '/v1/service-plans', {
      auth: owner.auth,
      body: {
        abcClass: 'A',
        title: '季度上门 Quarterly visit',
        every: { count: 3, unit: 'months' },
        startsOn: '2026-01-15',
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const plan = created.body as { id: string; customerId: string | null; abcClass: string };
    expect(plan).toMatchObject({ customerId: null, abcClass: 'A', nextDueOn: '2026-01-15' });

    expect((await run('2026-01-14')).generated).toBe(0);
    const [one, two] = await Promise.all([run('2026-01-16'), run('2026-01-16')]);
    // The Both Co customer of the first test is an A customer too.
    expect(one.generated + two.generated).toBe(3);
    expect((await run('2026-01-16')).generated).toBe(0);
    for (const customerId of [gold, silver]) {
      expect(await requestsOf(customerId)).toEqual([
        expect.objectContaining({ customerId, planId: plan.id, planDueOn: '2026-01-15' }),
      ]);
    }
    expect(await requestsOf(bronze)).toEqual([]);
    expect(await requestsOf(gone)).toEqual([]);
    const advanced = await call(app, 'GET', `/v1/service-plans/${plan.id}`, { auth: owner.auth });
    expect(advanced.body).toMatchObject({ occurrences: 1, nextDueOn: '2026-04-15' });

    // Who is in the class is read on the night: Bronze Co moved up to A.
    await setClass(bronze, 'A');
    await setClass(silver, 'C');
    expect((await run('2026-04-16')).generated).toBe(3);
    expect((await requestsOf(bronze)).map((request) => request.planDueOn)).toEqual(['2026-04-15']);
    expect(await requestsOf(silver)).toHaveLength(1);
    expect((await requestsOf(gold)).map((request) => request.planDueOn).sort()).toEqual([
      '2026-01-15',
      '2026-04-15',
    ]);
  });

  it('counts the requests of every class plan served the same night, the plans being served side by side', async () => {
    const tenant = await signUpTenant(app, 'Two Class Plans Tenant');
    await newCustomer('A Co', 'A', tenant);
    await newCustomer('B Co', 'B', tenant);
    for (const abcClass of ['A', 'B']) {
      const created = await call(app, 'POST', '/v1/service-plans', {
        auth: tenant.auth,
        body: {
          abcClass,
          title: `Class ${abcClass}`,
          every: { count: 1, unit: 'months' },
          startsOn: '2026-01-15',
        },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    const result = await runServicePlansAllTenants({
      table,
      tenantClient: sharedClientFactory(table),
      tenantIds: [tenant.tenantId],
      clock: () => new Date('2026-01-16T02:00:00Z'),
    });
    expect(result).toMatchObject({ tenants: 1, failed: [], due: 2, generated: 2, skipped: 0 });
  });

  it('shows a customer the plans of its class beside its own, with when each next serves it, following its class', async () => {
    const ann = await newCustomer('Ann Co', 'B');
    const none = await newCustomer('Unclassed Co', null);
    const classPlan = async (abcClass: string, title: string, startsOn: string) => {
      const created = await call(app, 'POST', '/v1/service-plans', {
        auth: owner.auth,
        body: { abcClass, title, every: { count: 1, unit: 'months' }, startsOn },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body as { id: string; version: number };
    };
    const forB = await classPlan('B', 'Monthly B check', '2027-02-01');
    const forC = await classPlan('C', 'Monthly C call', '2027-03-01');
    const own = await call(app, 'POST', '/v1/service-plans', {
      auth: owner.auth,
      body: {
        customerId: ann,
        title: 'Ann’s boiler',
        every: { count: 6, unit: 'months' },
        startsOn: '2027-01-10',
      },
    });
    expect(own.status).toBe(201);
    type Answer = {
      customerId: string;
      abcClass: string | null;
      items: { plan: { id: string }; appliesBy: string; nextDueOn: string | null }[];
    };
    const plansOf = async (customerId: string, auth = owner.auth) => {
      const answered = await call(app, 'GET', `/v1/customers/${customerId}/service-plans`, { auth });
      expect(answered.status, JSON.stringify(answered.body)).toBe(200);
      return answered.body as unknown as Answer;
    };
    const mine = await plansOf(ann);
    expect(mine.abcClass).toBe('B');
    expect(mine.items.map(({ plan, appliesBy, nextDueOn }) => [plan.id, appliesBy, nextDueOn])).toEqual([
      [own.body.id, 'customer', '2027-01-10'],
      [forB.id, 'class', '2027-02-01'],
    ]);

    // A customer follows its class: moved to C, the C plan serves it and the B plan no longer does.
    await setClass(ann, 'C');
    expect((await plansOf(ann)).items.map(({ plan }) => plan.id)).toEqual([own.body.id, forC.id]);
    // A paused class plan still shows, with no next date for the customer.
    const paused = await call(app, 'PATCH', `/v1/service-plans/${forC.id}`, {
      auth: owner.auth,
      body: { active: false, version: forC.version },
    });
    expect(paused.status).toBe(200);
    expect((await plansOf(ann)).items.find(({ plan }) => plan.id === forC.id)).toMatchObject({
      appliesBy: 'class',
      nextDueOn: null,
    });
    // No class yet: only its own plans (none here); an archived customer is in no class.
    expect(await plansOf(none)).toEqual({ customerId: none, abcClass: null, items: [] });
    // Archived first (its answer carries no partial scores), then classed, as in the test above.
    const archived = await newCustomer('Archived C Co', null);
    expect((await call(app, 'DELETE', `/v1/customers/${archived}`, { auth: owner.auth })).status).toBe(200);
    await setClass(archived, 'C');
    expect(await plansOf(archived)).toEqual({ customerId: archived, abcClass: null, items: [] });
    const unknown = await call(app, 'GET', '/v1/customers/01J000000000000000000000ZZ/service-plans', {
      auth: owner.auth,
    });
    expect(unknown.status).toBe(404);
  });

  it('puts class plans stored before the class index into it on the next nightly run, plan and version unchanged', async () => {
    const saved = owner;
    owner = await signUpTenant(app, 'Old Class Plans Tenant');
    try {
      const customerId = await newCustomer('Old Class Co', 'A');
      const created = await call(app, 'POST', '/v1/service-plans', {
        auth: owner.auth,
        body: {
          abcClass: 'A',
          title: 'Made before the index',
          every: { count: 1, unit: 'months' },
          startsOn: '2027-05-01',
        },
      });
      expect(created.status).toBe(201);
      const planId = created.body.id as string;
      // As stored before the class index existed: no gsi3 keys.
      await table.doc.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: keys.servicePlan(owner.tenantId, planId),
          UpdateExpression: 'REMOVE gsi3pk, gsi3sk',
        }),
      );
      const listed = async () =>
        (
          (await call(app, 'GET', `/v1/customers/${customerId}/service-plans`, { auth: owner.auth })).body
            .items as { plan: { id: string } }[]
        ).map(({ plan }) => plan.id);
      expect(await listed()).toEqual([]);
      const before = await call(app, 'GET', `/v1/service-plans/${planId}`, { auth: owner.auth });

      expect((await run('2027-04-01')).generated).toBe(0);
      expect(await listed()).toEqual([planId]);
      expect((await call(app, 'GET', `/v1/service-plans/${planId}`, { auth: owner.auth })).body).toEqual(
        before.body,
      );
      const marker = await table.doc.send(
        new GetCommand({
          TableName: table.tableName,
          Key: keys.serviceClassPlanIndexCatchUp(owner.tenantId),
        }),
      );
      expect(marker.Item).toMatchObject({ indexed: 1 });
      await run('2027-04-02');
      expect(await listed()).toEqual([planId]);
    } finally {
      owner = saved;
    }
  });

  it('gives a customer’s own plan limited to a value class no next date while the customer is in another class, as the nightly run skips it', async () => {
    const tenant = await signUpTenant(app, 'Own Class-Limited Plan Tenant');
    const brook = await newCustomer('Brook Co', 'B', tenant);
    const created = await call(app, 'POST', '/v1/service-plans', {
      auth: tenant.auth,
      body: {
        customerId: brook,
        valueClass: 'A',
        title: 'A-class monthly visit',
        every: { count: 1, unit: 'months' },
        startsOn: '2027-03-01',
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const planId = created.body.id as string;
    const standing = async () => {
      const answered = await call(app, 'GET', `/v1/customers/${brook}/service-plans`, { auth: tenant.auth });
      expect(answered.status, JSON.stringify(answered.body)).toBe(200);
      const body = answered.body as {
        abcClass: string | null;
        items: { plan: { id: string }; appliesBy: string; standing: string; nextDueOn: string | null }[];
      };
      return {
        abcClass: body.abcClass,
        items: body.items.map(({ plan, appliesBy, standing, nextDueOn }) => ({
          planId: plan.id,
          appliesBy,
          standing,
          nextDueOn,
        })),
      };
    };
    const runFor = (day: string) =>
      runServicePlansAllTenants({
        table,
        tenantClient: sharedClientFactory(table),
        tenantIds: [tenant.tenantId],
        clock: () => new Date(`${day}T02:00:00Z`),
      });
    const requests = async () =>
      (await call(app, 'GET', `/v1/service-requests?customerId=${brook}`, { auth: tenant.auth })).body
        .items as ServiceRequest[];

    // In B: the 360° shows no date, skipped while B; the night of the due day serves nothing.
    expect(await standing()).toEqual({
      abcClass: 'B',
      items: [{ planId, appliesBy: 'customer', standing: 'skipped_class', nextDueOn: null }],
    });
    expect(await runFor('2027-03-02')).toMatchObject({ due: 1, generated: 0, skipped: 1 });
    expect(await requests()).toEqual([]);

    // Moved up to A: the next date shows, and that night serves it.
    await setClass(brook, 'A', tenant);
    expect(await standing()).toEqual({
      abcClass: 'A',
      items: [{ planId, appliesBy: 'customer', standing: 'scheduled', nextDueOn: '2027-04-01' }],
    });
    expect(await runFor('2027-04-02')).toMatchObject({ due: 1, generated: 1, skipped: 0 });
    expect((await requests()).map((request) => request.planDueOn)).toEqual(['2027-04-01']);

    // Archived, still scored A: no date and no class; the night skips it. (The scores are set
    // after the archive, as in the tests above: the archive's answer must not carry partial scores.)
    await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.customer(tenant.tenantId, brook),
        UpdateExpression: 'REMOVE scores',
      }),
    );
    expect((await call(app, 'DELETE', `/v1/customers/${brook}`, { auth: tenant.auth })).status).toBe(200);
    await setClass(brook, 'A', tenant);
    expect(await standing()).toEqual({
      abcClass: null,
      items: [{ planId, appliesBy: 'customer', standing: 'skipped_archived', nextDueOn: null }],
    });
    expect(await runFor('2027-05-02')).toMatchObject({ due: 1, generated: 0, skipped: 1 });
  });

  it('gives each plan on the tenant’s list the same standing as the customer’s 360°, with the customer’s class now', async () => {
    const tenant = await signUpTenant(app, 'Plan List Standing Tenant');
    const cora = await newCustomer('Cora Co', 'B', tenant);
    const dell = await newCustomer('Dell Co', null, tenant);
    const plan = async (body: Record<string, unknown>) => {
      const created = await call(app, 'POST', '/v1/service-plans', {
        auth: tenant.auth,
        body: { title: 'Visit', every: { count: 1, unit: 'months' }, startsOn: '2027-03-01', ...body },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body as { id: string; version: number };
    };
    const onlyA = await plan({ customerId: cora, valueClass: 'A' });
    const anyClass = await plan({ customerId: cora });
    const unclassed = await plan({ customerId: dell, valueClass: 'A' });
    const forB = await plan({ abcClass: 'B' });
    const pausedForC = await plan({ abcClass: 'C' });
    expect(
      (
        await call(app, 'PATCH', `/v1/service-plans/${pausedForC.id}`, {
          auth: tenant.auth,
          body: { active: false, version: pausedForC.version },
        })
      ).status,
    ).toBe(200);
    type Listed = { id: string; standing: string; customerClass: string | null; nextDueOn: string };
    const listed = async () => {
      const answered = await call(app, 'GET', '/v1/service-plans', { auth: tenant.auth });
      expect(answered.status, JSON.stringify(answered.body)).toBe(200);
      return Object.fromEntries(
        (answered.body.items as Listed[]).map(({ id, standing, customerClass }) => [
          id,
          { standing, customerClass },
        ]),
      );
    };
    const onCustomer = async (customerId: string, planId: string) =>
      (
        (await call(app, 'GET', `/v1/customers/${customerId}/service-plans`, { auth: tenant.auth })).body
          .items as { plan: { id: string }; standing: string }[]
      ).find(({ plan }) => plan.id === planId)?.standing;

    expect(await listed()).toEqual({
      [onlyA.id]: { standing: 'skipped_class', customerClass: 'B' },
      [anyClass.id]: { standing: 'scheduled', customerClass: 'B' },
      [unclassed.id]: { standing: 'skipped_class', customerClass: null },
      [forB.id]: { standing: 'scheduled', customerClass: null },
      [pausedForC.id]: { standing: 'paused', customerClass: null },
    });
    expect(await onCustomer(cora, onlyA.id)).toBe('skipped_class');
    expect(await onCustomer(dell, unclassed.id)).toBe('skipped_class');

    // Moved up to A: the list follows the customer's class, as the 360° does.
    await setClass(cora, 'A', tenant);
    expect((await listed())[onlyA.id]).toEqual({ standing: 'scheduled', customerClass: 'A' });
    expect(await onCustomer(cora, onlyA.id)).toBe('scheduled');
    // Archived: skipped, and in no class.
    expect((await call(app, 'DELETE', `/v1/customers/${dell}`, { auth: tenant.auth })).status).toBe(200);
    expect((await listed())[unclassed.id]).toEqual({ standing: 'skipped_archived', customerClass: null });
  });
});
