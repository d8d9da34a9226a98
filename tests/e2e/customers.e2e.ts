import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousA11yViolations } from './support/axe.js';
import { launchBrowser, openPage, type WatchedPage } from './support/browser.js';
import './support/provided-context.js';
import { signUpInBrowser } from './support/tenant.js';

const baseURL = inject('e2eBaseUrl');
let browser: Browser;
let tab: WatchedPage;

beforeAll(async () => {
  browser = await launchBrowser();
  tab = await openPage(browser, { baseURL });
});

afterAll(async () => {
  await browser?.close();
});

const owner = {
  tenantName: 'Zhu’s Rice Trade 朱氏米业',
  email: `customers-${Date.now()}@example.com`,
  password: 'correct-horse-battery',
};
const farm = 'Zhu Rice Farm 朱家米庄';

/** Calls the API as the logged-in user (the SPA keeps its session in localStorage). */
async function callApi(path: string, init: { method: string; body?: unknown }): Promise<number> {
  return tab.page.evaluate(
    async ({ path, init }) => {
      // Runs in the page, where the SPA keeps its session (this file is typed for Node, hence globalThis).
      const storage = (globalThis as unknown as { localStorage: { getItem: (key: string) => string | null } })
        .localStorage;
      const session = JSON.parse(storage.getItem('crm.session') ?? '{}') as { accessToken?: string };
      const response = await fetch(path, {
        method: init.method,
        headers: { Authorization: `Bearer ${session.accessToken}`, 'Content-Type': 'application/json' },
        body: init.body === undefined ? null : JSON.stringify(init.body),
      });
      return response.status;
    },
    { path, init },
  );
}

const rowNames = () => tab.page.locator('.customer-table tbody .customer-table__link').allTextContents();

describe('the customers list and form', () => {
  it('signs up, defines a custom field and starts on an empty list that offers create and import', async () => {
    const { page } = tab;
    await signUpInBrowser(page, owner);
    expect(
      await callApi('/v1/custom-fields', {
        method: 'POST',
        body: {
          key: 'rice_tier',
          label: { en: 'Rice tier', zh: '大米等级' },
          type: 'enum',
          options: ['gold', 'silver'],
        },
      }),
    ).toBe(201);
    expect(
      await callApi('/v1/customers', { method: 'POST', body: { name: 'Alpha Grocery', kind: 'business' } }),
    ).toBe(201);

    await page
      .getByRole('navigation')
      .getByRole('link', { name: /^Customers/ })
      .click();
    await page.getByRole('heading', { level: 1, name: /^Customers/ }).waitFor();
    await page.getByRole('link', { name: 'Alpha Grocery', exact: true }).waitFor();
  });

  it('creates a customer with the custom field through the form and sees it in the list', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: 'New customer' }).click();
    await page.getByRole('heading', { level: 1, name: /^New customer/ }).waitFor();
    // Inline validation before anything is sent.
    await page.getByRole('button', { name: 'Create customer' }).click();
    await page.getByText('Required.').first().waitFor();
    await page.getByLabel('Name *').fill(farm);
    await page.getByLabel('Kind').selectOption('business');
    await page.getByLabel('Tags').fill('wholesale');
    await page.getByLabel('Rice tier').selectOption('gold');
    await page.getByLabel('E-mail').fill('farm@example.com');
    await tab.screenshot('customer-form-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Create customer' }).click();
    await page.waitForURL(/\/customers$/);
    await page.getByRole('link', { name: farm, exact: true }).waitFor();
    const row = await page.locator('tr', { hasText: farm }).textContent();
    expect(row).toContain('wholesale');
    expect(row).toContain('Me');
  });

  it('searches by prefix and sorts by a column header', async () => {
    const { page } = tab;
    await page.getByLabel('Search').fill('zhu');
    await page.getByText('Search results are ordered by name.').waitFor();
    await expect.poll(rowNames).toEqual([farm]);
    await page.getByLabel('Search').fill('');
    await expect.poll(rowNames).toHaveLength(2);

    await page.getByRole('button', { name: 'Name', exact: true }).click();
    await expect.poll(rowNames).toEqual(['Alpha Grocery', farm]);
    await expect(page.locator('th[aria-sort=ascending]').textContent()).resolves.toContain('Name');
    await page.getByRole('button', { name: 'Name', exact: true }).click();
    await expect.poll(rowNames).toEqual([farm, 'Alpha Grocery']);
    expect(page.url()).toContain('sort=name');
  });

  it('bulk tags the selection and reports the result', async () => {
    const { page } = tab;
    await page.getByRole('checkbox', { name: `Select ${farm}` }).check();
    await page.getByText('1 selected').first().waitFor();
    await page.getByRole('button', { name: 'Add tag' }).click();
    await page.getByRole('dialog').getByLabel('Tag').fill('vip');
    await page.getByRole('dialog').getByRole('button', { name: 'Apply' }).click();
    await page.getByText('1 done, 0 unchanged, 0 failed.').waitFor();
    await tab.screenshot('customers-bulk-result-en');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.locator('tr', { hasText: farm }).textContent()).toContain('vip');
  });

  it('exports the list as CSV', async () => {
    const { page } = tab;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^customers-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path()) as string, 'utf8');
    expect(csv).toContain(farm);
    expect(csv).toContain('wholesale;vip');
  });

  it('edits the customer, keeping the custom field', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: `Edit ${farm}` }).click();
    await page.getByRole('heading', { level: 1, name: `Edit ${farm}` }).waitFor();
    await expect(page.getByLabel('Rice tier').inputValue()).resolves.toBe('gold');
    await expect(page.getByLabel('Tags').inputValue()).resolves.toBe('wholesale, vip');
    await page.getByLabel('Phone').fill('+86 138 0000 0000');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/customers$/);
    await page.getByRole('link', { name: farm, exact: true }).waitFor();
  });

  it('has no serious accessibility violations on the list, and reads in 中文', async () => {
    const { page } = tab;
    await tab.screenshot('customers-list-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { level: 1, name: '客户' }).waitFor();
    await page.getByRole('columnheader', { name: /客户终生价值/ }).waitFor();
    await tab.screenshot('customers-list-zh');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('link', { name: '新建客户' }).click();
    await page.getByLabel('大米等级').waitFor();
    await tab.screenshot('customer-form-zh');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('link', { name: '取消' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: /^Customers/ }).waitFor();
  });

  it('archives the customer in bulk; it leaves the live list and shows among the archived', async () => {
    const { page } = tab;
    await page.getByRole('checkbox', { name: `Select ${farm}` }).check();
    await page.getByRole('button', { name: 'Archive' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Archive' }).click();
    await page.getByText('1 done, 0 unchanged, 0 failed.').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await expect.poll(rowNames).toEqual(['Alpha Grocery']);

    await page.getByRole('button', { name: 'Filters' }).click();
    await page.getByLabel('Show').selectOption('true');
    await expect.poll(rowNames).toEqual([farm]);
    await expect(page.locator('tr', { hasText: farm }).textContent()).resolves.toContain('archived');
    await tab.screenshot('customers-archived-filter-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('loads the next pages as the user scrolls, keeping only the visible rows in the page', async () => {
    const { page } = tab;
    const statuses = await Promise.all(
      Array.from({ length: 230 }, (_, index) =>
        callApi('/v1/customers', {
          method: 'POST',
          body: { name: `Bulk Buyer ${String(index).padStart(3, '0')}`, kind: 'consumer' },
        }),
      ),
    );
    expect(statuses.every((status) => status === 201)).toBe(true);
    await page.goto('/customers?sort=name&order=asc');
    await page.getByText('100 loaded, more below').waitFor();
    const scroller = page.locator('.customer-table__scroller');
    for (let attempt = 0; attempt < 20; attempt++) {
      if (await page.getByText('231 loaded', { exact: true }).isVisible()) break;
      await scroller.evaluate((element) => element.scrollTo(0, element.scrollHeight));
      await page.waitForTimeout(250);
    }
    await page.getByText('231 loaded', { exact: true }).waitFor();
    await scroller.evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await page.getByRole('link', { name: 'Bulk Buyer 229', exact: true }).waitFor();
    await tab.screenshot('customers-scrolled-en');
    // Virtualised: a few dozen rows in the DOM, not 231.
    expect(await page.locator('.customer-table__row').count()).toBeLessThan(60);
  }, 120_000);

  it('logged no console errors', () => {
    expect(tab.errors).toEqual([]);
  });
});
