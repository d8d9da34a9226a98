import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, type WatchedPage } from './support/browser.js';
import './support/provided-context.js';
import { signUpInBrowser } from './support/tenant.js';

const baseURL = inject('e2eBaseUrl');
let browser: Browser;
let tab: WatchedPage;

const owner = {
  tenantName: 'Flow Traders 流程贸易',
  email: `owner-workflows-${Date.now()}@example.com`,
  password: 'correct-horse-battery',
};

beforeAll(async () => {
  browser = await launchBrowser();
  tab = await openPage(browser, { baseURL });
});

afterAll(async () => {
  await browser?.close();
});

describe('workflows (工作流程配置)', () => {
  it('creates a workflow from a template, dry-runs it, activates it and shows a run', async () => {
    const { page } = tab;
    await signUpInBrowser(page, owner);

    await page.goto('/settings/workflows');
    await page.getByRole('heading', { level: 1, name: /Workflows/ }).waitFor();
    await page.getByRole('button', { name: /Create draft: A-class customer at churn risk/ }).click();
    await page.getByText(/Edit “A-class customer at churn risk”/).waitFor();

    await page.getByLabel('Sample data (JSON)').fill('{"id": "01ARZ3NDEKTSV4RRFFQ69G5FAV", "abcClass": "A"}');
    await page.getByRole('button', { name: 'Run the dry run' }).click();
    await page.getByText('Conditions hold: the actions would run').waitFor();
    expect(await page.getByText(/Create the task “A-class customer at churn risk/).count()).toBeGreaterThan(
      0,
    );

    // A manual workflow, activated, run on a customer from the run history.
    const login = await page.request.post('/v1/auth/login', {
      data: { email: owner.email, password: owner.password },
    });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const headers = { authorization: `Bearer ${token}` };
    const customer = await page.request.post('/v1/customers', {
      headers,
      data: { name: 'Manual Run Co', kind: 'business' },
    });
    expect(customer.status()).toBe(201);
    const created = await page.request.post('/v1/workflows', {
      headers,
      data: {
        name: 'Tag on demand',
        status: 'active',
        trigger: { type: 'manual' },
        actions: [{ type: 'update_customer', addTags: ['called'] }],
      },
    });
    expect(created.status()).toBe(201);
    await page.reload();
    await page.getByRole('button', { name: 'Open Tag on demand' }).click();
    await page.getByRole('searchbox', { name: 'Customer (search by name)', exact: true }).fill('Manual Run');
    await page.getByRole('button', { name: 'Manual Run Co', exact: true }).click();
    await page.getByRole('button', { name: 'Run on this customer now' }).click();
    await page.getByText('Completed').first().waitFor();
    await page
      .getByText(/Update the customer: addTags \["called"\]/)
      .first()
      .waitFor();
  });
});
