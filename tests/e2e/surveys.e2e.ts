import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, type WatchedPage } from './support/browser.js';
import './support/provided-context.js';
import { openOnPhone, publicLinkFromMailbox } from './support/public-link.js';
import { signUpInBrowser } from './support/tenant.js';

const baseURL = inject('e2eBaseUrl');
let browser: Browser;
let tab: WatchedPage;

const owner = {
  tenantName: 'Tea House 茶馆',
  email: `owner-surveys-${Date.now()}@example.com`,
  password: 'correct-horse-battery',
};
const customerEmail = `guest-${Date.now()}@example.com`;

beforeAll(async () => {
  browser = await launchBrowser();
  tab = await openPage(browser, { baseURL });
});

afterAll(async () => {
  await browser?.close();
});

describe('satisfaction surveys (满意度调查)', () => {
  it('builds a survey, sends it, answers the mailed link on a phone and sees the results', async () => {
    const { page } = tab;
    await signUpInBrowser(page, owner);
    // The customer comes through the API with the session the SPA holds: this spec is about surveys.
    type BrowserGlobals = { localStorage: { getItem(key: string): string | null } };
    const session = await page.evaluate(
      () => (globalThis as unknown as BrowserGlobals).localStorage.getItem('crm.session') ?? '{}',
    );
    const { accessToken } = JSON.parse(session) as { accessToken: string };
    const created = (
      await page.request.post('/v1/customers', {
        headers: { authorization: `Bearer ${accessToken}` },
        data: { name: 'Guest Wang 王先生', kind: 'consumer', email: customerEmail },
      })
    ).status();
    expect(created).toBe(201);

    await page.goto('/surveys');
    const builder = page.getByTestId('survey-builder');
    await builder.locator('input[name="title.zh"]').fill('茶馆满意度调查');
    await builder.locator('input[name="title.en"]').fill('Tea house survey');
    await builder.locator('input[name="questions.0.text.zh"]').fill('您会向朋友推荐我们吗？');
    await builder.locator('input[name="questions.0.text.en"]').fill('Would you recommend us to a friend?');
    await builder.getByRole('button', { name: 'Save as draft' }).click();
    await page.waitForURL(/\/surveys\/[0-9A-Z]{26}$/);
    const surveyUrl = new URL(page.url()).pathname;
    await page.getByRole('button', { name: 'Activate' }).click();
    const send = page.getByTestId('survey-send');
    await send.waitFor();
    await send.getByLabel('Find customers').fill('Guest Wang');
    await send.getByRole('button', { name: 'Add' }).first().click();
    await send.getByRole('button', { name: 'Send the survey' }).click();
    await send.getByText('Sent to 1.').waitFor();

    const { link } = await publicLinkFromMailbox(page, 's');
    const { phone, mobile } = await openOnPhone(browser, baseURL, link);
    await mobile.getByText('茶馆满意度调查').waitFor();
    await mobile.getByRole('button', { name: 'English' }).click();
    await mobile.getByText('Would you recommend us to a friend?').waitFor();
    expect(await mobile.getByRole('navigation').count()).toBe(0);
    await mobile.locator('label.survey-scale__point', { hasText: /^10$/ }).tap();
    await mobile.getByRole('button', { name: 'Send my answers' }).tap();
    await mobile.getByText('Thank you! Your answers were recorded.').waitFor();
    const width = await mobile.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
          .documentElement.scrollWidth,
    );
    expect(width).toBeLessThanOrEqual(390);
    await phone.close();

    await page.goto(surveyUrl);
    const figures = page.getByTestId('survey-figures');
    await figures.waitFor();
    expect(await figures.locator('[data-figure="nps"]').textContent()).toBe('100');
    expect(await figures.locator('[data-figure="responseRate"]').textContent()).toBe('100%');
    expect(tab.errors).toEqual([]);
  }, 90_000);
});
