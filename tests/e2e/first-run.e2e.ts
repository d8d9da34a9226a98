import { join } from 'node:path';
import { repoRoot } from '@crm/local';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { INITIAL_JS_BUDGET_BYTES, measureInitialJs } from '../../web/scripts/check-bundle-budget.js';
import { seriousA11yViolations } from './support/axe.js';
import { launchBrowser, openPage, type WatchedPage } from './support/browser.js';
import './support/provided-context.js';

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
  tenantName: 'Wang’s Rice Shop 王氏米店',
  email: `owner-${Date.now()}@example.com`,
  password: 'correct-horse-battery',
};

describe('a newcomer’s first run', () => {
  it('opens / on a login screen with a password field and a visible 中文 / English switch', async () => {
    const { page } = tab;
    await page.goto('/');
    await page.waitForURL('**/login');
    await expect(page.locator('input[type=password]').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: '中文' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'English' }).isVisible()).resolves.toBe(true);
    await tab.screenshot('login-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('follows a dark system theme, still readable', async () => {
    const dark = await openPage(browser, { baseURL, colorScheme: 'dark', locale: 'zh-CN' });
    await dark.page.goto('/login');
    await dark.page.getByLabel('密码').waitFor();
    await dark.screenshot('login-zh-dark');
    expect(await seriousA11yViolations(dark.page)).toEqual([]);
    expect(dark.errors).toEqual([]);
    await dark.context.close();
  });

  it('keeps the first page’s JavaScript within 120 KB gzip', () => {
    expect(measureInitialJs(join(repoRoot, 'web', 'dist')).gzipBytes).toBeLessThanOrEqual(
      INITIAL_JS_BUDGET_BYTES,
    );
  });

  it('signs up a new tenant and lands on its dashboard', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: 'Create a tenant' }).click();
    await page.locator('input[name=tenantName]').fill(owner.tenantName);
    await page.locator('input[name=email]').fill(owner.email);
    await page.locator('input[name=password]').fill(owner.password);
    await tab.screenshot('signup-en');
    await page.getByRole('button', { name: 'Create tenant' }).click();
    await page.waitForURL('**/dashboard');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await expect(page.locator('.topbar').textContent()).resolves.toContain(owner.tenantName);
    await page.getByText('No figures yet').waitFor();
    await tab.screenshot('dashboard-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('moves through the sidebar with the keyboard and lazy-loads each screen', async () => {
    const { page } = tab;
    for (const [name, heading] of [
      ['Customers', 'Customers'],
      ['Imports', 'Imports'],
      ['Analytics', 'Analytics'],
      ['Settings', 'Settings'],
      ['Dashboard', 'Dashboard'],
    ] as const) {
      const link = page.getByRole('navigation').getByRole('link', { name: new RegExp(`^${name}`) });
      await link.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: new RegExp(`^${heading}`) }).waitFor();
    }
  });

  it('switches to 中文 and back, and remembers the choice', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { level: 1, name: '仪表盘' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    await tab.screenshot('dashboard-zh');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '仪表盘' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  });

  it('logs out from the account menu, and logs in again', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).waitFor();
    await tab.screenshot('account-menu-en');
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByLabel('密码').waitFor();
    await tab.screenshot('login-zh');
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('input[name=email]').fill(owner.email);
    await page.locator('input[name=password]').fill(owner.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/dashboard');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  });

  it('logged no console errors on any screen', () => {
    expect(tab.errors).toEqual([]);
  });
});
