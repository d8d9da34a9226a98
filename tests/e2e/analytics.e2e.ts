import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@crm/local';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousA11yViolations } from './support/axe.js';
import { launchBrowser, openPage, type WatchedPage } from './support/browser.js';
import './support/provided-context.js';

const baseURL = inject('e2eBaseUrl');
let browser: Browser;
let tab: WatchedPage;

const owner = {
  tenantName: 'CD Shop 唱片店',
  email: `analytics-${Date.now()}@example.com`,
  password: 'correct-horse-battery',
};

/** About 1,000 rows of the CDNOW sample (325 customers, 157 of them repeat buyers). */
const SLICE_ROWS = 999;

/** Days that move CDNOW's last day (1998-06-30) to yesterday, as the demo seed does. */
function daysToYesterday(): number {
  const lastDay = Date.UTC(1998, 5, 30);
  const yesterday = Date.now() - 86_400_000;
  return Math.floor((yesterday - lastDay) / 86_400_000);
}

async function api(path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  const response = await fetch(new URL(path, baseURL), { ...init, headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The little of a canvas the pixel count needs (the e2e project compiles without the DOM lib). */
type CanvasLike = {
  width: number;
  height: number;
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
};

/** How many pixels of a chart's canvas uPlot painted (0 for a blank canvas). */
function paintedPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((element) => {
    const chart = element as unknown as CanvasLike;
    const data = chart.getContext('2d')?.getImageData(0, 0, chart.width, chart.height).data;
    let painted = 0;
    for (let alpha = 3; data && alpha < data.length; alpha += 4) if ((data[alpha] ?? 0) > 0) painted += 1;
    return painted;
  });
}

beforeAll(async () => {
  browser = await launchBrowser();
  tab = await openPage(browser, { baseURL });
  // The tenant and its orders come through the API (an English sign-up makes a USD tenant).
  const signup = await api('/v1/auth/signup', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...owner, locale: 'en' }),
  });
  expect(signup.status).toBe(201);
  const sample = readFileSync(join(repoRoot, '..', 'shared', 'data', 'cdnow', 'CDNOW_sample.txt'), 'utf8');
  const slice = [
    ' customer_id sample_id date number_of_cds dollar_value',
    ...sample.split('\n').slice(0, SLICE_ROWS),
  ].join('\n');
  const query = new URLSearchParams({
    kind: 'transactions',
    layout: 'cdnow',
    createMissingCustomers: 'true',
    currency: 'USD',
    shiftDays: String(daysToYesterday()),
    mapping: JSON.stringify({ amount: 'dollar_value', quantity: 'number_of_cds' }),
  });
  const imported = await api(`/v1/imports?${query}`, {
    method: 'POST',
    token: signup.body.accessToken as string,
    headers: { 'content-type': 'text/csv' },
    body: slice,
  });
  expect(imported.status).toBe(201);
  expect(imported.body).toMatchObject({ rowsRead: SLICE_ROWS, rowsRejected: 0 });
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

// A busy 2-core machine: logging in, lazy routes and the charts may take a while.
describe('customer value analytics and the dashboard', { timeout: 90_000 }, () => {
  it('logs in to a tenant with orders but no fit: the dashboard says so', async () => {
    const { page } = tab;
    await page.goto('/login');
    await page.locator('input[name=email]').fill(owner.email);
    await page.locator('input[name=password]').fill(owner.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/dashboard');
    await page.getByText('No figures yet').waitFor();
  });

  it('refits the model from Analytics and shows the fit’s parameters and history', async () => {
    const { page } = tab;
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /^Analytics/ })
      .click();
    await page.getByText('No model fitted yet').waitFor();
    await page.getByRole('button', { name: 'Refit the model' }).click();
    await page.getByRole('heading', { name: 'Purchase model (BG/NBD)' }).waitFor({ timeout: 140_000 });
    await page.getByText(/The model was refitted/).waitFor();
    const bgnbd = page.locator('section.card', {
      has: page.getByRole('heading', { name: 'Purchase model (BG/NBD)' }),
    });
    const r = await bgnbd
      .getByRole('row', { name: /^r \(shape/ })
      .locator('td')
      .first()
      .textContent();
    expect(Number(r?.replace(/,/g, ''))).toBeGreaterThan(0);
    await page.getByRole('heading', { name: 'Spend model (Gamma-Gamma)' }).waitFor();
    await page.getByRole('heading', { name: 'Fit history' }).waitFor();
    await expect(page.locator('canvas').count()).resolves.toBeGreaterThan(0);
    // The holdout check refits on the orders before the default cutoff (halfway) and draws both figures.
    await page.getByRole('button', { name: 'Run the check' }).click();
    const weekly = page.locator('section.viz-figure', {
      has: page.getByRole('heading', { name: 'Cumulative repeat purchases, week by week' }),
    });
    await weekly.locator('canvas').waitFor({ timeout: 60_000 });
    expect(await paintedPixels(weekly.locator('canvas'))).toBeGreaterThan(0);
    await page
      .getByRole('heading', { name: 'Holdout purchases by repeat purchases before the cutoff' })
      .waitFor();
    await tab.screenshot('analytics-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 150_000);

  it('shows the counts, the charts and the valuable customers at risk on the dashboard', async () => {
    const { page } = tab;
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /^Dashboard/ })
      .click();
    await page.getByRole('heading', { name: 'Valuable customers at risk' }).waitFor();
    for (const label of ['Customers', 'Active (活跃)', 'At risk (风险)', 'Dormant (休眠)']) {
      await page.locator('.kpi', { has: page.getByText(label, { exact: true }) }).waitFor();
    }
    const customers = await page
      .locator('.kpi', { has: page.getByText('Customers', { exact: true }) })
      .locator('.kpi__value')
      .textContent();
    expect(customers).toBe('325');
    // Four uPlot charts, each painted on its canvas.
    const canvases = page.locator('.viz-chart__canvas canvas');
    await expect.poll(() => canvases.count()).toBe(4);
    for (const canvas of await canvases.all()) expect(await paintedPixels(canvas)).toBeGreaterThan(0);
    const atRisk = page.locator('section.card', {
      has: page.getByRole('heading', { name: 'Valuable customers at risk' }),
    });
    await expect.poll(() => atRisk.getByRole('link').count()).toBeGreaterThan(0);
    expect(await atRisk.getByRole('link').first().getAttribute('href')).toMatch(
      /^\/customers\/[0-9A-Z]{26}$/,
    );
    await tab.screenshot('dashboard-figures-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('reads a chart as a table', async () => {
    const { page } = tab;
    const deciles = page.locator('section.viz-figure', {
      has: page.getByRole('heading', { name: 'Value deciles' }),
    });
    await deciles.getByRole('button', { name: 'Table' }).click();
    await expect(deciles.getByRole('button', { name: 'Table' }).getAttribute('aria-pressed')).resolves.toBe(
      'true',
    );
    const table = deciles.getByRole('table', { name: 'Value deciles' });
    await table.waitFor();
    await expect(table.getByRole('columnheader', { name: 'Share of value' }).isVisible()).resolves.toBe(true);
    await expect(table.locator('tbody tr').count()).resolves.toBe(10);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await deciles.getByRole('button', { name: 'Chart' }).click();
    await deciles.locator('canvas').waitFor();
  });

  it('shows both screens in 中文', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '有流失风险的高价值客户' }).waitFor();
    await page.getByText('活跃客户', { exact: true }).waitFor();
    await tab.screenshot('dashboard-figures-zh');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /^客户价值分析/ })
      .click();
    await page.getByRole('heading', { name: '购买模型（BG/NBD）' }).waitFor();
    await tab.screenshot('analytics-zh');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Purchase model (BG/NBD)' }).waitFor();
  });

  it('draws the charts readably in a dark system theme', async () => {
    const dark = await openPage(browser, { baseURL, colorScheme: 'dark' });
    await dark.page.goto('/login');
    await dark.page.locator('input[name=email]').fill(owner.email);
    await dark.page.locator('input[name=password]').fill(owner.password);
    await dark.page.getByRole('button', { name: 'Log in' }).click();
    await dark.page.waitForURL('**/dashboard');
    await expect.poll(() => dark.page.locator('.viz-chart__canvas canvas').count()).toBe(4);
    await dark.page
      .getByRole('link', { name: /^Customer \d+/ })
      .first()
      .waitFor();
    await dark.screenshot('dashboard-figures-en-dark');
    expect(await seriousA11yViolations(dark.page)).toEqual([]);
    expect(dark.errors).toEqual([]);
    await dark.context.close();
  });

  it('logged no console errors on either screen', () => {
    expect(tab.errors).toEqual([]);
  });
});
