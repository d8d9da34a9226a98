import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousA11yViolations } from './support/axe.js';
import { launchBrowser, openPage, type WatchedPage } from './support/browser.js';
import './support/provided-context.js';
import { callApiInPage, signUpInBrowser } from './support/tenant.js';

const baseURL = inject('e2eBaseUrl');
let browser: Browser;
let tab: WatchedPage;
let folder: string;

const owner = {
  tenantName: 'Li’s Tea House 李记茶庄',
  email: `imports-${Date.now()}@example.com`,
  password: 'correct-horse-battery',
};

// Three customers, the second with an e-mail the API refuses: line 3 of the file. 会员等级 fills
// the tenant's custom field of that label.
const CUSTOMERS_CSV = [
  'cust_no,名称,email,tags,会员等级',
  'T-001,Zhang Wei 张伟,zhang@example.com,vip;tea,gold',
  'T-002,Bad Row,not-an-email,,',
  'T-003,Chen Jing 陈静,chen@example.com,,',
  '',
].join('\n');

beforeAll(async () => {
  browser = await launchBrowser();
  tab = await openPage(browser, { baseURL });
  folder = mkdtempSync(join(tmpdir(), 'crm-imports-e2e-'));
});

afterAll(async () => {
  await browser?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('the import wizard (数据迁移)', () => {
  it('signs up and opens the import screen', async () => {
    const { page } = tab;
    await signUpInBrowser(page, owner);
    const field = await callApiInPage(page, '/v1/custom-fields', {
      method: 'POST',
      body: {
        key: 'member_level',
        label: { en: 'Member level', zh: '会员等级' },
        type: 'enum',
        options: ['Gold', 'Silver'],
      },
    });
    expect(field.status).toBe(201);
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /^Imports/ })
      .click();
    await page.getByRole('heading', { level: 1, name: /^Imports/ }).waitFor();
    await page.getByText('No imports yet').waitFor();
    await tab.screenshot('imports-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('uploads a customers CSV, maps its columns and shows the bad row in the dry run', async () => {
    const { page } = tab;
    const file = join(folder, 'old-system-customers.csv');
    writeFileSync(file, CUSTOMERS_CSV);
    await page.getByLabel('CSV file').setInputFiles(file);

    // The header was read in the browser; the Chinese and odd names are mapped by hand or guess.
    const idColumn = page.getByLabel('Customer ID in the old system');
    await idColumn.waitFor();
    await expect(idColumn.inputValue()).resolves.toBe('cust_no');
    await expect(page.getByLabel('Name', { exact: true }).inputValue()).resolves.toBe('名称');
    await expect(page.getByLabel('E-mail').inputValue()).resolves.toBe('email');
    await expect(page.getByLabel('Member level').inputValue()).resolves.toBe('会员等级');
    await tab.screenshot('imports-mapping-en');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
    await page.getByText('1 of 3 rows would be rejected').waitFor();
    const rejection = page
      .getByRole('row')
      .filter({ hasText: 'not-an-email' })
      .or(page.getByRole('row').filter({ hasText: 'must be a valid e-mail address' }));
    await expect(rejection.first().textContent()).resolves.toMatch(
      /3\s*email\s*must be a valid e-mail address/,
    );
    await tab.screenshot('imports-dry-run-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('imports the good rows with a progress bar and shows the result and the customers count', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Import and skip the rejected rows' }).click();
    await page.getByRole('heading', { name: 'Import finished' }).waitFor();
    const count = (label: string) =>
      page.locator('.import-counts__item').filter({ hasText: label }).locator('dd').textContent();
    await expect(count('Rows read')).resolves.toBe('3');
    await expect(count('Rows written')).resolves.toBe('2');
    await expect(count('Rejected')).resolves.toBe('1');
    await expect(count('Customers created')).resolves.toBe('2');
    await page.getByRole('button', { name: 'Download rejected rows (CSV)' }).waitFor();

    // The past imports list has it, and the customer book now holds the two good customers.
    await page.getByRole('cell', { name: 'Completed' }).waitFor();
    // Runs in the page (the tests compile without the DOM library, hence the string).
    const customers = (await page.evaluate(`(async () => {
      const session = JSON.parse(localStorage.getItem('crm.session') ?? '{}');
      const response = await fetch('/v1/customers?limit=50', {
        headers: { Authorization: 'Bearer ' + session.accessToken },
      });
      const body = await response.json();
      return body.items
        .map((customer) => [customer.name, customer.customFields])
        .sort((a, b) => a[0].localeCompare(b[0]));
    })()`)) as [string, Record<string, unknown>][];
    expect(customers).toEqual([
      ['Chen Jing 陈静', {}],
      ['Zhang Wei 张伟', { member_level: 'Gold' }],
    ]);
    await tab.screenshot('imports-result-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('reads in 中文 too', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { level: 1, name: '数据迁移' }).waitFor();
    await page.getByRole('heading', { name: '导入完成' }).waitFor();
    await tab.screenshot('imports-result-zh');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '导入其他文件' }).click();
    await page.getByText('将 CSV 文件拖放到此处').waitFor();
    await tab.screenshot('imports-zh');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: /^Imports/ }).waitFor();
  });

  it('logged no console errors', () => {
    expect(tab.errors).toEqual([]);
  });
});
