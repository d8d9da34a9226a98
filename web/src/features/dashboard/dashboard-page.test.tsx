import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

// jsdom has no canvas: a stand-in uPlot records what it was asked to draw.
const drawn = vi.hoisted(() => [] as unknown[][]);
vi.mock('uplot', () => {
  class FakeUplot {
    static paths = { bars: () => () => null };
    constructor(_options: unknown, data: unknown[], target: HTMLElement) {
      drawn.push(data);
      target.appendChild(document.createElement('canvas'));
    }
    setSize() {}
    destroy() {}
  }
  return { default: FakeUplot };
});

const fit = { id: 'fit-1', status: 'succeeded', trigger: 'api', startedAt: '2026-01-02T00:00:00.000Z' };

const summary = {
  fitId: 'fit-1',
  fittedAt: '2026-01-02T00:00:05.000Z',
  asOf: '2026-01-01',
  currency: 'CNY',
  customers: { total: 120, withOrders: 100, repeaters: 40 },
  valueDistribution: Array.from({ length: 10 }, (_, index) => ({
    decile: index + 1,
    customers: 10,
    min: 1000 * (10 - index),
    max: 2000 * (10 - index),
    total: 15000 * (10 - index),
    share: (10 - index) / 55,
  })),
  abc: {
    thresholds: { a: 0.8, b: 0.95 },
    counts: { A: 20, B: 30, C: 50 },
    shares: { A: 0.8, B: 0.15, C: 0.05 },
  },
  segments: [
    { segment: 'champions', name: '重要价值客户', customers: 30 },
    { segment: 'cant-lose', name: '不能流失客户', customers: 5 },
    { segment: 'at-risk', name: '风险客户', customers: 7 },
    { segment: 'lost', name: '流失客户', customers: 11 },
  ],
  lifecycle: [],
  months: [
    {
      month: '2025-11',
      activeCustomers: 30,
      retainedCustomers: 0,
      retentionRate: null,
      newCustomers: 30,
      customerBase: 30,
      acquisitionRate: 1,
    },
    {
      month: '2025-12',
      activeCustomers: 40,
      retainedCustomers: 12,
      retentionRate: 0.4,
      newCustomers: 20,
      customerBase: 50,
      acquisitionRate: 0.4,
    },
  ],
  expectedRevenue: {
    horizonMonths: 12,
    monthlyDiscountRate: 0.01,
    clvSum: 12345600,
    expectedPurchases90d: 33.4,
  },
};

const valuable = {
  items: [
    {
      id: '01JCUSTOMER000000000000001',
      name: '王记粮油',
      stats: { orderValue: 500000, lastOrderAt: '2025-06-01T00:00:00.000Z' },
      scores: { pAlive: 0.12, clv: 1000, segment: 'cant-lose', inputs: { x: 6 } },
    },
    {
      id: '01JCUSTOMER000000000000002',
      name: 'Still buying',
      stats: { orderValue: 400000 },
      scores: { pAlive: 0.97, clv: 9000, segment: 'champions', inputs: { x: 9 } },
    },
  ],
  nextCursor: null,
};

/** The lazy route and uPlot load on a busy machine: allow more than the default second. */
const LOADED = { timeout: 10_000 };

function logIn() {
  const answer = sessionAnswer();
  localStorage.setItem(
    'crm.session',
    JSON.stringify({
      ...answer,
      expiresAt: Date.now() + 3_600_000,
      tenant: answer.tenant,
      user: answer.user,
    }),
  );
}

beforeEach(() => {
  localStorage.clear();
  drawn.length = 0;
  logIn();
});
afterEach(() => vi.unstubAllGlobals());

describe('the dashboard', () => {
  it('shows the counts, four charts and the valuable customers at risk', async () => {
    const server = fakeFetch({
      'GET /v1/analytics/model': () =>
        json(200, { latest: { ...fit, summary }, previous: null, lastRun: fit }),
      'GET /v1/analytics/summary': () => json(200, summary),
      'GET /v1/customers': () => json(200, valuable),
    });
    renderApp({ path: '/dashboard', fetch: server.fetch });
    const active = (await screen.findByText('Active (活跃)', {}, LOADED)).closest('.kpi') as HTMLElement;
    expect(within(active).getByText('30')).toBeTruthy();
    const atRiskKpi = screen.getByText('At risk (风险)').closest('.kpi') as HTMLElement;
    expect(within(atRiskKpi).getByText('12')).toBeTruthy();
    const dormant = screen.getByText('Dormant (休眠)').closest('.kpi') as HTMLElement;
    expect(within(dormant).getByText('11')).toBeTruthy();
    await waitFor(() => expect(drawn).toHaveLength(4), LOADED);

    const link = await screen.findByRole('link', { name: '王记粮油' }, LOADED);
    expect(link.getAttribute('href')).toBe('/customers/01JCUSTOMER000000000000001');
    expect(screen.queryByRole('link', { name: 'Still buying' })).toBeNull();
    const listQuery = new URL(server.calls.find((call) => call.url.includes('/v1/customers'))?.url ?? '')
      .searchParams;
    expect(Object.fromEntries(listQuery)).toMatchObject({ sort: 'value', order: 'desc' });
  });

  it('reads a chart as a table', async () => {
    const server = fakeFetch({
      'GET /v1/analytics/model': () =>
        json(200, { latest: { ...fit, summary }, previous: null, lastRun: fit }),
      'GET /v1/analytics/summary': () => json(200, summary),
      'GET /v1/customers': () => json(200, valuable),
    });
    renderApp({ path: '/dashboard', fetch: server.fetch });
    const heading = await screen.findByRole('heading', { name: /Retention \(客户维持率\)/ }, LOADED);
    const figure = heading.closest('section') as HTMLElement;
    fireEvent.click(within(figure).getByRole('button', { name: 'Table' }));
    const table = within(figure).getByRole('table');
    expect(within(table).getByRole('rowheader', { name: '2025-12' })).toBeTruthy();
    expect(within(table).getAllByText('40%')).toHaveLength(2);
    expect(within(figure).getByRole('button', { name: 'Table' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('offers the next steps before the first fit, without asking for the summary', async () => {
    const server = fakeFetch({
      'GET /v1/analytics/model': () => json(200, { latest: null, previous: null, lastRun: null }),
    });
    renderApp({ path: '/dashboard', fetch: server.fetch });
    expect(await screen.findByText('No figures yet', {}, LOADED)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Fit the value model' }).getAttribute('href')).toBe('/analytics');
    expect(server.calls.some((call) => call.url.includes('/summary'))).toBe(false);
  });
});
