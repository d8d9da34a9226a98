import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import type { components } from '../../lib/api/schema.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

type CreditFile = components['schemas']['CreditFile'];
const CUSTOMER_ID = '01J00000000000000000000001';
const LAZY_MS = 20_000;
const now = '2026-03-01T00:00:00.000Z';

function creditFile(overrides: Partial<CreditFile> = {}): CreditFile {
  return {
    customerId: CUSTOMER_ID,
    status: 'hold',
    score: 48,
    grade: 'C',
    limit: 100_000,
    limitSource: 'override',
    termDays: 15,
    currency: 'CNY',
    exposure: 150_000,
    overdue: 0,
    maxDaysOverdue: 0,
    reasons: [{ code: 'over_limit', exposure: 150_000, limit: 100_000 }],
    factors: [{ factor: 'paymentHistory', value: 0.5, weight: 35, basis: 'no settled receivables yet' }],
    ageing: { notDue: 150_000, d0_30: 0, d31_60: 0, d61_90: 0, d91_120: 0, d121Plus: 0 },
    releasePending: false,
    heldSince: now,
    override: { limit: 100_000, reason: 'new account', setBy: 'u1', setAt: now },
    pendingLimit: null,
    rating: null,
    settledOnTime: 0,
    settledTotal: 0,
    unapplied: 0,
    evaluatedAt: now,
    version: 3,
    ...overrides,
  };
}

const ORDER_ID = '01J0000000000000000000000O';

/** The customer's orders page as the API answers it: one order, held until rejected. */
function heldOrderPage(held: boolean) {
  return {
    items: [
      {
        id: ORDER_ID,
        customerId: CUSTOMER_ID,
        type: 'order',
        occurredAt: now,
        amount: 150_000,
        currency: 'CNY',
        source: 'api',
        creditHold: {
          reasons: [],
          at: now,
          ...(held ? {} : { rejected: { at: now, by: 'u1', reason: 'no deposit' } }),
        },
        createdAt: now,
        createdBy: 'u1',
        version: 1,
      },
    ],
    nextCursor: null,
  };
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

const none = { notDue: 0, d0_30: 0, d31_60: 0, d61_90: 0, d91_120: 0, d121Plus: 0 };
const noAgeing = () =>
  json(200, {
    currency: 'CNY',
    asOf: '2026-03-01',
    totals: none,
    open: 0,
    receivables: 0,
    customerCount: 0,
    customers: [],
    capped: false,
  });

describe('the credit hold list', () => {
  it('lists held customers by name with what they owe and why', async () => {
    const { fetch } = fakeFetch({
      'GET /v1/credit/holds': () => json(200, { items: [creditFile()] }),
      'GET /v1/credit/ageing': noAgeing,
      [`GET /v1/customers/${CUSTOMER_ID}`]: () => json(200, { id: CUSTOMER_ID, name: 'Big Buyer Ltd' }),
    });
    renderApp({ path: '/credit/holds', fetch });
    expect(await screen.findByRole('link', { name: 'Big Buyer Ltd' }, { timeout: LAZY_MS })).toBeTruthy();
    expect(screen.getByText(/over the limit of/)).toBeTruthy();
  });

  it("lets an admin open a held customer's orders and reject one there; the customer leaves the list", async () => {
    let sent: unknown;
    let held = true;
    const { fetch } = fakeFetch({
      'GET /v1/credit/holds': () => json(200, { items: [creditFile()] }),
      'GET /v1/credit/ageing': noAgeing,
      [`GET /v1/customers/${CUSTOMER_ID}`]: () => json(200, { id: CUSTOMER_ID, name: 'Big Buyer Ltd' }),
      [`GET /v1/customers/${CUSTOMER_ID}/interactions`]: () => json(200, heldOrderPage(held)),
      [`POST /v1/customers/${CUSTOMER_ID}/credit/orders/${ORDER_ID}/reject`]: async (request) => {
        sent = await request.json();
        held = false;
        return json(200, creditFile({ status: 'ok', exposure: 0, reasons: [], heldSince: null, version: 4 }));
      },
    });
    renderApp({ path: '/credit/holds', fetch });

    const toggle = await screen.findByRole('button', { name: 'Held orders' }, { timeout: LAZY_MS });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    const form = await screen.findByRole('form', { name: /Reject the order of/ });
    fireEvent.input(within(form).getByLabelText(/Reason for rejecting/), { target: { value: 'no deposit' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Reject' }));

    await waitFor(() => expect(sent).toEqual({ reason: 'no deposit' }));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Big Buyer Ltd' })).toBeNull());
  });

  it('lets an admin release a cleared hold that waits for approval from the list itself', async () => {
    let released = false;
    const { fetch } = fakeFetch({
      'GET /v1/credit/holds': () =>
        json(200, { items: [creditFile({ releasePending: true, exposure: 0, reasons: [] })] }),
      'GET /v1/credit/ageing': noAgeing,
      [`GET /v1/customers/${CUSTOMER_ID}`]: () => json(200, { id: CUSTOMER_ID, name: 'Big Buyer Ltd' }),
      [`POST /v1/customers/${CUSTOMER_ID}/credit/release`]: () => {
        released = true;
        return json(200, creditFile({ status: 'ok', exposure: 0, reasons: [], heldSince: null, version: 4 }));
      },
    });
    renderApp({ path: '/credit/holds', fetch });

    const release = await screen.findByRole(
      'button',
      { name: 'Release the hold of Big Buyer Ltd' },
      { timeout: LAZY_MS },
    );
    expect(screen.getByText('cleared, awaiting release')).toBeTruthy();
    fireEvent.click(release);

    await waitFor(() => expect(released).toBe(true));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Big Buyer Ltd' })).toBeNull());
  });

  it('says so when nobody is held, in Chinese too', async () => {
    const { fetch } = fakeFetch({
      'GET /v1/credit/holds': () => json(200, { items: [] }),
      'GET /v1/credit/ageing': noAgeing,
    });
    renderApp({ path: '/credit/holds', fetch, locale: 'zh-CN' });
    expect(await screen.findByText('目前没有被冻结的客户。', {}, { timeout: LAZY_MS })).toBeTruthy();
    expect(await screen.findByText('暂无应收账款。')).toBeTruthy();
  });

  it('shows the receivables ageing under it, oldest money first, with the totals and who is left out', async () => {
    let asked: URL | undefined;
    const { fetch } = fakeFetch({
      'GET /v1/credit/holds': () => json(200, { items: [] }),
      'GET /v1/credit/ageing': (request) => {
        asked = new URL(request.url);
        return json(200, {
          currency: 'CNY',
          asOf: '2026-03-01',
          totals: { ...none, notDue: 50_000, d91_120: 123_400 },
          open: 173_400,
          receivables: 3,
          customerCount: 2,
          customers: [
            {
              customerId: CUSTOMER_ID,
              name: 'Slow Payer Ltd',
              open: 123_400,
              ageing: { ...none, d91_120: 123_400 },
            },
          ],
          capped: false,
        });
      },
    });
    renderApp({ path: '/credit/holds', fetch });

    const table = (await screen.findByRole('link', { name: 'Slow Payer Ltd' }, { timeout: LAZY_MS })).closest(
      'table',
    ) as HTMLTableElement;
    expect(asked?.searchParams.get('limit')).toBe('20');
    expect(screen.getByRole('heading', { name: 'Receivables ageing' })).toBeTruthy();
    const line = table.querySelector(`tr[data-customer="${CUSTOMER_ID}"]`) as HTMLElement;
    expect(line.querySelector('[data-bucket="d91_120"]')?.textContent).toMatch(/1,234\.00/);
    expect(line.querySelector('[data-bucket="d0_30"]')?.textContent).toBe('—');
    const total = table.querySelector('tr[data-total]') as HTMLElement;
    expect(total.textContent).toMatch(/1,734\.00/);
    expect(total.querySelector('[data-bucket="notDue"]')?.textContent).toMatch(/500\.00/);
    expect(total.querySelector('[data-bucket="d0_30"]')?.textContent).toBe('—');
    expect(screen.getByText('One more customer owes, less long overdue.')).toBeTruthy();
  });
});

describe('the credit panel', () => {
  it('shows the hold, and an admin sets a limit that is sent in minor units with the reason', async () => {
    let sent: unknown;
    const { fetch } = fakeFetch({
      [`GET /v1/customers/${CUSTOMER_ID}`]: () =>
        json(200, {
          id: CUSTOMER_ID,
          name: 'Big Buyer Ltd',
          kind: 'business',
          status: 'active',
          tags: [],
          customFields: {},
          stats: {
            interactionCount: 1,
            orderCount: 1,
            orderValue: 150_000,
            orderValueByCurrency: {},
            paymentValue: 0,
          },
          createdAt: now,
          updatedAt: now,
          createdBy: 'u1',
          version: 1,
        }),
      [`GET /v1/customers/${CUSTOMER_ID}/credit`]: () => json(200, creditFile()),
      [`GET /v1/customers/${CUSTOMER_ID}/credit/decisions`]: () => json(200, { items: [] }),
      [`GET /v1/customers/${CUSTOMER_ID}/churn`]: () =>
        json(200, {
          customerId: CUSTOMER_ID,
          state: 'at_risk',
          since: now,
          leftActiveAt: now,
          lastOrderAt: now,
          daysSinceLastOrder: 40,
          gapDays: 20,
          gapRatio: 2,
          pAlive: 0.6,
          decidedBy: 'gap',
          abcClass: 'A',
          valuable: true,
          suggestion: 'personal_call',
          evaluatedAt: now,
        }),
      [`PUT /v1/customers/${CUSTOMER_ID}/credit/limit`]: async (request) => {
        sent = await request.json();
        return json(200, creditFile({ status: 'ok', limit: 200_000, reasons: [], heldSince: null }));
      },
    });
    renderApp({ path: `/customers/${CUSTOMER_ID}?tab=credit`, fetch });
    expect(await screen.findByText(/On hold since/, {}, { timeout: LAZY_MS })).toBeTruthy();
    expect(await screen.findByText('At risk (流失风险)')).toBeTruthy();
    expect(screen.getByText(/40 days since the last order; usually every 20 days/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Set limit' }));
    fireEvent.input(screen.getByLabelText(/^Limit/), { target: { value: '2,000.00' } });
    fireEvent.input(screen.getByLabelText('Reason'), { target: { value: 'paid on time for a year' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save limit' }));
    await waitFor(() => expect(sent).toEqual({ limit: 200_000, reason: 'paid on time for a year' }));
    await waitFor(() => expect(screen.queryByText(/On hold since/)).toBeNull());
  });
});

describe('the suggested limit', () => {
  it('shows the suggestion with its reasoning, and an admin accepts it', async () => {
    let sent: unknown;
    let version = 3;
    const { fetch } = fakeFetch({
      [`GET /v1/customers/${CUSTOMER_ID}`]: () =>
        json(200, {
          id: CUSTOMER_ID,
          name: 'Big Buyer Ltd',
          kind: 'business',
          status: 'active',
          tags: [],
          customFields: {},
          stats: {
            interactionCount: 1,
            orderCount: 1,
            orderValue: 150_000,
            orderValueByCurrency: {},
            paymentValue: 0,
          },
          createdAt: now,
          updatedAt: now,
          createdBy: 'u1',
          version: 1,
        }),
      [`GET /v1/customers/${CUSTOMER_ID}/credit`]: () => json(200, creditFile({ version })),
      [`GET /v1/customers/${CUSTOMER_ID}/credit/decisions`]: () => json(200, { items: [] }),
      [`GET /v1/customers/${CUSTOMER_ID}/credit/suggested-limit`]: () =>
        json(200, {
          limit: 180_000,
          currency: 'CNY',
          steps: [
            { step: 'expected_need', amount: 360_000 },
            { step: 'payment_behaviour', amount: 180_000 },
          ],
          inputs: {
            expectedOrdersInTerm: 2.4,
            averageOrderValue: 150_000,
            clv: null,
            onTimeShare: null,
            termDays: 15,
          },
        }),
      [`PUT /v1/customers/${CUSTOMER_ID}/credit/limit`]: async (request) => {
        sent = await request.json();
        version = 4;
        return json(200, creditFile({ limit: 180_000, version }));
      },
    });
    renderApp({ path: `/customers/${CUSTOMER_ID}?tab=credit`, fetch });

    expect(
      await screen.findByText(/Suggested: ¥1,800\.00|Suggested: CN¥1,800\.00/, {}, { timeout: LAZY_MS }),
    ).toBeTruthy();
    expect(screen.getByText(/Expected need within the term/)).toBeTruthy();
    expect(screen.getByText(/Scaled by payment behaviour/)).toBeTruthy();
    expect(screen.getByText(/2\.4 expected orders in 15 days/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Accept the suggestion' }));
    await waitFor(() => expect(sent).toEqual({ limit: 180_000, reason: 'accepted suggestion' }));
    expect(await screen.findByText('The current limit is the suggestion.')).toBeTruthy();
  });
});

describe('held orders', () => {
  it('lets an admin reject a held order with a reason, which takes it off the hold', async () => {
    let sent: unknown;
    let held = true;
    const { fetch } = fakeFetch({
      [`GET /v1/customers/${CUSTOMER_ID}`]: () =>
        json(200, {
          id: CUSTOMER_ID,
          name: 'Big Buyer Ltd',
          kind: 'business',
          status: 'active',
          tags: [],
          customFields: {},
          stats: {
            interactionCount: 1,
            orderCount: 1,
            orderValue: 150_000,
            orderValueByCurrency: {},
            paymentValue: 0,
          },
          createdAt: now,
          updatedAt: now,
          createdBy: 'u1',
          version: 1,
        }),
      [`GET /v1/customers/${CUSTOMER_ID}/credit`]: () => json(200, creditFile()),
      [`GET /v1/customers/${CUSTOMER_ID}/credit/decisions`]: () => json(200, { items: [] }),
      [`GET /v1/customers/${CUSTOMER_ID}/interactions`]: () => json(200, heldOrderPage(held)),
      [`POST /v1/customers/${CUSTOMER_ID}/credit/orders/${ORDER_ID}/reject`]: async (request) => {
        sent = await request.json();
        held = false;
        return json(200, creditFile({ status: 'ok', exposure: 0, reasons: [], heldSince: null, version: 4 }));
      },
    });
    renderApp({ path: `/customers/${CUSTOMER_ID}?tab=credit`, fetch });

    const form = await screen.findByRole('form', { name: /Reject the order of/ }, { timeout: LAZY_MS });
    fireEvent.input(within(form).getByLabelText(/Reason for rejecting/), { target: { value: 'no deposit' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Reject' }));

    await waitFor(() => expect(sent).toEqual({ reason: 'no deposit' }));
    await waitFor(() => expect(screen.queryByText(/On hold since/)).toBeNull());
    expect(screen.queryByRole('form', { name: /Reject the order of/ })).toBeNull();
  });
});

describe('the open receivables on the credit tab', () => {
  const receivable = (overrides: Record<string, unknown>) => ({
    customerId: CUSTOMER_ID,
    issuedAt: '2026-01-01T08:00:00.000Z',
    paid: 0,
    source: 'order',
    currency: 'CNY',
    ...overrides,
  });

  it('lists what is still owed, oldest due first, with money in another currency marked outside the figures', async () => {
    const { fetch } = fakeFetch({
      [`GET /v1/customers/${CUSTOMER_ID}`]: () =>
        json(200, {
          id: CUSTOMER_ID,
          name: 'Big Buyer Ltd',
          kind: 'business',
          status: 'active',
          tags: [],
          customFields: {},
          stats: {
            interactionCount: 3,
            orderCount: 3,
            orderValue: 80_000,
            orderValueByCurrency: { CNY: 80_000, USD: 30_000 },
            paymentValue: 0,
          },
          createdAt: now,
          updatedAt: now,
          createdBy: 'u1',
          version: 1,
        }),
      [`GET /v1/customers/${CUSTOMER_ID}/credit`]: () => json(200, creditFile({ currency: 'CNY' })),
      [`GET /v1/customers/${CUSTOMER_ID}/credit/decisions`]: () => json(200, { items: [] }),
      [`GET /v1/customers/${CUSTOMER_ID}/credit/receivables`]: () =>
        json(200, {
          items: [
            receivable({ id: 'R-LATER', dueDate: '2099-01-01', amount: 30_000, currency: 'USD' }),
            receivable({ id: 'R-OLD', dueDate: '2026-01-16', amount: 50_000, paid: 20_000 }),
            receivable({ id: 'R-PAID', dueDate: '2026-01-10', amount: 10_000, paid: 10_000 }),
          ],
        }),
    });
    renderApp({ path: `/customers/${CUSTOMER_ID}?tab=credit`, fetch });
    const heading = await screen.findByRole(
      'heading',
      { name: 'Open receivables (应收账款)' },
      { timeout: LAZY_MS },
    );
    const section = heading.closest('section') as HTMLElement;
    await waitFor(() => expect(section.querySelectorAll('tr[data-receivable]').length).toBe(2));
    const rows = [...section.querySelectorAll<HTMLElement>('tr[data-receivable]')];
    expect(rows.map((row) => row.dataset.receivable)).toEqual(['R-OLD', 'R-LATER']);
    expect(rows[0]?.textContent).toMatch(/300\.00/);
    expect(rows[0]?.textContent).toMatch(/\d+ days past due/);
    expect(rows[0]?.textContent).not.toContain('Not in the credit figures');
    expect(rows[1]?.textContent).toContain('Not due yet');
    expect(rows[1]?.textContent).toContain('Not in the credit figures: credit is kept in CNY');
    expect(within(section).getByText('1 settled receivable')).toBeTruthy();
    // USD orders make no receivable: the tab says they are outside credit control.
    expect(within(section).getByTestId('uncounted-currencies').textContent).toBe(
      'Orders in USD are not in credit control: credit is kept in CNY, so they are not listed here and count towards no limit.',
    );
  });
});
