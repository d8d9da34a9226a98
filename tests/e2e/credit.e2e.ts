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
  tenantName: 'Zhou’s Wholesale 周氏批发',
  email: `owner-credit-${Date.now()}@example.com`,
  password: 'correct-horse-battery',
};

/**
 * The credit file is written from the change stream a moment after the order: reopen the tab until
 * it shows. The file and its history are two requests, so one opening may show the file from before
 * the reaction and the history from after it: `settled` says when what is shown agrees.
 */
async function creditTabUntil(
  text: RegExp,
  settled: () => Promise<boolean> = async () => true,
  timeoutMs = 30_000,
): Promise<void> {
  const { page } = tab;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.getByRole('tab', { name: /^Timeline|^联络历史/ }).click();
    await page.getByRole('tab', { name: /^Credit|^信用/ }).click();
    await page.locator('.credit-panel [data-figure="limit"]').waitFor();
    if ((await page.getByText(text).count()) > 0 && (await settled())) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${text}`);
    await page.waitForTimeout(500);
  }
}

async function addToTimeline(type: 'order' | 'payment', amount: string): Promise<void> {
  const { page } = tab;
  await page.getByRole('tab', { name: /^Timeline/ }).click();
  await page.getByLabel('Type').selectOption(type);
  await page.getByLabel(/^Amount/).fill(amount);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByText('Added to the timeline.').waitFor();
}

beforeAll(async () => {
  browser = await launchBrowser();
  tab = await openPage(browser, { baseURL });
});

afterAll(async () => {
  await browser?.close();
});

describe('credit control (评估和控制客户信用)', () => {
  let customerId: string;

  it('sets a customer’s limit from its credit file', async () => {
    const { page } = tab;
    await signUpInBrowser(page, owner);

    await page.goto('/customers/new');
    await page.getByLabel(/^Name/).fill('Hangzhou Tea House 杭州茶楼');
    await page.getByRole('button', { name: /^Create customer|^Save/ }).click();
    await page.waitForURL('**/customers');
    await page.getByRole('link', { name: 'Hangzhou Tea House 杭州茶楼', exact: true }).click();
    await page.waitForURL(/\/customers\/[0-9A-Z]{26}$/);
    customerId = page.url().split('/').pop() ?? '';

    await page.getByRole('tab', { name: /^Credit/ }).click();
    await page.getByRole('button', { name: 'Set limit' }).click();
    await page.getByLabel(/^Limit/).fill('1000.00');
    await page.getByLabel('Reason').fill('New account, one month of orders');
    await page.getByRole('button', { name: 'Save limit' }).click();
    await page.locator('[data-figure="limit"]', { hasText: '1,000.00' }).waitFor();
    await page.getByText('set by hand: New account, one month of orders').waitFor();
  }, 60_000);

  it('holds the customer when an order takes it over the limit, and lists it on the hold list', async () => {
    const { page } = tab;
    await addToTimeline('order', '1500.00');
    await creditTabUntil(/^On hold since/);
    await page.locator('[data-reason="over_limit"]').first().waitFor();
    // The order is the one receivable it owes (应收账款), not yet due.
    const receivable = page.locator('.credit-receivables tr[data-receivable]');
    await receivable.filter({ hasText: '1,500.00' }).waitFor();
    expect(await receivable.count()).toBe(1);
    expect(await receivable.textContent()).toContain('Not due yet');
    await tab.screenshot('credit-hold-en');

    await page.getByRole('link', { name: /^Credit holds/ }).click();
    await page.getByRole('heading', { level: 1, name: /Credit holds/ }).waitFor();
    // The hold list's own link: the receivables ageing under it names the customer too.
    const held = page
      .locator('table.credit-holds')
      .getByRole('link', { name: 'Hangzhou Tea House 杭州茶楼' });
    await held.waitFor();
    // The ageing report: the order of 1,500.00 is open and not yet due.
    await page
      .locator('.credit-ageing-report tr[data-total] [data-bucket="notDue"]', { hasText: '1,500.00' })
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await held.click();
    await page.waitForURL(`**/customers/${customerId}?tab=credit`);
  }, 60_000);

  it('releases the hold when a payment brings it back under the limit', async () => {
    const { page } = tab;
    await addToTimeline('payment', '1000.00');
    await creditTabUntil(
      /Hold released|^OK/,
      async () => (await page.getByText(/^On hold since/).count()) === 0,
    );
    expect(await page.getByText(/^On hold since/).count()).toBe(0);
    await page.locator('[data-decision="hold_released"]').waitFor();

    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('tab', { name: /^信用/ }).click();
    await page.getByText('客户信用档案').first().waitFor();
    await tab.screenshot('credit-file-zh');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(tab.errors).toEqual([]);
  }, 60_000);
});
