import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
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
  tenantName: 'Leaving Tea 告别茶行',
  email: `rights-${Date.now()}@example.com`,
  password: 'correct-horse-battery',
};
const customer = 'Last Customer 最后的客户';

beforeAll(async () => {
  browser = await launchBrowser();
  tab = await openPage(browser, { baseURL });
});

afterAll(async () => {
  await browser?.close();
});

describe('data & privacy (数据与隐私)', () => {
  it('signs up and adds a customer', async () => {
    const { page } = tab;
    await signUpInBrowser(page, owner);
    await page.goto('/customers');
    // The header's and, on an empty book, the empty state's: either leads to the form.
    await page.getByRole('link', { name: 'New customer' }).first().click();
    await page.getByRole('heading', { level: 1, name: /^New customer/ }).waitFor();
    await page.getByLabel('Name *').fill(customer);
    await page.getByRole('button', { name: 'Create customer' }).click();
    await page.waitForURL(/\/customers$/);
    await page.getByRole('link', { name: customer, exact: true }).waitFor();
  });

  it('exports all the data and downloads the archive once', async () => {
    const { page } = tab;
    await page.goto('/settings?tab=dataPrivacy');
    await page.getByRole('tab', { name: 'Data & privacy', selected: true }).waitFor();
    await page.getByRole('button', { name: 'Export all data' }).click();
    const downloadButton = page.getByRole('button', { name: 'Download the archive (once)' });
    await downloadButton.waitFor({ timeout: 30_000 });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await tab.screenshot('settings-data-privacy-en');
    const [download] = await Promise.all([page.waitForEvent('download'), downloadButton.click()]);
    expect(download.suggestedFilename()).toMatch(/^crm-export-.*\.zip$/);
    const files = unzipSync(new Uint8Array(await readFile((await download.path()) as string)));
    expect(new TextDecoder().decode(files['customers.csv'])).toContain(customer);
    expect(Object.keys(files)).toContain('manifest.json');
    await page.getByText('Downloaded. Start a new export for a newer copy.').waitFor();
  });

  it('deletes the tenant with its name and the password, and lands on the login screen', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Delete this tenant…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Tenant name').fill(owner.tenantName);
    await dialog.getByLabel('Your password').fill(owner.password);
    await dialog.getByRole('button', { name: 'Delete for good' }).click();
    await page.waitForURL(/\/login/);
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    // The account went with the tenant (the person belonged to no other).
    await page.locator('input[name=email]').fill(owner.email);
    await page.locator('input[name=password]').fill(owner.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').waitFor();
    expect(page.url()).toMatch(/\/login/);
  });
});
