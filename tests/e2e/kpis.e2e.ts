import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousA11yViolations } from './support/axe.js';
import { launchBrowser, openPage, type WatchedPage } from './support/browser.js';
import './support/provided-context.js';
import { signUpInBrowser } from './support/tenant.js';

const baseURL = inject('e2eBaseUrl');
let browser: Browser;
let tab: WatchedPage;

const owner = {
  tenantName: 'Li Motors 李氏汽车',
  email: `owner-kpis-${Date.now()}@example.com`,
  password: 'correct-horse-battery',
};

beforeAll(async () => {
  browser = await launchBrowser();
  tab = await openPage(browser, { baseURL });
});

afterAll(async () => {
  await browser?.close();
});

describe('KPIs (评估)', () => {
  it('records two leads, converts one, and reads the lead conversion on the KPI page in en and 中文', async () => {
    const { page } = tab;
    await signUpInBrowser(page, owner);

    await page.goto('/sales/leads');
    const form = page.getByRole('form', { name: 'New lead' });
    for (const name of ['Zhou Min 周敏', 'Sun Li 孙丽']) {
      await form.getByLabel('Name').fill(name);
      await form.getByLabel('E-mail').fill(`${name.split(' ')[0]?.toLowerCase()}-${Date.now()}@example.com`);
      await form.getByLabel('Source').fill('Website 官网');
      await form.getByRole('button', { name: 'Add lead' }).click();
      await page.locator('tr', { hasText: name }).waitFor();
    }
    const row = page.locator('tr', { hasText: 'Zhou Min 周敏' });
    await row.getByRole('button', { name: 'Convert' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Amount').fill('3000');
    await dialog.getByRole('button', { name: 'Convert' }).click();
    await row.getByRole('link', { name: 'Converted' }).waitFor();

    // The dashboard's headline cards link to the page.
    await page.goto('/dashboard');
    await page.getByRole('link', { name: 'All KPIs' }).click();
    await page.getByRole('heading', { level: 1, name: /Measuring the CRM/ }).waitFor();
    const conversion = page.locator('[data-kpi="leadConversion"]');
    await conversion.getByText('1 of 2 leads').waitFor();
    expect(await conversion.locator('[data-figure="value"]').textContent()).toBe('50%');
    // The customer the conversion created is a new customer of the period.
    await page
      .locator('[data-kpi="acquisition"]')
      .getByText(/1 customers created/)
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { level: 1, name: /CRM 评估/ }).waitFor();
    await conversion.getByText('2 条线索中转化 1 条').waitFor();
    expect(await conversion.locator('.kpi__label').textContent()).toBe('销售线索转化率');
    expect(await conversion.locator('[data-figure="value"]').textContent()).toBe('50%');
    expect(tab.errors).toEqual([]);
  }, 90_000);
});
