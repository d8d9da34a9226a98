import { screen, within } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

const LOADED = { timeout: 25_000 };

beforeEach(() => {
  localStorage.setItem(
    'crm.session',
    JSON.stringify({ ...sessionAnswer(), expiresAt: Date.now() + 3_600_000 }),
  );
});

describe('the credit tile on the dashboard', () => {
  it('shows holds, overdue and value at risk with links, before any model is fitted', async () => {
    const { fetch } = fakeFetch({
      'GET /v1/analytics/model': () => json(200, { latest: null, previous: null, lastRun: null }),
      'GET /v1/credit/overview': () =>
        json(200, {
          currency: 'CNY',
          holds: { count: 3, capped: false },
          overdue: { amount: 123_456, customers: 2, capped: false },
          atRisk: { customers: 4, value: 500_000, capped: true },
        }),
    });
    renderApp({ path: '/dashboard', fetch });

    const tile = await screen.findByRole('region', { name: 'Credit and churn at a glance' }, LOADED);
    const holds = (await within(tile).findByText('On credit hold', {}, LOADED)).closest(
      '.kpi',
    ) as HTMLElement;
    expect(within(holds).getByText('3')).toBeTruthy();
    expect(within(holds).getByRole('link', { name: 'Open the hold list' }).getAttribute('href')).toBe(
      '/credit/holds',
    );
    const overdue = within(tile).getByText('Overdue receivables').closest('.kpi') as HTMLElement;
    expect(overdue.querySelector('[data-figure="overdue"]')?.textContent).toMatch(/1,234\.56/);
    expect(within(overdue).getByText('2 customers past due beyond the margin')).toBeTruthy();
    const atRisk = within(tile).getByText('Value at risk').closest('.kpi') as HTMLElement;
    expect(atRisk.querySelector('[data-figure="atRisk"]')?.textContent).toMatch(/^at least .*5,000/);
    expect(within(atRisk).getByRole('link', { name: 'Open the alerts' }).getAttribute('href')).toBe(
      '/alerts?type=churn',
    );
  });

  it('speaks Chinese', async () => {
    const { fetch } = fakeFetch({
      'GET /v1/analytics/model': () => json(200, { latest: null, previous: null, lastRun: null }),
      'GET /v1/credit/overview': () =>
        json(200, {
          currency: 'CNY',
          holds: { count: 0, capped: false },
          overdue: { amount: 0, customers: 0, capped: false },
          atRisk: { customers: 0, value: 0, capped: false },
        }),
    });
    renderApp({ path: '/dashboard', fetch, locale: 'zh-CN' });
    const tile = await screen.findByRole('region', { name: '信用与流失概览' }, LOADED);
    expect(await within(tile).findByRole('link', { name: '查看冻结名单' }, LOADED)).toBeTruthy();
    expect(within(tile).getByText('流失风险价值')).toBeTruthy();
  });
});
