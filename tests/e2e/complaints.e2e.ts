import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousA11yViolations } from './support/axe.js';
import { launchBrowser, openPage, type WatchedPage } from './support/browser.js';
import './support/provided-context.js';
import { signUpInBrowser } from './support/tenant.js';

const baseURL = inject('e2eBaseUrl');
let browser: Browser;
let tab: WatchedPage;

const owner = {
  tenantName: 'Li’s Bakery 李记面包',
  email: `owner-complaints-${Date.now()}@example.com`,
  password: 'correct-horse-battery',
};

/** Opens the dialog of the move to `step` (its button names the step) and fills it. */
async function moveTo(step: string, fill: (form: Locator) => Promise<void> = async () => {}): Promise<void> {
  const { page } = tab;
  await page.locator(`button[data-next="${step}"]`).click();
  const form = page.getByTestId('transition-form');
  await form.waitFor();
  await fill(form);
  await form.getByRole('button', { name: /Save the step|保存/ }).click();
  await form.waitFor({ state: 'detached' });
}

beforeAll(async () => {
  browser = await launchBrowser();
  tab = await openPage(browser, { baseURL });
});

afterAll(async () => {
  await browser?.close();
});

describe('complaints (客户投诉管理)', () => {
  it('records a complaint from the customer 360° and walks it through all eight steps', async () => {
    const { page } = tab;
    await signUpInBrowser(page, owner);

    await page
      .getByRole('link', { name: /^Complaints/ })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: /Complaints/ }).waitFor();
    await page.getByLabel('Department name').fill('Bakery floor 门店');
    await page.getByRole('button', { name: 'Add department' }).click();
    await page.getByTestId('departments').getByText('Bakery floor 门店').waitFor();

    await page.goto('/customers/new');
    await page.getByLabel(/^Name/).fill('Chen Family 陈家');
    await page.getByRole('button', { name: /^Create customer|^Save/ }).click();
    await page.waitForURL('**/customers');
    await page.getByRole('link', { name: 'Chen Family 陈家', exact: true }).click();
    await page.waitForURL(/\/customers\/[0-9A-Z]{26}$/);
    await page.getByRole('tab', { name: /^Complaints/ }).click();
    const record = page.getByTestId('record-complaint');
    await record.getByLabel(/^Summary/).fill('Stale bread in the morning order');
    await record.getByLabel('Severity').selectOption('high');
    await record.getByLabel('Category').selectOption('product');
    await record.getByRole('button', { name: 'Record a complaint' }).click();
    await page.getByText('Complaint recorded.').waitFor();
    await page.getByTestId('open-complaints').waitFor();

    await page.getByRole('link', { name: 'Stale bread in the morning order' }).click();
    await page.waitForURL(/\/complaints\/[0-9A-Z]{26}$/);
    await page
      .getByTestId('complaint-step')
      .getByText(/^Recorded/)
      .waitFor();

    await moveTo('validated');
    await moveTo('assigned', async (form) => {
      await form.getByLabel(/^Department/).selectOption({ label: 'Bakery floor 门店' });
    });
    await moveTo('analysed', (form) => form.getByLabel('Cause').fill('The night batch sat too long'));
    await moveTo('proposed', (form) => form.getByLabel('Proposed resolution').fill('Replace the order'));
    // The supervisor sends the proposal back once, then approves the better one.
    await moveTo('analysed', (form) => form.getByLabel('Comment').fill('Add a voucher as well'));
    await moveTo('proposed', (form) =>
      form.getByLabel('Proposed resolution').fill('Replace the order and add a voucher'),
    );
    await moveTo('approved');
    await moveTo('carried_out', async (form) => {
      await form.getByLabel('Actions on those responsible').fill('Night shift retrained');
      await form.getByLabel('The customer has been notified').check();
      await form.getByLabel('The customer’s feedback').fill('Happy with the voucher');
    });
    await moveTo('closed', async (form) => {
      await form.getByLabel(/^Rating/).selectOption('5');
      await form.getByLabel('Evaluation').fill('Resolved the same day');
    });

    await page
      .getByTestId('complaint-step')
      .getByText(/^Closed/)
      .waitFor();
    await page.getByText('This complaint is closed.').waitFor();
    const trail = page.getByTestId('complaint-trail').locator('li');
    await expect(trail.count()).resolves.toBe(10);
    await tab.screenshot('complaint-closed-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 120_000);

  it('shows the board and the closed complaint in Chinese', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByTestId('complaint-step').getByText('总结评价').waitFor();
    await page.getByText('处理记录').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page
      .getByRole('link', { name: /^客户投诉/ })
      .first()
      .click();
    await page.getByTestId('complaints-board').waitFor();
    await page.getByLabel('显示已结和不成立的投诉').check();
    await page.locator('[data-step="closed"]').getByText('Stale bread in the morning order').waitFor();
    await tab.screenshot('complaints-board-zh');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(tab.errors).toEqual([]);
  }, 60_000);

  it('sets the complaint SLAs on the policies screen in 中文 and reads them back in English', async () => {
    const { page } = tab;
    await page.goto('/settings/policies?tab=complaints');
    await page.getByRole('heading', { name: '投诉处理时限' }).waitFor();
    await page.getByLabel('主管审批，紧急（小时）').fill('6');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('第 1 版').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Complaint SLAs (投诉处理时限)' }).waitFor();
    await expect(page.getByLabel('Approved (主管审批), Critical (hours)').inputValue()).resolves.toBe('6');
    await page.getByText('Version 1').waitFor();
    await tab.screenshot('complaint-slas-en');
    expect(tab.errors).toEqual([]);
  }, 60_000);
});
