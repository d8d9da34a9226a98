import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';
import type { Kpis } from './kpi-cards.js';

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

const LAZY_MS = 20_000;
const group = (customers: number, converted: number) => ({
  customers,
  converted,
  rate: customers === 0 ? null : converted / customers,
});

const kpis: Kpis = {
  period: {
    from: '2026-04-01',
    to: '2026-06-29',
    days: 90,
    previousFrom: '2026-01-01',
    previousTo: '2026-03-31',
  },
  generatedAt: '2026-06-30T00:00:00.000Z',
  retention: { previousBuyers: 4, retained: 2, rate: 0.5, previousBuyersUncertain: 0, retainedUncertain: 0 },
  acquisition: { newBuyers: 1, newCustomers: 2, buyersAtStart: 5, rate: 0.2 },
  activity: {
    asOf: '2026-06-30T00:00:00.000Z',
    buyers: 6,
    active: 2,
    atRisk: 1,
    dormant: 2,
    lost: 1,
    activeShare: 2 / 6,
    dormantShare: 0.5,
    pAliveUsed: true,
    estimatedLastOrders: 0,
    definition: 'Churn state today.',
  },
  satisfaction: {
    answers: 3,
    csat: { count: 4, satisfied: 2, csat: 50 },
    nps: { count: 3, promoters: 2, passives: 0, detractors: 1, nps: 33.3 },
    months: [
      {
        month: '2026-04',
        answers: 2,
        csat: { count: 2, satisfied: 1, csat: 50 },
        nps: { count: 2, promoters: 1, passives: 0, detractors: 1, nps: 0 },
      },
      {
        month: '2026-05',
        answers: 0,
        csat: { count: 0, satisfied: 0, csat: null },
        nps: { count: 0, promoters: 0, passives: 0, detractors: 0, nps: null },
      },
    ],
  },
  complaints: { received: 4, closed: 4, medianHours: 36, p90Hours: 98.4, openNow: 1 },
  funnel: {
    leadsCreated: 4,
    leadsConverted: 2,
    leadConversionRate: 0.5,
    won: 2,
    lost: 1,
    winRate: 2 / 3,
    wonAmount: 150_000,
    meanDaysToWin: 28,
  },
  campaigns: {
    campaigns: 1,
    recipients: 10,
    conversionRate: 0.25,
    capped: false,
    items: [
      {
        campaignId: '01J0000000000000000000CAM1',
        name: 'Spring care 春季关怀',
        channel: 'email',
        sentAt: '2026-05-01T00:00:00.000Z',
        sent: 8,
        holdout: 2,
        contacted: group(8, 2),
        holdoutGroup: group(2, 0),
        uplift: 0.25,
        windowOpen: false,
        capped: false,
      },
    ],
  },
  partners: [
    {
      organisationId: '01J0000000000000000000ORG1',
      name: '华南车行 South China Motors',
      sharedCustomers: 2,
      orders: [{ currency: 'CNY', count: 2, amount: 35_000 }],
      opportunitiesWon: 1,
      wonAmount: 120_000,
      capped: false,
    },
  ],
  customersRead: 7,
  customersCapped: false,
  asOf: '2026-06-29T02:00:00.000Z',
};

beforeEach(() => {
  localStorage.setItem(
    'crm.session',
    JSON.stringify({ ...sessionAnswer(), expiresAt: Date.now() + 3_600_000 }),
  );
});

describe('the KPI page', () => {
  it('shows the figures as cards, charts and tables, and asks again for a chosen period', async () => {
    const queries: string[] = [];
    const { fetch } = fakeFetch({
      'GET /v1/kpis': (request) => {
        queries.push(new URL(request.url).search);
        return json(200, kpis);
      },
    });
    renderApp({ path: '/kpis', fetch, locale: 'en' });

    await screen.findByText('Retention rate (客户维持率)', undefined, { timeout: LAZY_MS });
    expect(document.querySelector('[data-kpi="retention"] [data-figure="value"]')?.textContent).toBe('50%');
    expect(screen.getByText('2 of 4 buyers of the previous period bought again')).toBeTruthy();
    expect(document.querySelector('[data-kpi="resolution"] [data-figure="value"]')?.textContent).toBe('36 h');
    expect(document.querySelector('[data-kpi="nps"] [data-figure="value"]')?.textContent).toBe('33.3');
    expect(screen.getByText('Spring care 春季关怀')).toBeTruthy();
    expect(screen.getByText('华南车行 South China Motors')).toBeTruthy();
    expect(queries).toEqual(['']);
    // The pickers show the period the API chose, and the chart says what it counts in the page's words.
    await waitFor(() => expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('2026-04-01'));
    expect((screen.getByLabelText('To') as HTMLInputElement).value).toBe('2026-06-29');
    expect(screen.queryByText(/Churn state today/)).toBeNull();

    fireEvent.input(screen.getByLabelText('From'), { target: { value: '2026-01-01' } });
    fireEvent.input(screen.getByLabelText('To'), { target: { value: '2026-03-31' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));

    await waitFor(() => expect(queries).toEqual(['', '?from=2026-01-01&to=2026-03-31']));
  });

  it('says when retention counts customers its order instants could not decide', async () => {
    const undecided = {
      ...kpis,
      retention: { ...kpis.retention, previousBuyersUncertain: 1, retainedUncertain: 2 },
    };
    const { fetch } = fakeFetch({ 'GET /v1/kpis': () => json(200, undecided) });
    renderApp({ path: '/kpis', fetch, locale: 'en' });
    expect(
      await screen.findByText(
        '2 of 4 buyers of the previous period bought again (upper bounds: 2 of those retained and 1 of the previous buyers cannot be told from their first and last orders)',
        undefined,
        { timeout: LAZY_MS },
      ),
    ).toBeTruthy();
  });

  it('speaks Chinese', async () => {
    const { fetch } = fakeFetch({ 'GET /v1/kpis': () => json(200, kpis) });
    renderApp({ path: '/kpis', fetch, locale: 'zh-CN' });

    expect(await screen.findByRole('heading', { name: 'CRM 评估' }, { timeout: LAZY_MS })).toBeTruthy();
    expect(await screen.findByText('上一时段 4 位购买客户中 2 位再次购买')).toBeTruthy();
    expect(document.querySelector('[data-kpi="retention"] .kpi__label')?.textContent).toBe('客户维持率');
  });

  it('puts headline KPIs on the dashboard with a link to the page', async () => {
    const { fetch } = fakeFetch({
      'GET /v1/kpis': () => json(200, kpis),
      'GET /v1/analytics/model': () => json(200, { latest: null, running: null, history: [] }),
    });
    renderApp({ path: '/dashboard', fetch, locale: 'en' });

    const link = await screen.findByRole('link', { name: 'All KPIs' }, { timeout: LAZY_MS });
    expect(link.getAttribute('href')).toBe('/kpis');
    await waitFor(() =>
      expect(document.querySelector('[data-kpi="winRate"] [data-figure="value"]')?.textContent).toBe('66.7%'),
    );
  });

  it('lets the rest of the dashboard show while the headline KPIs are still loading', async () => {
    let answer: (response: Response) => void = () => {};
    const pending = new Promise<Response>((resolve) => {
      answer = resolve;
    });
    const { fetch } = fakeFetch({
      'GET /v1/kpis': () => pending,
      'GET /v1/analytics/model': () => json(200, { latest: null, running: null, history: [] }),
    });
    renderApp({ path: '/dashboard', fetch, locale: 'en' });

    expect(await screen.findByText('No figures yet', undefined, { timeout: LAZY_MS })).toBeTruthy();
    const headlines = screen.getByRole('region', { name: 'Last 90 days' });
    expect(headlines.getAttribute('aria-busy')).toBe('true');
    expect(headlines.querySelector('[role="status"]')).toBeTruthy();
    expect(document.querySelector('[data-kpi="winRate"]')).toBeNull();

    answer(json(200, kpis));
    await waitFor(() =>
      expect(document.querySelector('[data-kpi="winRate"] [data-figure="value"]')?.textContent).toBe('66.7%'),
    );
    expect(headlines.getAttribute('aria-busy')).toBe('false');
  });
});
