import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cdnowShiftDays } from '@crm/local/demo';
import type { APIRequestContext, Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousA11yViolations } from './support/axe.js';
import { launchBrowser, openPage, type WatchedPage } from './support/browser.js';
import './support/provided-context.js';
import { signUpInBrowser } from './support/tenant.js';

const baseURL = inject('e2eBaseUrl');
let browser: Browser;
let tab: WatchedPage;

const owner = {
  tenantName: 'Chen’s Rice Shop 陈氏米店',
  email: `owner-360-${Date.now()}@example.com`,
  password: 'correct-horse-battery',
};

// CDNOW's first 1,200 rows: 348 customers, 186 of them repeat buyers (tests/integration/analytics).
const CDNOW_ROWS = 1200;
const DAY_MS = 86_400_000;

type Scores = { inputs: { x: number } };
type CustomerItem = { id: string; name: string; externalId?: string; scores?: Scores };

/** The CDNOW slice with its dates moved to end yesterday, as the demo tenant does, so the scores read as today's. */
function cdnowSlice(rows: number): string {
  const master = readFileSync(
    resolve(import.meta.dirname, '../../../shared/data/cdnow/CDNOW_master.txt'),
    'utf8',
  );
  const shift = cdnowShiftDays(new Date()) * DAY_MS;
  return master
    .split('\n')
    .slice(0, rows + 1)
    .map((line) =>
      line.replace(/\b(\d{4})(\d{2})(\d{2})\b/, (_date, year, month, day) =>
        new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)) + shift)
          .toISOString()
          .slice(0, 10)
          .replaceAll('-', ''),
      ),
    )
    .join('\n');
}

/** The API as the logged-in owner, with the SPA's own access token (no browser fetch, so no console noise). */
async function ownerApi(): Promise<{
  request: APIRequestContext;
  auth: Record<string, string>;
  currency: string;
}> {
  // A string expression: this file is compiled without the DOM library.
  const text = (await tab.page.evaluate("localStorage.getItem('crm.session')")) as string | null;
  const session = JSON.parse(text ?? '{}') as {
    accessToken?: string;
    tenant?: { settings: { defaultCurrency: string } };
  };
  if (!session.accessToken || !session.tenant) throw new Error('not logged in');
  return {
    request: tab.page.request,
    auth: { Authorization: `Bearer ${session.accessToken}` },
    currency: session.tenant.settings.defaultCurrency,
  };
}

async function allCustomers(): Promise<CustomerItem[]> {
  const { request, auth } = await ownerApi();
  const seen: CustomerItem[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `limit=200&sort=createdAt&order=asc${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await request.get(`/v1/customers?${query}`, { headers: auth });
    const page = (await response.json()) as { items: CustomerItem[]; nextCursor: string | null };
    seen.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return seen;
}

async function waitUntil<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 500));
  }
}

const figure = (name: string) => tab.page.locator(`[data-figure="${name}"]`);

beforeAll(async () => {
  browser = await launchBrowser();
  tab = await openPage(browser, { baseURL });
});

afterAll(async () => {
  await browser?.close();
});

describe('the customer 360° view (360度客户视图)', () => {
  let customerId: string;

  it('signs up and opens a new customer’s 360°, with no scores until the model is fitted', async () => {
    const { page } = tab;
    await signUpInBrowser(page, owner);

    const { request, auth } = await ownerApi();
    const created = await request.post('/v1/customers', {
      headers: auth,
      data: {
        name: 'Lin’s Noodle House 林记面馆',
        kind: 'business',
        status: 'active',
        tags: ['restaurant', 'weekly'],
      },
    });
    expect(created.status()).toBe(201);
    customerId = ((await created.json()) as { id: string }).id;

    await page.goto(`/customers/${customerId}`);
    await page.getByRole('heading', { level: 1, name: /Lin’s Noodle House/ }).waitFor();
    await page.getByText('The model has not been fitted yet').waitFor();
    await expect(page.getByRole('link', { name: 'Go to analytics' }).getAttribute('href')).resolves.toBe(
      '/analytics',
    );
    await expect(figure('orders').textContent()).resolves.toBe('0');
  });

  it('adds an order in the timeline and the figures change', async () => {
    const { page } = tab;
    await page.getByLabel('Type').selectOption('order');
    await page.getByLabel(/^Amount/).fill('1280.50');
    await page.getByLabel('Subject').fill('50 kg jasmine rice');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByText('Added to the timeline.').waitFor();
    await page.locator('[data-figure="orders"]', { hasText: '1' }).waitFor();
    await expect(figure('value').textContent()).resolves.toContain('1,280.50');
    await page
      .getByRole('list', { name: 'Interactions, newest first' })
      .getByText('50 kg jasmine rice')
      .waitFor();

    await page.getByLabel('Type').selectOption('call');
    await page.getByLabel('Subject').fill('Asked about next week’s delivery');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByText('Asked about next week’s delivery').waitFor();
    await tab.screenshot('customer-360-timeline-en');
  });

  it('adds a contact', async () => {
    const { page } = tab;
    await page.getByRole('tab', { name: /^Contacts/ }).click();
    await page.getByText('No contacts yet').waitFor();
    await page.getByRole('button', { name: 'Add a contact' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a contact' });
    await dialog.getByLabel(/^Name/).fill('Lin Mei 林梅');
    await dialog.getByLabel('Job title').fill('Owner');
    await dialog.getByLabel('E-mail', { exact: true }).fill('lin.mei@example.cn');
    await dialog.getByLabel('Primary contact').check();
    await dialog.getByRole('button', { name: 'Save contact' }).click();
    await page.getByRole('list', { name: 'Contacts' }).getByText('Lin Mei 林梅').waitFor();
    await page.getByRole('link', { name: 'lin.mei@example.cn' }).waitFor();
  });

  it('archives and restores the customer, and the history says who did it', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Archive', exact: true }).click();
    await page.getByText(/^Archived on/).waitFor();
    await tab.screenshot('customer-360-archived-en');
    await page.getByRole('button', { name: 'Restore', exact: true }).click();
    await page.getByText('Customer restored.').waitFor();
    await expect(page.getByText(/^Archived on/).count()).resolves.toBe(0);

    await page.getByRole('tab', { name: /^History/ }).click();
    // The history is written from the change stream, a moment later: refresh until it is there.
    await waitUntil(
      async () => {
        if ((await page.locator('.history__entry', { hasText: 'Restored' }).count()) > 0) return true;
        await page.getByRole('button', { name: 'Refresh', exact: true }).click();
        return undefined;
      },
      'the history of the restore',
      20_000,
    );
    await page.locator('.history__entry', { hasText: 'Archived' }).waitFor();
    await page.locator('.history__entry', { hasText: 'Created' }).first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 60_000);

  describe('the “why” after a CDNOW import and a refit', () => {
    let repeatBuyer: CustomerItem;
    let oneTimeBuyer: CustomerItem;

    beforeAll(async () => {
      const { request, auth, currency } = await ownerApi();
      const mapping = encodeURIComponent(
        JSON.stringify({ amount: 'dollar_value', quantity: 'number_of_cds' }),
      );
      // In the tenant's own currency: the models count orders in another currency as 0.
      const imported = await request.post(
        `/v1/imports?kind=transactions&layout=cdnow&createMissingCustomers=true&currency=${currency}&mapping=${mapping}`,
        // A busy machine (the whole suite at once) takes longer than Playwright's 30 s default.
        { headers: { ...auth, 'content-type': 'text/csv' }, data: cdnowSlice(CDNOW_ROWS), timeout: 150_000 },
      );
      expect([201, 202]).toContain(imported.status());
      const report = (await imported.json()) as { id: string; status: string };
      if (report.status !== 'completed') {
        await waitUntil(async () => {
          const job = (await (await request.get(`/v1/imports/${report.id}`, { headers: auth })).json()) as {
            status: string;
          };
          if (job.status === 'failed') throw new Error('the CDNOW import failed');
          return job.status === 'completed' ? job : undefined;
        }, 'the CDNOW import');
      }

      const refit = await request.post('/v1/analytics/refit', { headers: auth, timeout: 150_000 });
      expect([200, 202]).toContain(refit.status());
      if (refit.status() === 202) {
        await waitUntil(async () => {
          const model = (await (await request.get('/v1/analytics/model', { headers: auth })).json()) as {
            lastRun: { status: string } | null;
          };
          if (model.lastRun?.status === 'failed') throw new Error('the refit failed');
          return model.lastRun?.status === 'succeeded' ? model : undefined;
        }, 'the refit');
      }

      const scored = await waitUntil(async () => {
        const customers = (await allCustomers()).filter((customer) => customer.scores);
        return customers.length > 300 ? customers : undefined;
      }, 'the scores');
      // The most frequent buyer makes the clearest "why"; any one-time buyer shows the other case.
      repeatBuyer = scored.reduce((best, customer) =>
        (customer.scores?.inputs.x ?? 0) > (best.scores?.inputs.x ?? 0) ? customer : best,
      );
      const once = scored.find((customer) => customer.scores?.inputs.x === 0);
      if (!once) throw new Error('no one-time buyer in the slice');
      oneTimeBuyer = once;
    }, 300_000);

    it('opens a repeat buyer’s 360° and its P(alive) “why”: inputs, parameters and rule', async () => {
      const { page } = tab;
      await page.goto(`/customers/${repeatBuyer.id}`);
      await page.getByRole('heading', { level: 1, name: repeatBuyer.name }).waitFor();
      const meter = page.getByRole('meter', { name: 'Probability the customer is still buying' });
      await meter.waitFor({ state: 'attached' });
      await page.getByRole('button', { name: 'Why: P(alive) (存活概率)' }).click();
      const why = page.getByRole('dialog', { name: 'Why: P(alive) (存活概率)' });
      await why.waitFor();
      await why.getByText('Repeat purchases x').waitFor();
      await expect(
        why.locator('.why__row', { hasText: 'Repeat purchases x' }).locator('dd').textContent(),
      ).resolves.toBe(String(repeatBuyer.scores?.inputs.x));
      await why.getByText('α', { exact: true }).waitFor();
      // The tenant's chosen purchase model (issue 13) names itself and its source.
      await why.getByText(/(BG|MBG)\/C?NBD(-k)?( \(k = \d+\))?: |Pareto\/NBD: /).waitFor();
      await tab.screenshot('customer-360-why-en');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await why.waitFor({ state: 'hidden' });

      await page.getByRole('button', { name: 'Why: CLV, 12 months (客户终生价值)' }).click();
      await page
        .getByRole('dialog', { name: 'Why: CLV, 12 months (客户终生价值)' })
        .getByText('Mean spend')
        .waitFor();
      await page.keyboard.press('Escape');
      await tab.screenshot('customer-360-en');
    });

    it('says “no repeat purchase yet” for a one-time buyer', async () => {
      const { page } = tab;
      await page.goto(`/customers/${oneTimeBuyer.id}`);
      await page.getByRole('heading', { level: 1, name: oneTimeBuyer.name }).waitFor();
      await page.locator('[data-score="p-alive"]').getByText('No repeat purchase yet').waitFor();
      await expect(page.getByRole('meter').count()).resolves.toBe(0);
      await tab.screenshot('customer-360-one-time-en');
    });

    it('reads the same in 中文', async () => {
      const { page } = tab;
      await page.getByRole('button', { name: '中文' }).click();
      await page.locator('[data-score="p-alive"]').getByText('尚无重复购买').waitFor();
      await tab.screenshot('customer-360-one-time-zh');

      await page.goto(`/customers/${repeatBuyer.id}`);
      await page.getByRole('meter', { name: '客户仍在购买的概率' }).waitFor({ state: 'attached' });
      await page.getByRole('tab', { name: '联络历史' }).waitFor();
      await tab.screenshot('customer-360-zh');
      await page.getByRole('button', { name: '为什么：存活概率 P(alive)' }).click();
      await page
        .getByRole('dialog', { name: '为什么：存活概率 P(alive)' })
        .getByText('重复购买次数 x')
        .waitFor();
      await tab.screenshot('customer-360-why-zh');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'English' }).click();
    });
  });

  it('logged no console errors', () => {
    expect(tab.errors).toEqual([]);
  });
});
