import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import type { components } from '../../lib/api/schema.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

type Quote = components['schemas']['QuoteView'];
type Figures = components['schemas']['QuoteFigures'];
const LAZY_MS = 20_000;
const now = '2026-03-01T00:00:00.000Z';
const ME = sessionAnswer().user.id;
const DEAL_ID = '01J0000000000000000000OPP1';

const setup = {
  pipelines: [
    {
      key: 'default',
      name: { en: 'Sales pipeline', zh: '销售漏斗' },
      stages: [{ key: 'qualify', name: { en: 'Qualify', zh: '资格确认' }, probability: 10, rottingDays: 14 }],
    },
  ],
  leadGrading: { rules: [], otherwise: 'C' as const },
  version: 0,
  updatedAt: null,
};
const deal = {
  id: DEAL_ID,
  customerId: '01J00000000000000000000001',
  leadId: null,
  name: 'Ten vans',
  amount: 500_000,
  currency: 'CNY',
  expectedCloseDate: null,
  pipeline: 'default',
  stage: 'qualify',
  stageEnteredAt: now,
  stageHistory: [{ stage: 'qualify', enteredAt: now, leftAt: null, by: ME }],
  competitors: [],
  nextActivity: null,
  lastActivityAt: now,
  status: 'open',
  ownerId: ME,
  lostReason: null,
  lostCompetitor: null,
  closeNote: null,
  closedAt: null,
  closedBy: null,
  createdAt: now,
  createdBy: ME,
  updatedAt: now,
  updatedBy: ME,
  version: 1,
  rotting: false,
};

/** What the server answers for the figures: the lines' nets summed (no discounts in these tests). */
function totalsOf(figures: Figures) {
  const lines = figures.lines.map((line) => {
    const gross = line.quantity * line.unitPrice;
    return { gross, discount: 0, net: gross };
  });
  const net = lines.reduce((sum, line) => sum + line.net, 0);
  return { lines, subtotal: net, discount: 0, net, taxes: [], tax: 0, total: net };
}

function quote(overrides: Partial<Quote> = {}): Quote {
  const lines = [{ description: 'Van', quantity: 2, unitPrice: 25_000 }];
  return {
    id: '01J0000000000000000000QUO1',
    opportunityId: DEAL_ID,
    customerId: deal.customerId,
    lines,
    discount: null,
    taxes: [],
    currency: 'CNY',
    validUntil: '2026-03-31',
    note: null,
    totals: totalsOf({ lines }),
    status: 'draft',
    sentAt: null,
    sentBy: null,
    decidedAt: null,
    decidedBy: null,
    rejectReason: null,
    order: null,
    createdAt: now,
    createdBy: ME,
    updatedAt: now,
    updatedBy: ME,
    version: 1,
    onCreditHold: false,
    creditHold: null,
    ...overrides,
  };
}

beforeEach(() => {
  localStorage.setItem(
    'crm.session',
    JSON.stringify({ ...sessionAnswer(), expiresAt: Date.now() + 3_600_000 }),
  );
});

describe('the quote editor', () => {
  it('adds and removes lines, shows the server’s live totals and saves the lines in minor units', async () => {
    const created: unknown[] = [];
    const { fetch } = fakeFetch({
      'GET /v1/opportunities/01J0000000000000000000OPP1': () => json(200, deal),
      'GET /v1/pipelines': () => json(200, setup),
      'GET /v1/opportunities/01J0000000000000000000OPP1/quotes': () => json(200, { items: [] }),
      'POST /v1/quotes/totals': async (request) => json(200, totalsOf((await request.json()) as Figures)),
      'POST /v1/opportunities/01J0000000000000000000OPP1/quotes': async (request) => {
        const body = (await request.json()) as Figures;
        created.push(body);
        return json(201, quote({ lines: body.lines, totals: totalsOf(body) }));
      },
    });
    renderApp({ path: `/sales/opportunities/${DEAL_ID}`, fetch, locale: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'New quote' }, { timeout: LAZY_MS }));
    const editor = screen.getByRole('form', { name: 'Quotes (报价)' });

    fireEvent.input(within(editor).getByLabelText('Description 1'), { target: { value: 'Van' } });
    fireEvent.input(within(editor).getByLabelText('Qty 1'), { target: { value: '2' } });
    fireEvent.input(within(editor).getByLabelText('Unit price 1'), { target: { value: '250.00' } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Add line' }));
    fireEvent.input(within(editor).getByLabelText('Description 2'), { target: { value: 'Wrap' } });
    fireEvent.input(within(editor).getByLabelText('Unit price 2'), { target: { value: '99.5' } });
    await waitFor(() => expect(within(editor).getByTestId('quote-total').textContent).toContain('599.50'));

    fireEvent.click(within(editor).getByRole('button', { name: 'Remove line 2' }));
    await waitFor(() => expect(within(editor).getByTestId('quote-total').textContent).toContain('500.00'));
    expect(within(editor).queryByLabelText('Description 2')).toBeNull();

    fireEvent.click(within(editor).getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(screen.getByTestId('quote-status').textContent).toBe('Draft'));
    expect(created).toEqual([
      { lines: [{ description: 'Van', quantity: 2, unitPrice: 25_000 }], taxes: [], currency: 'CNY' },
    ]);
  });

  it('accepts a sent quote in Chinese and shows its order on credit hold', async () => {
    const accepted: unknown[] = [];
    const { fetch } = fakeFetch({
      'GET /v1/opportunities/01J0000000000000000000OPP1': () => json(200, deal),
      'GET /v1/pipelines': () => json(200, setup),
      'GET /v1/opportunities/01J0000000000000000000OPP1/quotes': () =>
        json(200, { items: [quote({ status: 'sent', version: 2 })] }),
      'POST /v1/quotes/01J0000000000000000000QUO1/accept': async (request) => {
        accepted.push(await request.json());
        return json(
          200,
          quote({
            status: 'accepted',
            version: 3,
            order: { id: '01J0000000000000000000ORD1', occurredAt: now },
            onCreditHold: true,
            creditHold: { reasons: [{ code: 'over_limit', exposure: 150_000, limit: 100_000 }], at: now },
          }),
        );
      },
    });
    renderApp({ path: `/sales/opportunities/${DEAL_ID}`, fetch, locale: 'zh-CN' });
    fireEvent.click(await screen.findByRole('button', { name: '接受' }, { timeout: LAZY_MS }));
    await waitFor(() => expect(screen.getByTestId('quote-status').textContent).toBe('已接受'));
    expect(screen.getByTestId('quote-hold').textContent).toBe('信用冻结');
    expect(screen.getByText('订单已记入客户联络历史。')).toBeTruthy();
    expect(accepted).toEqual([{ version: 2 }]);
  });
});
