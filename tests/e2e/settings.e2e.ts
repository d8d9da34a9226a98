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
  tenantName: 'Zhou’s Bakery 周记面包',
  email: `settings-${Date.now()}@example.com`,
  password: 'correct-horse-battery',
};
const invitee = `baker-${Date.now()}@example.com`;

beforeAll(async () => {
  browser = await launchBrowser();
  tab = await openPage(browser, { baseURL });
});

afterAll(async () => {
  await browser?.close();
});

describe('settings (设置)', () => {
  it('signs up and opens the tenant settings', async () => {
    const { page } = tab;
    await signUpInBrowser(page, owner);
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /^Settings/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.getByRole('tab', { name: 'Tenant', selected: true }).waitFor();
    await expect(page.getByLabel('Name', { exact: true }).inputValue()).resolves.toBe(owner.tenantName);
  });

  it('changes the tenant currency, saved with its version', async () => {
    const { page } = tab;
    const currency = page.getByLabel('Default currency');
    await expect(currency.inputValue()).resolves.not.toBe('EUR');
    await currency.selectOption('EUR');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByText(/^Version 2 ·/).waitFor();
    await tab.screenshot('settings-tenant-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.reload();
    await page.getByRole('tab', { name: 'Tenant', selected: true }).waitFor();
    await page.getByText(/^Version 2 ·/).waitFor();
    await expect(page.getByLabel('Default currency').inputValue()).resolves.toBe('EUR');
  });

  it('creates a custom field', async () => {
    const { page } = tab;
    await page.getByRole('tab', { name: 'Custom fields' }).click();
    await page.getByText('No custom fields').waitFor();
    await page.getByRole('button', { name: 'Add a field' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a custom field' });
    await dialog.getByLabel('Key').fill('delivery_day');
    await dialog.getByLabel('Label (English)').fill('Delivery day');
    await dialog.getByLabel('Label (中文)').fill('送货日');
    await dialog.getByLabel('Type').selectOption('enum');
    await dialog.getByLabel('Options').fill('Monday\nWednesday\nFriday');
    await tab.screenshot('settings-custom-field-dialog-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row', { name: /Delivery day/ });
    await expect(row.textContent()).resolves.toContain('Monday · Wednesday · Friday');
    await tab.screenshot('settings-custom-fields-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('creates an API key and shows its secret once', async () => {
    const { page } = tab;
    await page.getByRole('tab', { name: 'API keys' }).click();
    await page.getByRole('button', { name: 'Create an API key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an API key' });
    await dialog.getByLabel('Name').fill('Web shop 网店');
    await dialog.getByLabel('Scope').selectOption('write');
    await dialog.getByRole('button', { name: 'Create' }).click();
    const shown = page.getByRole('dialog', { name: 'Your new API key' });
    const secret = await shown.getByLabel('API key').inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await shown.getByRole('button', { name: 'Copy' }).waitFor();
    await tab.screenshot('settings-api-key-secret-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shown.getByRole('button', { name: 'Close' }).click();
    await shown.waitFor({ state: 'hidden' });
    await page.getByRole('rowheader', { name: 'Web shop 网店' }).waitFor();
    // Shown once: the list never carries the secret.
    await expect(page.content()).resolves.not.toContain(secret);
    await tab.screenshot('settings-api-keys-en');
  });

  it('invites a user and shows the invitation link from the local outbox', async () => {
    const { page } = tab;
    await page.getByRole('tab', { name: 'Users and roles' }).click();
    await page.getByRole('rowheader', { name: /you/ }).waitFor();
    await page.getByRole('button', { name: 'Invite a user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite a user' });
    await dialog.getByLabel('E-mail').fill(invitee);
    await dialog.getByLabel('Role').selectOption('member');
    await dialog.getByRole('button', { name: 'Invite a user' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(`Invitation sent to ${invitee}.`).waitFor();
    const row = page.getByRole('row').filter({ hasText: invitee });
    await expect(row.textContent()).resolves.toContain('Invited');
    const link = page.getByRole('link', { name: `Invitation link for ${invitee}` });
    await expect(link.getAttribute('href')).resolves.toMatch(/\/accept-invitation\?token=/);
    await tab.screenshot('settings-users-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('offers partner shares per customer', async () => {
    const { page } = tab;
    await page.getByRole('tab', { name: 'Partner shares' }).click();
    await page.getByText('Choose a customer to see and change who it is shared with.').waitFor();
    await page.getByLabel('Search customers').fill('nobody');
    await page.getByText('No customer matches.').waitFor();
    await tab.screenshot('settings-shares-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('tab', { name: 'Users and roles' }).click();
  });

  it('reads in 中文 too', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { level: 1, name: '设置' }).waitFor();
    await page.getByRole('tab', { name: '用户与角色', selected: true }).waitFor();
    await tab.screenshot('settings-users-zh');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('tab', { name: '自定义字段' }).click();
    await page.getByRole('row', { name: /送货日/ }).waitFor();
    await tab.screenshot('settings-custom-fields-zh');
    await page.getByRole('tab', { name: '租户' }).click();
    await page.getByLabel('默认币种').waitFor();
    await tab.screenshot('settings-tenant-zh');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  });

  it('logged no console errors', () => {
    expect(tab.errors).toEqual([]);
  });
});
