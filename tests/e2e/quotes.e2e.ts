import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousA11yViolations } from './support/axe.js';
import { launchBrowser, openPage, type WatchedPage } from './support/browser.js';
import { callApiInPage, newOwner, signUpInBrowser } from './support/tenant.js';
import './support/provided-context.js';

const baseURL = inject('e2eBaseUrl');
let browser: Browser;
let tab: WatchedPage;
const ids: { customerId?: string; opportunityId?: string } = {};

beforeAll(async () => {
  browser = await launchBrowser();
  tab = await openPage(browser, { baseURL });
});

afterAll(async () => {
  await browser?.close();
});

describe('quotes (报价)', () => {
  it('makes a quote with two lines, accepts it, and sees the order on the customer’s timeline', async () => {
    const { page } = tab;
    await signUpInBrowser(page, newOwner('quotes', 'Harbour Services 港口服务'));
    const customer = await callApiInPage<{ id: string }>(page, '/v1/customers', {
      method: 'POST',
      body: { name: 'Blue Sea Shipping 蓝海航运', kind: 'business' },
    });
    ids.customerId = customer.body.id;
    const deal = await callApiInPage<{ id: string; currency: string }>(page, '/v1/opportunities', {
      method: 'POST',
      body: { customerId: ids.customerId, name: 'Berth contract', amount: 100_000, currency: 'CNY' },
    });
    ids.opportunityId = deal.body.id;

    await page.goto(`/sales/opportunities/${ids.opportunityId}`);
    await page.getByRole('button', { name: 'New quote' }).click();
    const editor = page.getByRole('form', { name: 'Quotes (报价)' });
    await editor.getByLabel('Description 1').fill('Berth hours');
    await editor.getByLabel('Qty 1').fill('3');
    await editor.getByLabel('Unit price 1').fill('1200');
    await editor.getByRole('button', { name: 'Add line' }).click();
    await editor.getByLabel('Description 2').fill('Pilotage');
    await editor.getByLabel('Unit price 2').fill('450.50');
    // 3 × 1,200 + 450.50 = 4,050.50, computed by the server as typed.
    await editor
      .getByTestId('quote-total')
      .getByText(/4,050\.50/)
      .waitFor();
    await editor.getByRole('button', { name: 'Save draft' }).click();
    await page.getByTestId('quote-status').getByText('Draft').waitFor();
    await page.getByRole('button', { name: 'Mark sent' }).click();
    await page.getByTestId('quote-status').getByText('Sent').waitFor();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByTestId('quote-status').getByText('Accepted').waitFor();
    await tab.screenshot('quotes-accepted-en');
    expect(await seriousA11yViolations(page)).toEqual([]);

    const quotes = await callApiInPage<{ items: { id: string; order: { id: string } | null }[] }>(
      page,
      `/v1/opportunities/${ids.opportunityId}/quotes`,
      { method: 'GET' },
    );
    const quoteId = quotes.body.items[0]?.id as string;
    await page.goto(`/customers/${ids.customerId}`);
    await page
      .getByRole('list', { name: 'Interactions, newest first' })
      .getByText(`Quote ${quoteId}`)
      .waitFor();
  }, 120_000);

  it('shows the quote in Chinese', async () => {
    const { page } = tab;
    await page.goto(`/sales/opportunities/${ids.opportunityId}`);
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { level: 2, name: '报价' }).waitFor();
    await page.getByTestId('quote-status').getByText('已接受').waitFor();
    await tab.screenshot('quotes-accepted-zh');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(tab.errors).toEqual([]);
  }, 60_000);
});
