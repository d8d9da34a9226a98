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
  tenantName: 'Wang Motors 王氏汽车',
  email: `owner-sales-${Date.now()}@example.com`,
  password: 'correct-horse-battery',
};

beforeAll(async () => {
  browser = await launchBrowser();
  tab = await openPage(browser, { baseURL });
});

afterAll(async () => {
  await browser?.close();
});

describe('sales (销售线索 → 销售机会 → 销售漏斗)', () => {
  it('converts a lead, drags the deal on the board, wins it and sees the funnel change', async () => {
    const { page } = tab;
    await signUpInBrowser(page, owner);

    await page.goto('/sales/leads');
    const form = page.getByRole('form', { name: 'New lead' });
    await form.getByLabel('Name').fill('Zhao Lei 赵磊');
    await form.getByLabel('E-mail').fill(`zhao-${Date.now()}@example.com`);
    await form.getByLabel('Source').fill('Auto show 车展');
    await form.getByRole('button', { name: 'Add lead' }).click();
    const row = page.locator('tr', { hasText: 'Zhao Lei 赵磊' });
    await row.getByRole('button', { name: 'Convert' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/a new customer is created/).waitFor();
    await dialog.getByLabel('Amount').fill('5000');
    await dialog.getByRole('button', { name: 'Convert' }).click();
    await row.getByRole('link', { name: 'Converted' }).waitFor();

    await page.getByRole('link', { name: 'Pipeline' }).click();
    const qualify = page.locator('[data-stage="qualify"]');
    const card = qualify.locator('.sales-card', { hasText: 'Zhao Lei 赵磊' });
    await card.waitFor();
    await expect(
      page.locator('[data-funnel-stage="qualify"] [data-figure="count"]').textContent(),
    ).resolves.toBe('1');

    // Drag the card by pointer to the proposal column.
    const from = await card.boundingBox();
    const to = await page.locator('[data-stage="proposal"]').boundingBox();
    if (!from || !to) throw new Error('board not laid out');
    await page.mouse.move(from.x + 20, from.y + 10);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + 60, { steps: 8 });
    await page.mouse.up();
    await page.locator('[data-stage="proposal"] .sales-card', { hasText: 'Zhao Lei 赵磊' }).waitFor();
    await page
      .getByRole('status')
      .getByText(/moved to Proposal/)
      .waitFor();
    await tab.screenshot('sales-pipeline-en');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Zhao Lei 赵磊' }).click();
    await page.waitForURL(/\/sales\/opportunities\/[0-9A-Z]{26}$/);
    await page.getByRole('button', { name: 'Mark won' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('deal-status').getByText('Won').waitFor();

    await page.getByRole('link', { name: 'Pipeline' }).click();
    await page.locator('[data-figure="won"]').getByText(/^1 ·/).waitFor();
    await expect(page.locator('[data-figure="open"]').textContent()).resolves.toMatch(/^0 ·/);
  }, 120_000);

  it('shows the board and the funnel in Chinese', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { level: 1, name: /销售漏斗/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: '资格确认' }).waitFor();
    await tab.screenshot('sales-pipeline-zh');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(tab.errors).toEqual([]);
  }, 60_000);
});
