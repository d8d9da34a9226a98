import { beforeAll, describe, expect, it } from 'vitest';
import { inviteUser } from '../support/invite-user.js';
import { call, createTestApp, type SignedUpTenant, signUpTenant, uniqueEmail } from '../support/test-app.js';

type Deal = {
  id: string;
  stage: string;
  status: string;
  version: number;
  stageHistory: { stage: string; leftAt: string | null }[];
};
type FunnelStage = {
  stage: string;
  count: number;
  amount: number;
  weightedAmount: number;
  reached: number;
  conversionToNext: number | null;
};

/** Sales (issue 15): leads → opportunities → funnel, on DynamoDB Local through the routes. */
describe('sales: leads, opportunities and the funnel', () => {
  const app = createTestApp();
  let owner: SignedUpTenant;

  const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

  beforeAll(async () => {
    owner = await signUpTenant(app, 'Sales Tenant');
  });

  it('creates a lead, converts it into a customer and a deal once, and counts the deal in the funnel', async () => {
    const email = uniqueEmail('lead');
    const lead = await call(app, 'POST', '/v1/leads', {
      auth: owner.auth,
      body: { name: 'Li Na', email, source: 'trade fair' },
    });
    expect(lead.status).toBe(201);
    expect(lead.body).toMatchObject({ status: 'open', grade: 'C', gradedBy: 'rules', ownerId: owner.userId });
    expect(lead.body.possibleDuplicates).toEqual([]);
    const leadId = lead.body.id as string;

    const converted = await call(app, 'POST', `/v1/leads/${leadId}/convert`, {
      auth: owner.auth,
      body: { opportunity: { name: 'Ten vans', amount: 500000, currency: 'USD' } },
    });
    expect(converted.status).toBe(201);
    const { customerId, opportunityId } = converted.body as { customerId: string; opportunityId: string };
    expect(converted.body.linkedExisting).toBe(false);
    const customer = await call(app, 'GET', `/v1/customers/${customerId}`, { auth: owner.auth });
    expect(customer.body).toMatchObject({ name: 'Li Na', email, kind: 'consumer' });

    const again = await call(app, 'POST', `/v1/leads/${leadId}/convert`, {
      auth: owner.auth,
      body: { opportunity: { name: 'Ten vans', amount: 500000, currency: 'USD' } },
    });
    expect(again.status).toBe(409);

    const funnel = await call(app, 'GET', '/v1/funnel', { auth: owner.auth });
    expect(funnel.status).toBe(200);
    expect((funnel.body.stages as FunnelStage[])[0]).toMatchObject({
      stage: 'qualify',
      count: 1,
      amount: 500000,
    });

    const deal = await call(app, 'GET', `/v1/opportunities/${opportunityId}`, { auth: owner.auth });
    expect(deal.body).toMatchObject({ customerId, leadId, stage: 'qualify', status: 'open', rotting: false });
  });

  it('moves a deal with If-Match (428 without, 409 when stale) and records the time in stage', async () => {
    const customerId = await newCustomer('Move Co');
    const created = await call(app, 'POST', '/v1/opportunities', {
      auth: owner.auth,
      body: { customerId, name: 'Move me', amount: 1000, currency: 'USD' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    const noVersion = await call(app, 'PATCH', `/v1/opportunities/${id}`, {
      auth: owner.auth,
      body: { stage: 'proposal' },
    });
    expect(noVersion.status).toBe(428);
    const moved = await call(app, 'PATCH', `/v1/opportunities/${id}`, {
      auth: owner.auth,
      body: { stage: 'proposal' },
      headers: ifMatch(1),
    });
    expect(moved.status).toBe(200);
    const deal = moved.body as unknown as Deal;
    expect(deal).toMatchObject({ stage: 'proposal', version: 2 });
    expect(deal.stageHistory.map((visit) => [visit.stage, visit.leftAt === null])).toEqual([
      ['qualify', false],
      ['proposal', true],
    ]);
    const stale = await call(app, 'PATCH', `/v1/opportunities/${id}`, {
      auth: owner.auth,
      body: { stage: 'negotiation' },
      headers: ifMatch(1),
    });
    expect(stale.status).toBe(409);
    const unknownStage = await call(app, 'PATCH', `/v1/opportunities/${id}`, {
      auth: owner.auth,
      body: { stage: 'nowhere' },
      headers: ifMatch(2),
    });
    expect(unknownStage.status).toBe(400);
    expect(unknownStage.body.error).toMatchObject({ fields: [expect.objectContaining({ path: 'stage' })] });

    const lost = await call(app, 'POST', `/v1/opportunities/${id}/lose`, {
      auth: owner.auth,
      body: { reason: 'price', competitor: 'Rival Motors' },
    });
    expect(lost.status).toBe(200);
    expect(lost.body).toMatchObject({ status: 'lost', lostReason: 'price', lostCompetitor: 'Rival Motors' });
    const afterwards = await call(app, 'POST', `/v1/opportunities/${id}/win`, { auth: owner.auth, body: {} });
    expect(afterwards.status).toBe(409);
  });

  it('links a lead to the customer with its e-mail and reports the duplicate', async () => {
    const email = uniqueEmail('dup');
    const customerId = await newCustomer('Existing Buyer', { email: email.toUpperCase() });
    const lead = await call(app, 'POST', '/v1/leads', {
      auth: owner.auth,
      body: {
        name: 'Existing Buyer (fair)',
        email,
        source: 'fair',
        company: 'Buyer Ltd',
        phone: '+86 10 5555 0101',
      },
    });
    expect(lead.status).toBe(201);
    expect(lead.body.grade).toBe('A');
    expect(lead.body.possibleDuplicates).toEqual([
      expect.objectContaining({ customerId, matchedOn: ['email'] }),
    ]);

    const converted = await call(app, 'POST', `/v1/leads/${lead.body.id as string}/convert`, {
      auth: owner.auth,
      body: { opportunity: { name: 'Repeat order', amount: 20000, currency: 'USD', stage: 'proposal' } },
    });
    expect(converted.status).toBe(201);
    expect(converted.body).toMatchObject({ customerId, linkedExisting: true });
    const deals = await call(app, 'GET', `/v1/opportunities?customerId=${customerId}`, { auth: owner.auth });
    expect((deals.body.items as Deal[]).map((deal) => deal.stage)).toEqual(['proposal']);
  });

  it('re-grades a lead by the rules on change, keeps a hand-set grade, and converts no disqualified lead', async () => {
    const lead = await call(app, 'POST', '/v1/leads', {
      auth: owner.auth,
      body: { name: 'Grade me', source: 'web' },
    });
    expect(lead.body.grade).toBe('C');
    const id = lead.body.id as string;
    const withPhone = await call(app, 'PATCH', `/v1/leads/${id}`, {
      auth: owner.auth,
      body: { phone: '+86 21 5555 0199' },
      headers: ifMatch(1),
    });
    expect(withPhone.body).toMatchObject({ grade: 'B', gradedBy: 'rules', version: 2 });
    const byHand = await call(app, 'PATCH', `/v1/leads/${id}`, {
      auth: owner.auth,
      body: { grade: 'A', phone: null },
      headers: ifMatch(2),
    });
    expect(byHand.body).toMatchObject({ grade: 'A', gradedBy: 'manual' });
    expect(byHand.body.phone).toBeUndefined();
    const dropped = await call(app, 'PATCH', `/v1/leads/${id}`, {
      auth: owner.auth,
      body: { status: 'disqualified', version: 3 },
    });
    expect(dropped.body.status).toBe('disqualified');
    const convert = await call(app, 'POST', `/v1/leads/${id}/convert`, {
      auth: owner.auth,
      body: { opportunity: { name: 'x', amount: 1, currency: 'USD' } },
    });
    expect(convert.status).toBe(409);
  });

  it('refuses bad input with field errors and writes nothing', async () => {
    const noName = await call(app, 'POST', '/v1/leads', {
      auth: owner.auth,
      body: { name: '', source: 'web' },
    });
    expect(noName.status).toBe(400);
    expect(noName.body.error).toMatchObject({ fields: [expect.objectContaining({ path: 'name' })] });

    const email = uniqueEmail('half');
    const lead = await call(app, 'POST', '/v1/leads', {
      auth: owner.auth,
      body: { name: 'Half', email, source: 'web' },
    });
    const leadId = lead.body.id as string;
    const badAmount = await call(app, 'POST', `/v1/leads/${leadId}/convert`, {
      auth: owner.auth,
      body: { opportunity: { name: 'x', amount: 12.5, currency: 'usd' } },
    });
    expect(badAmount.status).toBe(400);
    const paths = (badAmount.body.error as { fields: { path: string }[] }).fields.map((field) => field.path);
    expect(paths).toEqual(expect.arrayContaining(['opportunity.amount', 'opportunity.currency']));
    const badStage = await call(app, 'POST', `/v1/leads/${leadId}/convert`, {
      auth: owner.auth,
      body: { opportunity: { name: 'x', amount: 100, currency: 'USD', stage: 'nope' } },
    });
    expect(badStage.status).toBe(400);
    expect(badStage.body.error).toMatchObject({
      fields: [expect.objectContaining({ path: 'opportunity.stage' })],
    });

    const still = await call(app, 'GET', `/v1/leads/${leadId}`, { auth: owner.auth });
    expect(still.body).toMatchObject({ status: 'open', version: 1 });
    const customers = await call(app, 'GET', `/v1/customers?q=${encodeURIComponent(email)}`, {
      auth: owner.auth,
    });
    expect(customers.body.items).toEqual([]);
  });

  it('lets only admins change the pipelines, and never strands open deals', async () => {
    const member = await inviteUser(app, owner.auth, 'member');
    const setup = await call(app, 'GET', '/v1/pipelines', { auth: member.auth });
    expect(setup.status).toBe(200);
    const { version, updatedAt: _updatedAt, ...body } = setup.body;
    const byMember = await call(app, 'PUT', '/v1/pipelines', {
      auth: member.auth,
      body: { ...body, version },
    });
    expect(byMember.status).toBe(403);
    // Deals of the earlier tests sit in qualify and proposal: a setup without them is refused.
    const stranding = await call(app, 'PUT', '/v1/pipelines', {
      auth: owner.auth,
      body: {
        ...body,
        version,
        pipelines: [
          {
            key: 'default',
            name: { zh: '新', en: 'New' },
            stages: [{ key: 'only', name: { zh: '唯一', en: 'Only' }, probability: 50, rottingDays: null }],
          },
        ],
      },
    });
    expect(stranding.status).toBe(409);
  });

  it('computes the funnel of a fixture pipeline to hand-computed figures', async () => {
    // A pipeline of its own beside the default one, so the deals of the other tests stay out of it.
    const auth = owner.auth;
    const stage = (key: string, probability: number) => ({
      key,
      name: { zh: key, en: key },
      probability,
      rottingDays: null,
    });
    const setup = await call(app, 'GET', '/v1/pipelines', { auth });
    const put = await call(app, 'PUT', '/v1/pipelines', {
      auth,
      body: {
        version: setup.body.version,
        leadGrading: setup.body.leadGrading,
        pipelines: [
          ...(setup.body.pipelines as unknown[]),
          {
            key: 'fixture',
            name: { zh: '测试', en: 'Fixture' },
            stages: [stage('a', 10), stage('b', 50), stage('c', 80)],
          },
        ],
      },
    });
    expect(put.status).toBe(200);
    const customer = await call(app, 'POST', '/v1/customers', {
      auth,
      body: { name: 'Funnel Co', kind: 'business' },
    });
    const customerId = customer.body.id as string;
    const open = async (amount: number, at = 'a') => {
      const created = await call(app, 'POST', '/v1/opportunities', {
        auth,
        body: { customerId, name: `deal ${amount}`, amount, currency: 'USD', pipeline: 'fixture', stage: at },
      });
      expect(created.status).toBe(201);
      return created.body.id as string;
    };
    const move = async (id: string, version: number, to: string) => {
      const moved = await call(app, 'PATCH', `/v1/opportunities/${id}`, {
        auth,
        body: { stage: to },
        headers: ifMatch(version),
      });
      expect(moved.status).toBe(200);
    };
    await open(100_000);
    await open(200_000);
    await open(300_000, 'b');
    await move(await open(400_000), 1, 'c');
    const d5 = await open(500_000);
    await move(d5, 1, 'b');
    expect((await call(app, 'POST', `/v1/opportunities/${d5}/win`, { auth, body: {} })).status).toBe(200);
    const d6 = await open(600_000);
    expect(
      (
        await call(app, 'POST', `/v1/opportunities/${d6}/lose`, {
          auth,
          body: { reason: 'price', competitor: 'Rival' },
        })
      ).status,
    ).toBe(200);

    const funnel = await call(app, 'GET', '/v1/funnel?pipeline=fixture', { auth });

    // Open: a = 100k + 200k (10 %), b = 300k (50 %), c = 400k (80 %). Furthest stage reached:
    // 0, 0, 1, 2, won (all), 0 → reached a 6, b 3, c 2; c converts to won 1 of 2.
    expect(
      (funnel.body.stages as FunnelStage[]).map(
        ({ stage: key, count, amount, weightedAmount, reached, conversionToNext }) => [
          key,
          count,
          amount,
          weightedAmount,
          reached,
          conversionToNext,
        ],
      ),
    ).toEqual([
      ['a', 2, 300_000, 30_000, 6, 0.5],
      ['b', 1, 300_000, 150_000, 3, 0.6667],
      ['c', 1, 400_000, 320_000, 2, 0.5],
    ]);
    expect(funnel.body).toMatchObject({
      pipeline: 'fixture',
      open: { count: 4, amount: 1_000_000, weightedAmount: 500_000 },
      won: { count: 1, amount: 500_000 },
      lost: { count: 1, amount: 600_000 },
      winRate: 0.5,
    });
    const lostDeals = await call(app, 'GET', '/v1/sales/lost-deals?pipeline=fixture', { auth });
    expect(lostDeals.body).toMatchObject({
      total: { count: 1, amount: 600_000 },
      byReason: [{ key: 'price', count: 1, amount: 600_000 }],
      byCompetitor: [{ key: 'Rival', count: 1, amount: 600_000 }],
      byStage: [{ key: 'a', count: 1, amount: 600_000 }],
    });
  });

  async function newCustomer(name: string, extra: Record<string, unknown> = {}) {
    const created = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name, kind: 'business', ...extra },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }
});
