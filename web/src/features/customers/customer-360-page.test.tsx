import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import type { components } from '../../lib/api/schema.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

type Customer = components['schemas']['Customer'];
const CUSTOMER_ID = '01J00000000000000000000001';
// The screen is a lazy route: its first import is transformed on demand, slowly on a busy machine.
const LAZY_MS = 20_000;
const now = '2026-03-01T00:00:00.000Z';

function customer(overrides: Partial<Customer> = {}): Customer {
  return {
    id: CUSTOMER_ID,
    name: 'Chen Household 陈家',
    kind: 'consumer',
    status: 'active',
    tags: ['rice'],
    customFields: {},
    stats: { interactionCount: 0, orderCount: 0, orderValue: 0, orderValueByCurrency: {}, paymentValue: 0 },
    createdAt: now,
    updatedAt: now,
    createdBy: 'u1',
    version: 1,
    ...overrides,
  };
}

const model = {
  fitId: 'fit-1',
  fittedAt: now,
  calibration: { from: '2025-01-01', to: '2026-03-01' },
  currency: 'CNY',
  bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 },
  clv: { horizonMonths: 12, monthlyDiscountRate: 0.01, margin: 1 },
};

function scores(x: number) {
  return {
    segment: x > 0 ? 'loyal' : 'new',
    rfm: { r: 4, f: x > 0 ? 4 : 1, m: 3, fm: 4, code: '443' },
    abcClass: 'B' as const,
    pAlive: x > 0 ? 0.82 : 1,
    expectedPurchases90d: 1.4,
    nextPurchaseAt: '2026-03-20',
    clv: 45_600,
    expectedSpend: 3_800,
    valueIndex: 61,
    lifecycleSuggestion: { stage: 'stability', name: '稳定期', rule: 'repeat buyer, alive' },
    inputs: {
      x,
      tx: x > 0 ? 20 : 0,
      T: 30,
      firstOrderOn: '2025-08-01',
      lastOrderOn: '2026-01-01',
      totalAmount: 12_000,
      spendCount: x + 1,
      meanSpend: 4_000,
    },
    scoredAt: now,
    modelFittedAt: now,
    fitId: 'fit-1',
  };
}

function insightsFor(x: number) {
  const stored = scores(x);
  const repeat = { x, tx: stored.inputs.tx, T: stored.inputs.T };
  return {
    customerId: CUSTOMER_ID,
    asOf: '2026-03-01',
    model,
    stored,
    reason: null,
    insights: {
      scores: stored,
      pAlive: {
        value: stored.pAlive,
        equation: 'Fader, Hardie & Lee 2008 note, eq. 13',
        inputs: repeat,
        params: model.bgnbd,
      },
      expectedPurchases90d: { value: 1.4, equation: 'eq. 10', inputs: repeat, params: model.bgnbd },
      nextPurchase: { date: '2026-03-20', medianWeeks: 2.7, rule: 'median wait' },
      clv: {
        value: 45_600,
        expectedSpend: 3_800,
        discountedPurchases: 12,
        spendInputs: { spendCount: x + 1, meanSpend: 4_000 },
        params: model.gammaGamma,
        options: model.clv,
        equation: 'CLV = margin · E(M) · Σ',
      },
      rfm: {
        ...stored.rfm,
        segment: stored.segment,
        values: { recencyDays: 59, frequency: x + 1, monetary: 12_000 },
      },
      abc: { abcClass: 'B', value: 12_000, cutoffs: { minA: 50_000, minB: 10_000 } },
      lifecycle: {
        stage: 'stability',
        name: '稳定期',
        rule: 'repeat buyer, alive',
        inputs: { tenureWeeks: 30, repeatPurchases: x, pAlive: stored.pAlive, trend: 1 },
      },
      relationship: {
        level: 'accountable',
        name: '负责型',
        rule: 'Kotler grid',
        inputs: { customersInClass: 40, abcClass: 'B', marginRate: 0.2 },
      },
    },
  };
}

function server(options: { insights: unknown; onOrder?: () => void; customer?: Customer }) {
  let current = options.customer ?? customer();
  return fakeFetch({
    [`GET /v1/customers/${CUSTOMER_ID}`]: () => json(200, current),
    [`GET /v1/customers/${CUSTOMER_ID}/insights`]: () => json(200, options.insights),
    [`GET /v1/customers/${CUSTOMER_ID}/interactions`]: () => json(200, { items: [], nextCursor: null }),
    [`POST /v1/customers/${CUSTOMER_ID}/interactions`]: async (request) => {
      const body = (await request.json()) as { amount: number; occurredAt: string };
      current = customer({
        version: 2,
        stats: {
          ...current.stats,
          interactionCount: 1,
          orderCount: 1,
          orderValue: body.amount,
          firstOrderAt: body.occurredAt,
          lastOrderAt: body.occurredAt,
        },
      });
      options.onOrder?.();
      return json(201, {
        id: 'i1',
        customerId: CUSTOMER_ID,
        type: 'order',
        ...body,
        source: 'api',
        createdAt: now,
        createdBy: 'u1',
        version: 1,
      });
    },
    'GET /v1/users': () => json(200, { items: [] }),
    // The customer's open task lies past a page that the read budget left empty (done tasks first).
    'GET /v1/tasks': (request) => {
      const query = new URL(request.url).searchParams;
      if (query.get('customerId') === CUSTOMER_ID && !query.get('cursor')) {
        return json(200, { items: [], nextCursor: 'past-done-tasks' });
      }
      return json(200, {
        items:
          query.get('customerId') === CUSTOMER_ID
            ? [
                {
                  id: '01J00000000000000000000T01',
                  kind: 'birthday',
                  customerId: CUSTOMER_ID,
                  customerName: 'x',
                  status: 'open',
                  dueOn: '2026-03-04',
                  ref: null,
                  details: { date: '1980-03-04', years: 46 },
                  assigneeId: 'u1',
                  snoozedUntil: null,
                  completedAt: null,
                  completedBy: null,
                  note: null,
                  createdAt: now,
                  createdBy: 'system:tasks',
                  updatedAt: now,
                  updatedBy: 'system:tasks',
                  version: 1,
                },
              ]
            : [],
        nextCursor: null,
      });
    },
    'GET /v1/pipelines': () =>
      json(200, {
        pipelines: [
          {
            key: 'default',
            name: { en: 'Sales pipeline', zh: '销售漏斗' },
            stages: [
              { key: 'qualify', name: { en: 'Qualify', zh: '资格确认' }, probability: 10, rottingDays: 14 },
            ],
          },
        ],
        leadGrading: { rules: [], otherwise: 'C' },
        version: 0,
        updatedAt: null,
      }),
    // The open deal, too, lies past a page the filter left empty (won and lost deals first).
    'GET /v1/opportunities': (request) => {
      const query = new URL(request.url).searchParams;
      if (query.get('customerId') !== CUSTOMER_ID) return json(200, { items: [], nextCursor: null });
      if (!query.get('cursor')) return json(200, { items: [], nextCursor: 'past-closed-deals' });
      return json(200, {
        items: [
          {
            id: '01J0000000000000000000OPP1',
            customerId: CUSTOMER_ID,
            leadId: null,
            name: 'Ten vans',
            amount: 500_000,
            currency: 'CNY',
            expectedCloseDate: null,
            pipeline: 'default',
            stage: 'qualify',
            stageEnteredAt: now,
            stageHistory: [{ stage: 'qualify', enteredAt: now, leftAt: null, by: 'u1' }],
            competitors: [],
            nextActivity: null,
            lastActivityAt: now,
            status: 'open',
            ownerId: 'u1',
            lostReason: null,
            lostCompetitor: null,
            closeNote: null,
            closedAt: null,
            closedBy: null,
            createdAt: now,
            createdBy: 'u1',
            updatedAt: now,
            updatedBy: 'u1',
            version: 1,
            rotting: false,
          },
        ],
        nextCursor: null,
      });
    },
  });
}

// jsdom has no ResizeObserver; Kobalte's tab indicator measures with one.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

beforeEach(() => {
  localStorage.setItem(
    'crm.session',
    JSON.stringify({ ...sessionAnswer(), expiresAt: Date.now() + 3_600_000 }),
  );
});

describe('the customer 360° view', () => {
  it('shows P(alive) as a gauge with its why: inputs and BG/NBD parameters', async () => {
    renderApp({ path: `/customers/${CUSTOMER_ID}`, fetch: server({ insights: insightsFor(3) }).fetch });
    const meter = await screen.findByRole(
      'meter',
      { name: 'Probability the customer is still buying' },
      { timeout: LAZY_MS },
    );
    expect(meter.getAttribute('aria-valuetext')).toBe('82%');
    fireEvent.click(screen.getByRole('button', { name: 'Why: P(alive) (存活概率)' }));
    const why = await screen.findByRole('dialog', { name: 'Why: P(alive) (存活概率)' });
    expect(within(why).getByText('Repeat purchases x').nextElementSibling?.textContent).toBe('3');
    expect(within(why).getByText('α').nextElementSibling?.textContent).toBe('4.414');
    expect(within(why).getByText('Fader, Hardie & Lee 2008 note, eq. 13')).toBeTruthy();
  });

  it('says the figures are worked out as of the day the server answered for', async () => {
    renderApp({ path: `/customers/${CUSTOMER_ID}`, fetch: server({ insights: insightsFor(3) }).fetch });
    expect(
      await screen.findByText(
        /^Worked out as of Mar 1, 2026 from every order so far/,
        {},
        { timeout: LAZY_MS },
      ),
    ).toBeTruthy();
  });

  it('mentions the fit sample (拟合样本) in the why popovers when the fit was sampled', async () => {
    const sampled = {
      ...insightsFor(3),
      model: { ...model, sample: { customers: 200_000, of: 1_234_567, seed: 'refit-sample-1' } },
    };
    const english = renderApp({
      path: `/customers/${CUSTOMER_ID}`,
      fetch: server({ insights: sampled }).fetch,
    });
    await screen.findByRole(
      'meter',
      { name: 'Probability the customer is still buying' },
      { timeout: LAZY_MS },
    );
    for (const name of ['P(alive) (存活概率)', 'CLV, 12 months (客户终生价值)']) {
      fireEvent.click(screen.getByRole('button', { name: `Why: ${name}` }));
      const why = await screen.findByRole('dialog', { name: `Why: ${name}` });
      expect(
        within(why).getByText(
          'Parameters fitted on a seeded sample (拟合样本) of 200,000 of 1,234,567 buyers; every customer, this one included, was scored with them.',
        ),
      ).toBeTruthy();
      expect(within(why).getByText(/^Model fitted /)).toBeTruthy();
      fireEvent.click(within(why).getByRole('button', { name: 'Close' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    }
    english.unmount();

    renderApp({
      path: `/customers/${CUSTOMER_ID}`,
      locale: 'zh-CN',
      fetch: server({ insights: sampled }).fetch,
    });
    const trigger = await screen.findByRole(
      'button',
      { name: '为什么：存活概率 P(alive)' },
      { timeout: LAZY_MS },
    );
    fireEvent.click(trigger);
    const why = await screen.findByRole('dialog', { name: '为什么：存活概率 P(alive)' });
    expect(within(why).getByText(/拟合样本（1,234,567 位购买客户中的 200,000 位）/)).toBeTruthy();
  });

  it('says nothing of a sample in the why popovers when the fit saw every buyer', async () => {
    renderApp({ path: `/customers/${CUSTOMER_ID}`, fetch: server({ insights: insightsFor(3) }).fetch });
    const trigger = await screen.findByRole(
      'button',
      { name: 'Why: P(alive) (存活概率)' },
      { timeout: LAZY_MS },
    );
    fireEvent.click(trigger);
    const why = await screen.findByRole('dialog', { name: 'Why: P(alive) (存活概率)' });
    expect(within(why).getByText(/^Model fitted /)).toBeTruthy();
    expect(within(why).queryByText(/sample/)).toBeNull();
  });

  it('shows the customer’s open care reminders (关怀提醒)', async () => {
    renderApp({ path: `/customers/${CUSTOMER_ID}`, fetch: server({ insights: insightsFor(3) }).fetch });
    const heading = await screen.findByRole('heading', { name: 'Open tasks' }, { timeout: LAZY_MS });
    const card = heading.closest('section') as HTMLElement;
    expect(within(card).getByText('Birthday (生日祝福)')).toBeTruthy();
    expect(within(card).getByText(/Birthday on/)).toBeTruthy();
  });

  it('says “no repeat purchase yet” for a one-time buyer instead of P(alive) = 100%', async () => {
    renderApp({ path: `/customers/${CUSTOMER_ID}`, fetch: server({ insights: insightsFor(0) }).fetch });
    expect(
      (await screen.findAllByText('No repeat purchase yet', {}, { timeout: LAZY_MS })).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('meter')).toBeNull();
    expect(screen.queryByText('100%')).toBeNull();
  });

  it('says the model is not fitted yet and links to analytics', async () => {
    const insights = {
      customerId: CUSTOMER_ID,
      model: null,
      stored: null,
      insights: null,
      reason: 'no model fit yet',
    };
    renderApp({ path: `/customers/${CUSTOMER_ID}`, fetch: server({ insights }).fetch });
    expect(
      await screen.findByText('The model has not been fitted yet', {}, { timeout: LAZY_MS }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to analytics' }).getAttribute('href')).toBe('/analytics');
  });

  it('records an order in minor units of the tenant’s currency and refreshes the figures', async () => {
    const fake = server({ insights: insightsFor(3) });
    renderApp({ path: `/customers/${CUSTOMER_ID}`, fetch: fake.fetch });
    await screen.findByRole('heading', { level: 1, name: /Chen Household/ }, { timeout: LAZY_MS });
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'order' } });
    fireEvent.input(await screen.findByLabelText(/^Amount/), { target: { value: '128.50' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));

    await waitFor(() => expect(document.querySelector('[data-figure="orders"]')?.textContent).toBe('1'));
    const post = fake.calls.find((call) => call.method === 'POST');
    expect(await post?.json()).toMatchObject({ type: 'order', amount: 12_850, currency: 'CNY' });
    expect(document.querySelector('[data-figure="value"]')?.textContent).toContain('128.50');
  });

  it('shows the orders of every currency the customer bought in, not a zero default-currency total', async () => {
    const paysInDollars = customer({
      stats: {
        interactionCount: 2,
        orderCount: 2,
        orderValue: 0,
        orderValueByCurrency: { USD: 4_200, CNY: 0 },
        paymentValue: 0,
      },
    });
    renderApp({
      path: `/customers/${CUSTOMER_ID}`,
      fetch: server({ insights: insightsFor(3), customer: paysInDollars }).fetch,
    });
    await screen.findByRole('heading', { level: 1, name: /Chen Household/ }, { timeout: LAZY_MS });
    const value = document.querySelector('[data-figure="value"]')?.textContent ?? '';
    expect(value).toContain('42.00');
    expect(value).toContain('$');
    expect(value).not.toContain('0.00 ·');
  });

  it('explains a mistyped amount beside the field without calling the API', async () => {
    const fake = server({ insights: insightsFor(3) });
    renderApp({ path: `/customers/${CUSTOMER_ID}`, fetch: fake.fetch });
    await screen.findByRole('heading', { level: 1, name: /Chen Household/ }, { timeout: LAZY_MS });
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'payment' } });
    fireEvent.input(await screen.findByLabelText(/^Amount/), { target: { value: '12.345' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(await screen.findByText('must be an amount, e.g. 128.50')).toBeTruthy();
    expect(fake.calls.some((call) => call.method === 'POST')).toBe(false);
  });

  it('shows the newer version when a contact changed meanwhile (409) and reapplies the edit on it', async () => {
    const contact = {
      id: '01J00000000000000000000C01',
      customerId: CUSTOMER_ID,
      name: 'Chen Li',
      roles: [],
      primary: false,
      relations: [],
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    let stored = { ...contact, title: 'Buyer', version: 2 };
    const patches: { ifMatch: string | null; body: Record<string, unknown> }[] = [];
    const fake = fakeFetch({
      [`GET /v1/customers/${CUSTOMER_ID}`]: () => json(200, customer()),
      [`GET /v1/customers/${CUSTOMER_ID}/insights`]: () => json(200, insightsFor(3)),
      [`GET /v1/customers/${CUSTOMER_ID}/interactions`]: () => json(200, { items: [], nextCursor: null }),
      [`GET /v1/customers/${CUSTOMER_ID}/contacts`]: () =>
        json(200, { items: [patches.length ? stored : contact] }),
      [`GET /v1/customers/${CUSTOMER_ID}/contacts/${contact.id}`]: () => json(200, stored),
      [`PATCH /v1/customers/${CUSTOMER_ID}/contacts/${contact.id}`]: async (request) => {
        const ifMatch = request.headers.get('if-match');
        const body = (await request.json()) as Record<string, unknown>;
        patches.push({ ifMatch, body });
        if (ifMatch !== `"${stored.version}"`) {
          return json(409, { error: { code: 'version_conflict', message: 'changed' } });
        }
        stored = { ...stored, ...(body as object), version: stored.version + 1 };
        return json(200, stored);
      },
      'GET /v1/users': () => json(200, { items: [] }),
    });
    renderApp({ path: `/customers/${CUSTOMER_ID}`, fetch: fake.fetch });
    const contactsTab = await screen.findByRole('tab', { name: 'Contacts (联系人)' }, { timeout: LAZY_MS });
    fireEvent.pointerDown(contactsTab, { pointerType: 'mouse', button: 0 });
    fireEvent.pointerUp(contactsTab, { pointerType: 'mouse', button: 0 });
    fireEvent.click(contactsTab);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit: Chen Li' }));
    fireEvent.input(await screen.findByLabelText('Phone'), { target: { value: '+86 21 5555 0101' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save contact' }));

    const conflict = await screen.findByRole('dialog', { name: 'Someone else changed this' });
    expect(within(conflict).getByText(/Chen Li · Buyer/)).toBeTruthy();
    fireEvent.click(within(conflict).getByRole('button', { name: 'Reapply my changes' }));

    await waitFor(() => expect(patches).toHaveLength(2));
    expect(patches[0]?.ifMatch).toBe('"1"');
    // Only the changed field goes again: the other user's new title stays.
    expect(patches[1]).toEqual({ ifMatch: '"2"', body: { phone: '+86 21 5555 0101' } });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it("shows the customer's open tasks even when the first page of the filter came back empty", async () => {
    renderApp({ path: `/customers/${CUSTOMER_ID}`, fetch: server({ insights: insightsFor(3) }).fetch });
    const heading = await screen.findByRole('heading', { name: 'Open tasks' }, { timeout: LAZY_MS });
    const card = heading.closest('section') as HTMLElement;
    await waitFor(() => expect(card.querySelectorAll('li').length).toBe(1));
    expect(screen.queryByText('No open tasks for this customer.')).toBeNull();
  });

  it("shows the customer's open deals past an empty first page, each stage by its name in the reader's language", async () => {
    renderApp({
      path: `/customers/${CUSTOMER_ID}`,
      fetch: server({ insights: insightsFor(3) }).fetch,
      locale: 'zh-CN',
    });
    const heading = await screen.findByRole('heading', { name: '进行中的销售机会' }, { timeout: LAZY_MS });
    const card = heading.closest('section') as HTMLElement;
    await waitFor(() => expect(card.querySelector('[data-deal]')?.textContent).toContain('资格确认'));
    expect(card.textContent).not.toContain('qualify');
  });

  it("sets a contact's birthday for the greeting task and shows it; an emptied date clears it", async () => {
    let stored = {
      id: '01J00000000000000000000C02',
      customerId: CUSTOMER_ID,
      name: 'Li Wei',
      roles: [],
      primary: false,
      relations: [],
      createdAt: now,
      updatedAt: now,
      version: 1,
    } as Record<string, unknown>;
    const bodies: Record<string, unknown>[] = [];
    const fake = fakeFetch({
      [`GET /v1/customers/${CUSTOMER_ID}`]: () => json(200, customer()),
      [`GET /v1/customers/${CUSTOMER_ID}/insights`]: () => json(200, insightsFor(3)),
      [`GET /v1/customers/${CUSTOMER_ID}/interactions`]: () => json(200, { items: [], nextCursor: null }),
      [`GET /v1/customers/${CUSTOMER_ID}/contacts`]: () => json(200, { items: [stored] }),
      [`PATCH /v1/customers/${CUSTOMER_ID}/contacts/${stored.id as string}`]: async (request) => {
        const body = (await request.json()) as Record<string, unknown>;
        bodies.push(body);
        const { birthday, ...rest } = { ...stored, ...body };
        stored = { ...rest, ...(birthday ? { birthday } : {}), version: (stored.version as number) + 1 };
        return json(200, stored);
      },
      'GET /v1/users': () => json(200, { items: [] }),
    });
    renderApp({ path: `/customers/${CUSTOMER_ID}`, fetch: fake.fetch });
    const contactsTab = await screen.findByRole('tab', { name: 'Contacts (联系人)' }, { timeout: LAZY_MS });
    fireEvent.pointerDown(contactsTab, { pointerType: 'mouse', button: 0 });
    fireEvent.pointerUp(contactsTab, { pointerType: 'mouse', button: 0 });
    fireEvent.click(contactsTab);

    fireEvent.click(await screen.findByRole('button', { name: 'Edit: Li Wei' }));
    fireEvent.input(await screen.findByLabelText('Birthday'), { target: { value: '1980-03-02' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save contact' }));
    await waitFor(() => expect(bodies).toEqual([{ birthday: '1980-03-02' }]));
    expect(await screen.findByText(/Birthday: .*1980/)).toBeTruthy();

    fireEvent.click(await screen.findByRole('button', { name: 'Edit: Li Wei' }));
    fireEvent.input(await screen.findByLabelText('Birthday'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save contact' }));
    await waitFor(() => expect(bodies.at(-1)).toEqual({ birthday: null }));
    await waitFor(() => expect(screen.queryByText(/Birthday: /)).toBeNull());
  });

  it('shows a contact’s own unsubscribe and sends a consent given again, or handed back to the customer’s', async () => {
    let stored = {
      id: '01J00000000000000000000C03',
      customerId: CUSTOMER_ID,
      name: 'Li Na',
      email: 'li@acme.test',
      roles: [],
      primary: false,
      relations: [],
      emailConsent: false,
      emailUnsubscribedAt: '2026-03-02T08:00:00.000Z',
      smsConsent: true,
      createdAt: now,
      updatedAt: now,
      version: 1,
    } as Record<string, unknown>;
    const bodies: Record<string, unknown>[] = [];
    const fake = fakeFetch({
      [`GET /v1/customers/${CUSTOMER_ID}`]: () => json(200, customer()),
      [`GET /v1/customers/${CUSTOMER_ID}/insights`]: () => json(200, insightsFor(3)),
      [`GET /v1/customers/${CUSTOMER_ID}/interactions`]: () => json(200, { items: [], nextCursor: null }),
      [`GET /v1/customers/${CUSTOMER_ID}/contacts`]: () => json(200, { items: [stored] }),
      [`PATCH /v1/customers/${CUSTOMER_ID}/contacts/${stored.id as string}`]: async (request) => {
        const body = (await request.json()) as Record<string, unknown>;
        bodies.push(body);
        const { emailUnsubscribedAt: _gone, smsConsent, ...rest } = { ...stored, ...body };
        stored = {
          ...rest,
          ...(smsConsent === null ? {} : { smsConsent }),
          version: (stored.version as number) + 1,
        };
        return json(200, stored);
      },
      'GET /v1/users': () => json(200, { items: [] }),
    });
    renderApp({ path: `/customers/${CUSTOMER_ID}`, fetch: fake.fetch });
    const contactsTab = await screen.findByRole('tab', { name: 'Contacts (联系人)' }, { timeout: LAZY_MS });
    fireEvent.pointerDown(contactsTab, { pointerType: 'mouse', button: 0 });
    fireEvent.pointerUp(contactsTab, { pointerType: 'mouse', button: 0 });
    fireEvent.click(contactsTab);

    const consent = await screen.findByTestId('contact-consent');
    expect(consent.textContent).toMatch(/^Marketing e-mail: unsubscribed .*2026.* · Marketing SMS: agreed$/);

    fireEvent.click(await screen.findByRole('button', { name: 'Edit: Li Na' }));
    fireEvent.change(await screen.findByLabelText('Marketing e-mail (营销许可)'), {
      target: { value: 'yes' },
    });
    fireEvent.change(screen.getByLabelText('Marketing SMS (营销许可)'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save contact' }));
    await waitFor(() => expect(bodies).toEqual([{ emailConsent: true, smsConsent: null }]));
    await waitFor(() =>
      expect(screen.getByTestId('contact-consent').textContent).toBe('Marketing e-mail: agreed'),
    );
  });

  it('archives with the version on screen; a customer changed meanwhile is shown, not archived', async () => {
    const deletes: (string | null)[] = [];
    const fake = fakeFetch({
      [`GET /v1/customers/${CUSTOMER_ID}`]: () => json(200, customer()),
      [`GET /v1/customers/${CUSTOMER_ID}/insights`]: () => json(200, insightsFor(3)),
      [`GET /v1/customers/${CUSTOMER_ID}/interactions`]: () => json(200, { items: [], nextCursor: null }),
      [`DELETE /v1/customers/${CUSTOMER_ID}`]: (request) => {
        deletes.push(request.headers.get('if-match'));
        if (deletes.length === 1) {
          const current = customer({ version: 2, name: 'Renamed meanwhile 新名字' });
          return json(409, { error: { code: 'version_conflict', message: 'stale', details: { current } } });
        }
        return json(200, customer({ version: 3, name: 'Renamed meanwhile 新名字', archivedAt: now }));
      },
      'GET /v1/users': () => json(200, { items: [] }),
    });
    renderApp({ path: `/customers/${CUSTOMER_ID}`, fetch: fake.fetch });
    fireEvent.click(await screen.findByRole('button', { name: 'Archive' }, { timeout: LAZY_MS }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /changed this customer since you opened it/,
    );
    expect(await screen.findByRole('heading', { name: /Renamed meanwhile/ })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Archive' }));
    expect(await screen.findByRole('button', { name: 'Restore' })).toBeTruthy();
    expect(deletes).toEqual(['"1"', '"2"']);
  });

  it('deletes a timeline entry after asking, with its version, and refreshes the figures; a complaint’s own entry offers no delete', async () => {
    const order = {
      id: '01J00000000000000000000I01',
      customerId: CUSTOMER_ID,
      type: 'order' as const,
      occurredAt: '2026-02-10T02:00:00.000Z',
      amount: 12_850,
      currency: 'CNY',
      source: 'api',
      createdAt: now,
      createdBy: 'u1',
      version: 1,
    };
    const complaintEntry = {
      ...order,
      id: '01J00000000000000000000K01',
      type: 'complaint' as const,
      amount: undefined,
      currency: undefined,
      reference: '01J00000000000000000000K01',
      subject: 'Late delivery',
    };
    let current = customer({
      stats: {
        interactionCount: 2,
        orderCount: 1,
        orderValue: 12_850,
        orderValueByCurrency: { CNY: 12_850 },
        paymentValue: 0,
      },
    });
    let items: unknown[] = [order, complaintEntry];
    const deletes: { path: string; ifMatch: string | null }[] = [];
    const fake = fakeFetch({
      [`GET /v1/customers/${CUSTOMER_ID}`]: () => json(200, current),
      [`GET /v1/customers/${CUSTOMER_ID}/insights`]: () => json(200, insightsFor(3)),
      [`GET /v1/customers/${CUSTOMER_ID}/interactions`]: () => json(200, { items, nextCursor: null }),
      [`DELETE /v1/customers/${CUSTOMER_ID}/interactions/${order.id}`]: (request) => {
        deletes.push({ path: new URL(request.url).pathname, ifMatch: request.headers.get('if-match') });
        items = [complaintEntry];
        current = customer({
          stats: {
            interactionCount: 1,
            orderCount: 0,
            orderValue: 0,
            orderValueByCurrency: { CNY: 0 },
            paymentValue: 0,
          },
        });
        return new Response(null, { status: 204 });
      },
      'GET /v1/users': () => json(200, { items: [] }),
    });
    renderApp({ path: `/customers/${CUSTOMER_ID}`, fetch: fake.fetch });
    await screen.findByText('Late delivery', {}, { timeout: LAZY_MS });
    const deleteButtons = screen.getAllByRole('button', { name: /^Delete / });
    expect(deleteButtons).toHaveLength(1);
    expect(deleteButtons[0]?.getAttribute('aria-label')).toMatch(/^Delete Order of /);

    fireEvent.click(deleteButtons[0] as HTMLElement);
    const asked = await screen.findByRole('dialog', { name: 'Delete this entry?' });
    expect(within(asked).getByText(/128\.50 leaves the customer’s figures/)).toBeTruthy();
    fireEvent.click(within(asked).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(deletes).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: /^Delete Order of / }));
    const confirm = await screen.findByRole('dialog', { name: 'Delete this entry?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));

    await waitFor(() => expect(document.querySelector('[data-figure="orders"]')?.textContent).toBe('0'));
    expect(deletes).toEqual([
      { path: `/v1/customers/${CUSTOMER_ID}/interactions/${order.id}`, ifMatch: '"1"' },
    ]);
    await waitFor(() => expect(screen.queryByRole('button', { name: /^Delete Order of / })).toBeNull());
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
