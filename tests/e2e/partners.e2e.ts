import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousA11yViolations } from './support/axe.js';
import { launchBrowser, openPage, type WatchedPage } from './support/browser.js';
import { callApiInPage, newOwner, signUpInBrowser } from './support/tenant.js';
import './support/provided-context.js';

const baseURL = inject('e2eBaseUrl');
let browser: Browser;
let admin: WatchedPage;
let dealer: WatchedPage;

const owner = newOwner('partners', 'Guangzhou Auto 广州汽车');
const dealerEmail = `dealer-${Date.now()}@example.com`;
const organisationName = 'South China Motors 华南车行';
const shared = 'Fleet buyer 车队客户';
const unshared = 'Walk-in 散客';

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await openPage(browser, { baseURL });
  dealer = await openPage(browser, { baseURL });
});

afterAll(async () => {
  await browser?.close();
});

/**
 * Channel partners (按权限共享, DOMAIN.md §2): head office creates a dealer organisation, invites its
 * user, shares one customer read-only until a date; the dealer sees only that customer and only the
 * shared fields, and loses it at its next request once head office revokes the share.
 */
describe('channel partners (经销商)', () => {
  it('creates a dealer organisation and invites its user', async () => {
    const { page } = admin;
    await signUpInBrowser(page, owner);
    for (const name of [shared, unshared]) {
      const created = await callApiInPage(page, '/v1/customers', {
        method: 'POST',
        body: { name, kind: 'business', phone: '+86 20 1234 5678', email: 'secret-buyer@example.cn' },
      });
      expect(created.status).toBe(201);
    }
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /^Partners/ })
      .click();
    await page.getByRole('heading', { level: 1, name: /^Partner organisations/ }).waitFor();
    await page.getByLabel('Name').fill(organisationName);
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('link', { name: organisationName }).click();
    await page.getByRole('button', { name: 'Invite a user' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('E-mail').fill(dealerEmail);
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText(`Invitation sent to ${dealerEmail}.`).waitFor();
    await page.getByRole('row').filter({ hasText: dealerEmail }).getByText('Invited').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('shares one customer with the organisation, read-only until a date', async () => {
    const { page } = admin;
    await page.goto('/settings?tab=shares');
    await page.getByLabel('Search customers').fill('Fleet');
    await page.getByRole('button', { name: shared }).click();
    await page.getByRole('button', { name: 'Share with a partner' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel('Organisation', { exact: true }).inputValue()).resolves.toMatch(
      /^[0-9A-Z]{26}$/,
    );
    await dialog.getByLabel('Share until (optional)').fill('2099-12-31T18:00');
    await dialog.getByRole('button', { name: 'Share' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: organisationName });
    await row.getByText('Read', { exact: true }).waitFor();
    await row.getByText(/2099/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('lets the dealer sign in and see only that customer, only the shared fields', async () => {
    const outbox = await callApiInPage<{ items: { to: string; text: string }[] }>(
      admin.page,
      '/v1/dev/outbox',
      {
        method: 'GET',
      },
    );
    const mail = outbox.body.items.find((item) => item.to === dealerEmail);
    const token = /token: (\S+)/.exec(mail?.text ?? '')?.[1];
    expect(token).toBeTruthy();
    const { page } = dealer;
    await page.goto(`/accept-invitation?token=${token}`);
    await page.locator('input[name=password]').fill('correct-horse-battery');
    await page.getByRole('button', { name: 'Join' }).click();
    await page.waitForURL('**/partner');
    await page.getByRole('heading', { level: 1, name: /^My portal/ }).waitFor();
    await page.getByText(shared).waitFor();
    await page.getByText(/\+86 20 1234 5678/).waitFor();
    const content = await page.content();
    expect(content).not.toContain(unshared);
    expect(content).not.toContain('secret-buyer@example.cn');
    const links = await page.getByRole('navigation').getByRole('link').allTextContents();
    expect(links).toEqual([expect.stringContaining('My portal')]);
    await dealer.screenshot('partner-portal-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { level: 1, name: /我的门户/ }).waitFor();
    await page.getByText('我的客户', { exact: true }).waitFor();
    await dealer.screenshot('partner-portal-zh');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('takes the customer away at the dealer’s next request once head office revokes the share', async () => {
    const { page } = admin;
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /^Partners/ })
      .click();
    await page.getByRole('link', { name: organisationName }).click();
    await page.getByRole('button', { name: `Stop sharing: ${shared}` }).click();
    await page.getByText('No customer is shared with this organisation.').waitFor();

    await dealer.page.reload();
    await dealer.page.getByText('No customer is shared with you.').waitFor();
    expect(await dealer.page.content()).not.toContain(shared);
    expect(dealer.errors).toEqual([]);
  });
});
