import type { Browser } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startWebhookReceiver } from '../support/webhook-receiver.js';
import { seriousA11yViolations } from './support/axe.js';
import { launchBrowser, openPage, type WatchedPage } from './support/browser.js';
import { callApiInPage, newOwner, signUpInBrowser } from './support/tenant.js';
import './support/provided-context.js';

const baseURL = inject('e2eBaseUrl');
let browser: Browser;
let tab: WatchedPage;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const owner = newOwner('webhooks', 'Hook Traders 钩子贸易');
const customer = 'Li Hardware 李记五金';

beforeAll(async () => {
  // A real receiver on loopback, which the local runtime (and only it) lets webhooks reach.
  receiver = await startWebhookReceiver();
  browser = await launchBrowser();
  tab = await openPage(browser, { baseURL });
});

afterAll(async () => {
  await browser?.close();
  await receiver?.close();
});

describe('webhooks (Webhook 推送)', () => {
  it('adds an endpoint, sees a customer’s event delivered in the log and resends it', async () => {
    const { page } = tab;
    await signUpInBrowser(page, owner);

    await page.goto('/settings/webhooks');
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await page.getByRole('button', { name: 'Add an endpoint' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^URL/).fill(receiver.url());
    await dialog.getByLabel(/All events of customer/).check();
    await dialog.getByRole('button', { name: 'Create' }).click();
    const secret = await dialog.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    const endpointRow = page.locator('tr', { hasText: receiver.url() });
    await endpointRow.getByText('Enabled').waitFor();

    const created = await callApiInPage<{ id: string }>(page, '/v1/customers', {
      method: 'POST',
      body: { name: customer, kind: 'business' },
    });
    expect(created.status).toBe(201);
    await expect.poll(() => receiver.received.length).toBe(1);
    const [first] = receiver.received;
    const payload = new Webhook(secret).verify(
      first?.body ?? '',
      first?.headers as Record<string, string>,
    ) as {
      type: string;
      data: { id: string; name: string };
    };
    expect(payload).toMatchObject({
      type: 'customer.created',
      data: { id: created.body.id, name: customer },
    });

    await endpointRow.getByRole('button', { name: 'Delivery log' }).click();
    const messageId = String(first?.headers['webhook-id']);
    const delivery = page.locator('tr', { has: page.getByRole('rowheader', { name: 'customer.created' }) });
    await delivery.getByText('Delivered').waitFor();
    expect(await delivery.textContent()).toMatch(/200 · \d+ ms/);
    await tab.screenshot('webhooks-log-en');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await delivery.getByRole('button', { name: `Resend ${messageId}` }).click();
    await expect.poll(() => receiver.received.length).toBe(2);
    expect(receiver.received[1]?.headers['webhook-id']).toBe(messageId);
    expect(receiver.received[1]?.body).toBe(first?.body);
    // The log shows the second attempt once it is read again.
    await expect
      .poll(async () => {
        await page.getByRole('button', { name: '↻' }).click();
        return (await delivery.locator('td.number').textContent())?.trim();
      })
      .toBe('2');
    await delivery.getByText('Delivered').waitFor();
  }, 90_000);

  it('reads in Chinese, with no console error on the way', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhook 推送' }).waitFor();
    const delivery = page.locator('tr', { has: page.getByRole('rowheader', { name: 'customer.created' }) });
    await delivery.getByText('已送达').waitFor();
    await page
      .getByRole('button', { name: /重新发送/ })
      .first()
      .waitFor();
    await tab.screenshot('webhooks-log-zh');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(tab.errors).toEqual([]);
  }, 60_000);
});
