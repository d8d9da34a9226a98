import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousA11yViolations } from './support/axe.js';
import { launchBrowser, openPage, type WatchedPage } from './support/browser.js';
import { callApiInPage, newOwner, signUpInBrowser } from './support/tenant.js';
import './support/provided-context.js';

const baseURL = inject('e2eBaseUrl');
let browser: Browser;
let tab: WatchedPage;
const owner = newOwner('tasks', 'Wang Rice Shop 王记米店');
const customer = 'Chen Family 陈家';
const followUp = 'Call back about the rice order';

beforeAll(async () => {
  browser = await launchBrowser();
  tab = await openPage(browser, { baseURL });
});

afterAll(async () => {
  await browser?.close();
});

describe('tasks (关怀提醒)', () => {
  it('writes down a follow-up on the 360°, finds it among my tasks and marks it done with a note', async () => {
    const { page } = tab;
    await signUpInBrowser(page, owner);
    const created = await callApiInPage<{ id: string }>(page, '/v1/customers', {
      method: 'POST',
      body: { name: customer, kind: 'consumer' },
    });
    expect(created.status).toBe(201);

    await page.goto(`/customers/${created.body.id}`);
    const card = page.locator('.customer-tasks');
    await card.getByText('No open tasks for this customer.').waitFor();
    await card.getByLabel(/What to do/).fill(followUp);
    await card.getByRole('button', { name: 'Add follow-up' }).click();
    await card.getByText('Follow-up added for you.').waitFor();
    await card.getByText(followUp).waitFor();
    await tab.screenshot('tasks-follow-up-360-en');

    await page
      .getByRole('navigation')
      .getByRole('link', { name: /^Tasks/ })
      .click();
    const row = page.locator('.tasks-table tbody tr', { hasText: followUp });
    await row.waitFor();
    expect(await row.getByRole('link', { name: customer }).count()).toBe(1);
    expect(await row.textContent()).toContain('Follow-up (回访)');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await row.getByRole('button', { name: 'Done' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mark the task done' });
    await dialog.getByLabel('Note (optional)').fill('They will order 20 kg on Monday');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.waitFor({ state: 'detached' });

    await page.getByLabel('Status').selectOption('done');
    await page
      .locator('.tasks-table tbody tr', { hasText: followUp })
      .getByText('They will order 20 kg on Monday')
      .waitFor();
    await tab.screenshot('tasks-done-en');
  }, 90_000);

  it('reads in Chinese, with no console error on the way', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { level: 1, name: /任务|关怀提醒/ }).waitFor();
    await page.locator('.tasks-table tbody tr', { hasText: followUp }).getByText('回访跟进').waitFor();
    await tab.screenshot('tasks-done-zh');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(tab.errors).toEqual([]);
  }, 60_000);
});
