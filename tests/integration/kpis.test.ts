import { beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  type SignedUpTenant,
  signUpTenant,
  TEST_PASSWORD,
  uniqueEmail,
} from '../support/test-app.js';

type App = ReturnType<typeof createTestApp>;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const today = new Date().toISOString().slice(0, 10);
/** Noon of the day `offset` days from today (UTC): far from any period boundary. */
const noon = (offset: number) =>
  new Date(Date.parse(`${today}T12:00:00.000Z`) + offset * DAY_MS).toISOString();
const day = (offset: number) => noon(offset).slice(0, 10);

type Kpis = {
  period: Record<string, unknown>;
  retention: Record<string, unknown>;
  acquisition: Record<string, unknown>;
  activity: Record<string, unknown>;
  satisfaction: {
    answers: number;
    csat: Record<string, unknown>;
    nps: Record<string, unknown>;
    months: { month: string; answers: number }[];
  };
  complaints: Record<string, unknown>;
  funnel: Record<string, unknown>;
  campaigns: Record<string, unknown> & { items: unknown[] };
  partners: Record<string, unknown>[];
  customersRead: number;
};

/**
 * GET /v1/kpis (issue 15, 评估) on DynamoDB Local: a fixture tenant whose every figure is worked
 * out by hand below. The period is the default one: the 90 days up to today, [today − 89, today];
 * the previous period is [today − 179, today − 90].
 */
describe('KPIs: the CRM measured over a period', () => {
  const app = createTestApp();
  // The same table seen two days earlier: complaints recorded and deals created "in the past".
  const twoDaysAgo = createTestApp({ clock: () => new Date(Date.now() - 2 * DAY_MS) });
  let owner: SignedUpTenant;
  let other: SignedUpTenant;
  let earlier: { Authorization: string };

  const newCustomer = async (name: string, extra: Record<string, unknown> = {}) => {
    const created = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name, kind: 'consumer', ...extra },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id as string;
  };
  const order = async (customerId: string, offset: number, amount = 10_000) => {
    const created = await call(app, 'POST', `/v1/customers/${customerId}/interactions`, {
      auth: owner.auth,
      body: { type: 'order', amount, currency: 'USD', occurredAt: noon(offset) },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  };
  const login = async (host: App) => {
    const response = await call(host, 'POST', '/v1/auth/login', {
      body: { email: owner.email, password: TEST_PASSWORD },
    });
    expect(response.status).toBe(200);
    return { Authorization: `Bearer ${response.body.accessToken as string}` };
  };

  beforeAll(async () => {
    [owner, other] = await Promise.all([signUpTenant(app, 'KPI Tenant 评估'), signUpTenant(app, 'Other')]);
    earlier = await login(twoDaysAgo);

    // The book (all created today). Orders at noon, days from today:
    //   A: −160, −10   first order in the previous period, again in this one → retained
    //   B: −150, now   one order in the previous period, the second right after the spring
    //                  campaign (below) → retained, and the campaign's one conversion
    //   C: −400, −30   two orders around the previous period, none in it → not a previous buyer
    //   F: −5          first order in this period → a new buyer
    //   G: none
    const a = await newCustomer('A 顾客', { email: uniqueEmail('a'), tags: ['spring'] });
    const b = await newCustomer('B 顾客', { email: uniqueEmail('b'), tags: ['spring'] });
    const c = await newCustomer('C 顾客');
    const f = await newCustomer('F 顾客');
    await newCustomer('G 顾客');
    await order(a, -160);
    await order(a, -10);
    await order(b, -150);
    await order(c, -400);
    await order(c, -30, 25_000);
    await order(f, -5);

    // The spring campaign (e-mail, no hold-out) to the segment of A and B, sent today; B orders
    // right after it, within its 30 days: 1 of 2 contacted converted.
    const segment = await call(app, 'POST', '/v1/segments', {
      auth: owner.auth,
      body: { name: 'Spring 春季', filter: { tags: ['spring'] } },
    });
    expect(segment.status, JSON.stringify(segment.body)).toBe(201);
    const campaign = await call(app, 'POST', '/v1/campaigns', {
      auth: owner.auth,
      body: {
        name: 'Spring 春季',
        channel: 'email',
        segmentId: segment.body.id,
        subject: { zh: '{{name}}，春季优惠', en: 'Spring offer for {{name}}' },
        body: { zh: '您好 {{name}}', en: 'Hello {{name}}' },
        conversionDays: 30,
      },
    });
    expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);
    const campaignSent = await call(app, 'POST', `/v1/campaigns/${campaign.body.id as string}/send`, {
      auth: owner.auth,
    });
    expect(campaignSent.body).toMatchObject({ done: true, campaign: { progress: { sent: 2, holdout: 0 } } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const converted = await call(app, 'POST', `/v1/customers/${b}/interactions`, {
      auth: owner.auth,
      body: { type: 'order', amount: 7_000, currency: 'USD', occurredAt: new Date().toISOString() },
    });
    expect(converted.status, JSON.stringify(converted.body)).toBe(201);

    // Leads created today: two, one converted (its conversion creates customer H and a deal).
    const lead = await call(app, 'POST', '/v1/leads', {
      auth: owner.auth,
      body: { name: 'H 线索', email: uniqueEmail('h'), source: 'fair' },
    });
    await call(app, 'POST', '/v1/leads', { auth: owner.auth, body: { name: 'I 线索', source: 'web' } });
    const leadConverted = await call(app, 'POST', `/v1/leads/${lead.body.id as string}/convert`, {
      auth: owner.auth,
      body: { opportunity: { name: 'Vans', amount: 500_000, currency: 'USD' } },
    });
    expect(leadConverted.status, JSON.stringify(leadConverted.body)).toBe(201);

    // Deals created two days ago on F: one won today (2 days to win), one lost today.
    const deal = async (name: string, amount: number) => {
      const created = await call(twoDaysAgo, 'POST', '/v1/opportunities', {
        auth: earlier,
        body: { customerId: f, name, amount, currency: 'USD' },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body.id as string;
    };
    const won = await deal('Won deal', 120_000);
    const lost = await deal('Lost deal', 80_000);
    expect(
      (await call(app, 'POST', `/v1/opportunities/${won}/win`, { auth: owner.auth, body: {} })).status,
    ).toBe(200);
    const lose = await call(app, 'POST', `/v1/opportunities/${lost}/lose`, {
      auth: owner.auth,
      body: { reason: 'price', competitor: 'Rival' },
    });
    expect(lose.status, JSON.stringify(lose.body)).toBe(200);

    // Complaints: one recorded two days ago and rejected today (≈ 48 h), one recorded today, open.
    const old = await call(twoDaysAgo, 'POST', '/v1/complaints', {
      auth: earlier,
      body: { customerId: a, summary: '包裹破损 parcel arrived broken' },
    });
    expect(old.status, JSON.stringify(old.body)).toBe(201);
    const rejected = await call(app, 'POST', `/v1/complaints/${old.body.id as string}/transitions`, {
      auth: owner.auth,
      body: { to: 'rejected', rejectionReason: 'Not our parcel' },
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    const open = await call(app, 'POST', '/v1/complaints', {
      auth: owner.auth,
      body: { customerId: b, summary: 'Late delivery' },
    });
    expect(open.status).toBe(201);

    // A survey answered by A (CSAT 5, NPS 10) and B (CSAT 2, NPS 6).
    const survey = await call(app, 'POST', '/v1/surveys', {
      auth: owner.auth,
      body: {
        title: { en: 'Service', zh: '服务' },
        questions: [
          { id: 'nps', kind: 'nps', text: { en: 'Recommend us?', zh: '推荐我们？' } },
          { id: 'csat', kind: 'csat', text: { en: 'Satisfied?', zh: '满意吗？' } },
        ],
      },
    });
    expect(survey.status, JSON.stringify(survey.body)).toBe(201);
    const surveyId = survey.body.id as string;
    await call(app, 'PATCH', `/v1/surveys/${surveyId}`, {
      auth: owner.auth,
      body: { status: 'active', version: 1 },
    });
    const sent = await call(app, 'POST', `/v1/surveys/${surveyId}/send`, {
      auth: owner.auth,
      body: { customerIds: [a, b], locale: 'en' },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const outbox = await call(app, 'GET', '/v1/dev/outbox', { auth: owner.auth });
    const mails = outbox.body.items as { to: string; text: string; kind?: string }[];
    const answer = async (customerId: string, answers: Record<string, number>) => {
      const email = (sent.body.sent as { customerId: string; email: string }[]).find(
        (s) => s.customerId === customerId,
      )?.email;
      const mail = mails.find((m) => m.to === email && m.kind === 'survey');
      const token = /\/s\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1] ?? '';
      const answered = await call(app, 'POST', `/v1/public/surveys/${token}`, { body: { answers } });
      expect(answered.status, JSON.stringify(answered.body)).toBe(204);
    };
    await answer(a, { nps: 10, csat: 5 });
    await answer(b, { nps: 6, csat: 2 });

    // A dealer organisation with A and C shared: their orders in the period are A's −10 (10,000)
    // and C's −30 (25,000); F's deal is not theirs.
    const dealer = await call(app, 'POST', '/v1/partner-organisations', {
      auth: owner.auth,
      body: { name: '华南车行 South China Motors' },
    });
    expect(dealer.status).toBe(201);
    for (const customerId of [a, c]) {
      const shared = await call(
        app,
        'PUT',
        `/v1/customers/${customerId}/organisation-shares/${dealer.body.id as string}`,
        { auth: owner.auth, body: { fields: ['phone'], access: 'read' } },
      );
      expect(shared.status, JSON.stringify(shared.body)).toBe(200);
    }
  });

  it('answers every figure of the fixture as worked out by hand', async () => {
    const response = await call(app, 'GET', '/v1/kpis', { auth: owner.auth });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const kpis = response.body as unknown as Kpis;

    expect(kpis.period).toEqual({
      from: day(-89),
      to: today,
      days: 90,
      previousFrom: day(-179),
      previousTo: day(-90),
    });
    // Previous buyers A, B; both bought again (A at −10, B now): two orders each, so certain.
    expect(kpis.retention).toEqual({
      previousBuyers: 2,
      retained: 2,
      rate: 1,
      previousBuyersUncertain: 0,
      retainedUncertain: 0,
    });
    // Created today: A, B, C, F, G and H (the lead's conversion): 6. First orders before the
    // period: A, B, C; in it: F.
    expect(kpis.acquisition).toEqual({ newBuyers: 1, newCustomers: 6, buyersAtStart: 3, rate: 1 / 3 });
    // A period ending today: today's states. Unscored, so the gap decides: A (10 d ÷ 150 d),
    // B (just ordered), C (30 d ÷ 370 d), F (5 d ÷ 90 d) active.
    expect(kpis.activity).toMatchObject({
      buyers: 4,
      active: 4,
      atRisk: 0,
      dormant: 0,
      lost: 0,
      activeShare: 1,
      dormantShare: 0,
      pAliveUsed: true,
      estimatedLastOrders: 0,
    });
    // CSAT: 5 of [5, 2] satisfied → 50 %; NPS: one promoter, one detractor → 0.
    expect(kpis.satisfaction.answers).toBe(2);
    expect(kpis.satisfaction.csat).toEqual({ count: 2, satisfied: 1, csat: 50 });
    expect(kpis.satisfaction.nps).toMatchObject({ count: 2, promoters: 1, detractors: 1, nps: 0 });
    expect(kpis.satisfaction.months.at(-1)).toMatchObject({ month: today.slice(0, 7), answers: 2 });
    expect(kpis.satisfaction.months[0]?.month).toBe(day(-89).slice(0, 7));
    // Both complaints were recorded in the period; the rejected one closed ≈ 48 h after recording.
    expect(kpis.complaints).toMatchObject({ received: 2, closed: 1, openNow: 1 });
    expect(kpis.complaints.medianHours as number).toBeGreaterThanOrEqual(47.9);
    expect(kpis.complaints.medianHours as number).toBeLessThan(48 + 600_000 / HOUR_MS);
    // Leads: 2 created, 1 converted. Deals closed today: the won (120,000) and the lost.
    expect(kpis.funnel).toMatchObject({
      leadsCreated: 2,
      leadsConverted: 1,
      leadConversionRate: 0.5,
      won: 1,
      lost: 1,
      winRate: 0.5,
      wonAmount: 120_000,
    });
    expect(kpis.funnel.meanDaysToWin as number).toBeCloseTo(2, 1);
    // The spring campaign: sent to A and B, no hold-out; B ordered after it.
    expect(kpis.campaigns).toMatchObject({ campaigns: 1, recipients: 2, conversionRate: 0.5, capped: false });
    expect(kpis.campaigns.items).toEqual([
      expect.objectContaining({
        name: 'Spring 春季',
        channel: 'email',
        sent: 2,
        holdout: 0,
        contacted: expect.objectContaining({ customers: 2, converted: 1, rate: 0.5 }),
        holdoutGroup: expect.objectContaining({ customers: 0, converted: 0 }),
        uplift: null,
        windowOpen: true,
      }),
    ]);
    expect(kpis.partners).toEqual([
      expect.objectContaining({
        name: '华南车行 South China Motors',
        sharedCustomers: 2,
        orders: [{ currency: 'USD', count: 2, amount: 35_000 }],
        opportunitiesWon: 0,
        wonAmount: 0,
        capped: false,
      }),
    ]);
    expect(kpis.customersRead).toBe(6);
  });

  it('measures a past period against the one before it', async () => {
    // [−179, −90] against [−269, −180]: A and B bought first in it (new buyers), C's first
    // order (−400) was before it; no previous buyer had bought in [−269, −180].
    const response = await call(app, 'GET', `/v1/kpis?from=${day(-179)}&to=${day(-90)}`, {
      auth: owner.auth,
    });
    expect(response.status).toBe(200);
    const kpis = response.body as unknown as Kpis;
    expect(kpis.retention).toEqual({
      previousBuyers: 0,
      retained: 0,
      rate: null,
      previousBuyersUncertain: 0,
      retainedUncertain: 0,
    });
    expect(kpis.acquisition).toEqual({ newBuyers: 2, newCustomers: 0, buyersAtStart: 1, rate: 2 });
    // States at the period's end (day −89, 00:00), not today's, without P(alive): buyers A, B, C
    // (F's first order came later). Each has two orders and a later one after the end, so its last
    // order before it is its first: A 70.5 d ÷ 150 d, B 60.5 d ÷ ~150 d, C 310.5 d ÷ 370 d → active.
    expect(kpis.activity).toMatchObject({
      asOf: `${day(-89)}T00:00:00.000Z`,
      buyers: 3,
      active: 3,
      atRisk: 0,
      pAliveUsed: false,
      estimatedLastOrders: 0,
    });
    // The campaign was sent today, after this period.
    expect(kpis.campaigns).toMatchObject({ campaigns: 0, recipients: 0, conversionRate: null, items: [] });
    expect(kpis.funnel).toMatchObject({ leadsCreated: 0, won: 0, winRate: null });
    expect(kpis.complaints).toMatchObject({ received: 0, closed: 0, medianHours: null, openNow: 1 });
  });

  it('tells a past period’s retention exactly for customers with two orders', async () => {
    // [−159, −100] against [−219, −160]: A's first order (−160) is in the previous period and its
    // second (−10) after this one: with two orders there is none in between → not retained.
    // B's first order (−150) is in this period, not the previous one; C has none in either.
    const response = await call(app, 'GET', `/v1/kpis?from=${day(-159)}&to=${day(-100)}`, {
      auth: owner.auth,
    });
    expect(response.status).toBe(200);
    expect((response.body as unknown as Kpis).retention).toEqual({
      previousBuyers: 1,
      retained: 0,
      rate: 0,
      previousBuyersUncertain: 0,
      retainedUncertain: 0,
    });
  });

  it('refuses bad periods with field errors', async () => {
    const cases: [string, string][] = [
      [`from=${today}&to=${day(-1)}`, 'from'],
      [`from=${day(-1200)}&to=${today}`, 'to'],
      ['from=2026-02-30', 'from'],
      ['from=yesterday', 'from'],
      ['since=2026-01-01', ''],
    ];
    for (const [query, path] of cases) {
      const response = await call(app, 'GET', `/v1/kpis?${query}`, { auth: owner.auth });
      expect(response.status, query).toBe(400);
      if (path) {
        const fields = ((response.body.error as { fields?: { path: string }[] }).fields ?? []) as {
          path: string;
        }[];
        expect(
          fields.map((field) => field.path),
          query,
        ).toContain(path);
      }
    }
  });

  it('shows another tenant none of this tenant’s figures', async () => {
    const response = await call(app, 'GET', '/v1/kpis', { auth: other.auth });
    expect(response.status).toBe(200);
    const kpis = response.body as unknown as Kpis;
    expect(kpis.customersRead).toBe(0);
    expect(kpis.retention).toMatchObject({ previousBuyers: 0, retained: 0, rate: null });
    expect(kpis.funnel).toMatchObject({ leadsCreated: 0, won: 0, lost: 0 });
    expect(kpis.satisfaction.answers).toBe(0);
    expect(kpis.partners).toEqual([]);
  });
});
