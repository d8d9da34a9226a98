import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousA11yViolations } from './support/axe.js';
import { launchBrowser, openPage, type WatchedPage } from './support/browser.js';
import './support/provided-context.js';
import { openOnPhone, publicLinkFromMailbox } from './support/public-link.js';

const baseURL = inject('e2eBaseUrl');
let browser: Browser;
let tab: WatchedPage;

const owner = {
  tenantName: 'Noodle Bar 面馆',
  email: `owner-campaigns-${Date.now()}@example.com`,
  password: 'correct-horse-battery',
};
const tag = `spring${Date.now()}`;
const customerEmail = `diner-${Date.now()}@example.com`;

beforeAll(async () => {
  browser = await launchBrowser();
  tab = await openPage(browser, { baseURL });
});

afterAll(async () => {
  await browser?.close();
});

describe('campaigns (批量沟通)', () => {
  it('builds a segment, sends a campaign, unsubscribes from the mailed link and sees the results', async () => {
    const { page } = tab;
    await page.goto('/signup');
    await page.locator('input[name=tenantName]').fill(owner.tenantName);
    await page.locator('input[name=email]').fill(owner.email);
    await page.locator('input[name=password]').fill(owner.password);
    await page.getByRole('button', { name: 'Create tenant' }).click();
    await page.waitForURL('**/dashboard');
    // Customers come through the API with the SPA's session: this spec is about campaigns.
    type BrowserGlobals = { localStorage: { getItem(key: string): string | null } };
    const session = await page.evaluate(
      () => (globalThis as unknown as BrowserGlobals).localStorage.getItem('crm.session') ?? '{}',
    );
    const { accessToken } = JSON.parse(session) as { accessToken: string };
    for (const data of [
      { name: 'Diner Li 李女士', kind: 'consumer', email: customerEmail, tags: [tag] },
      { name: 'No Mail 无邮箱', kind: 'consumer', tags: [tag] },
    ]) {
      const created = await page.request.post('/v1/customers', {
        headers: { authorization: `Bearer ${accessToken}` },
        data,
      });
      expect(created.status()).toBe(201);
    }

    await page.getByRole('link', { name: /Segments/ }).click();
    await page.getByRole('button', { name: 'New segment' }).click();
    const builder = page.getByTestId('segment-builder');
    await builder.locator('input[name=name]').fill('Spring diners');
    await builder.locator('input[name=tags]').fill(tag);
    await page.getByTestId('segment-live-count').getByText('Matches 2 customers now').waitFor();
    await builder.getByRole('button', { name: 'Save segment' }).click();
    await page.getByTestId('segments').getByText('Spring diners').waitFor();

    await page.getByRole('link', { name: /Campaigns/ }).click();
    await page.getByRole('button', { name: 'New campaign' }).click();
    const composer = page.getByTestId('campaign-composer');
    await composer.locator('input[name=name]').fill('Spring noodles');
    await composer.getByLabel('Segment', { exact: true }).selectOption({ label: 'Spring diners' });
    await composer.locator('input[name="subject.zh"]').fill('{{name}}，春季新品');
    await composer.locator('input[name="subject.en"]').fill('Spring noodles for {{name}}');
    await composer.getByLabel('Message (中文)').fill('您好 {{name}}，春季新品上市。');
    await composer.getByLabel('Message (English)').fill('Hello {{name}}, spring noodles are here.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await composer.getByRole('button', { name: 'Save as draft' }).click();
    await page.waitForURL(/\/campaigns\/[0-9A-Z]{26}$/);
    const campaignUrl = new URL(page.url()).pathname;
    // The draft says what it sends, to whom, and the message one member gets.
    await page.getByTestId('campaign-summary').getByText('2 customers now').waitFor();
    await page.getByTestId('campaign-preview').waitFor();
    await page.getByRole('button', { name: 'Send now' }).click();
    const question = page.getByRole('dialog');
    await question.getByRole('heading', { name: 'Send to 2 customers now?' }).waitFor();
    await question.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByTestId('campaign-results').waitFor();

    const { link, mailbox } = await publicLinkFromMailbox(page, 'u');
    expect(mailbox).toContain('Diner Li 李女士，春季新品');
    const { phone, mobile } = await openOnPhone(browser, baseURL, link);
    await mobile.getByText('不再接收 Noodle Bar 面馆 的营销消息？').waitFor();
    expect(await mobile.getByRole('navigation').count()).toBe(0);
    expect(await seriousA11yViolations(mobile)).toEqual([]);
    await mobile.getByRole('button', { name: '退订' }).tap();
    await mobile.getByText('您已退订').waitFor();
    await phone.close();

    await page.goto(campaignUrl);
    const results = page.getByTestId('campaign-results');
    await results.waitFor();
    expect(await results.locator('dl').textContent()).toMatch(/Sent1Skipped1Bounced0Unsubscribed1/);
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { level: 2, name: '效果' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(tab.errors).toEqual([]);
  }, 90_000);
});
