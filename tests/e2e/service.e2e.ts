import { reviewServiceSlasAllTenants } from '@crm/app/service';
import { createTableClient, sharedClientFactory } from '@crm/dynamodb';
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
  tenantName: 'Zhou’s Aircon 周氏空调',
  email: `owner-service-${Date.now()}@example.com`,
  password: 'correct-horse-battery',
};

/** Opens the dialog of the move to `status` and fills it. */
async function moveTo(
  status: string,
  fill: (form: Locator) => Promise<void> = async () => {},
): Promise<void> {
  const { page } = tab;
  await page.locator(`button[data-next="${status}"]`).click();
  const form = page.getByTestId('service-transition-form');
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

describe('service requests (客户服务与支持)', () => {
  it('receives a request on the 360°, dispatches it, records the visit and result, and follows it up', async () => {
    const { page } = tab;
    await signUpInBrowser(page, owner);

    await page.goto('/customers/new');
    await page.getByLabel(/^Name/).fill('Wu Family 吴家');
    await page.getByRole('button', { name: /^Create customer|^Save/ }).click();
    await page.waitForURL('**/customers');
    await page.getByRole('link', { name: 'Wu Family 吴家', exact: true }).click();
    await page.waitForURL(/\/customers\/[0-9A-Z]{26}$/);
    await page.getByRole('tab', { name: /^Service/ }).click();
    const receive = page.getByTestId('receive-service-request');
    await receive.getByLabel(/^Summary/).fill('Air conditioner not cooling');
    await receive.getByLabel('Priority').selectOption('high');
    await receive.getByRole('button', { name: 'Receive a service request' }).click();
    await page.getByText('Service request received.').waitFor();

    await page.getByRole('link', { name: 'Air conditioner not cooling' }).click();
    await page.waitForURL(/\/service\/requests\/[0-9A-Z]{26}$/);
    await page
      .getByTestId('service-status')
      .getByText(/^Received/)
      .waitFor();

    await moveTo('planned', async (form) => {
      await form.getByLabel('Visit starts').fill('2026-03-03T09:00');
      await form.getByLabel('Visit ends').fill('2026-03-03T11:00');
    });
    await moveTo('dispatched', async (form) => {
      await form.getByLabel('Who').selectOption({ index: 1 });
    });
    await moveTo('in_progress');
    const visit = page.getByTestId('add-visit');
    await visit.getByLabel('Starts').fill('2026-03-04T09:00');
    await visit.getByLabel('Ends').fill('2026-03-04T10:30');
    await visit.getByLabel('Notes').fill('Compressor replaced');
    await visit.getByRole('button', { name: 'Add a visit' }).click();
    await page.getByTestId('service-visits').getByText('Compressor replaced').waitFor();
    await moveTo('resolved', (form) => form.getByLabel(/^Result/).fill('Cooling again'));
    await moveTo('followed_up', async (form) => {
      await form.getByLabel(/^Satisfaction/).selectOption('5');
      await form.getByLabel('Note').fill('Very happy 很满意');
    });

    await page
      .getByTestId('service-status')
      .getByText(/^Followed up/)
      .waitFor();
    await page.getByText('This request is closed.').waitFor();
    await expect(page.getByTestId('service-trail').locator('li').count()).resolves.toBe(6);
    await tab.screenshot('service-request-followed-up-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 120_000);

  it('shows the request and the board in Chinese', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByTestId('service-status').getByText('已回访').waitFor();
    await page.getByText('处理记录').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page
      .getByRole('link', { name: /^客户服务/ })
      .first()
      .click();
    await page.getByTestId('service-board').waitFor();
    await page.getByLabel('显示已回访和已取消').check();
    await page.locator('[data-status="followed_up"]').getByText('Air conditioner not cooling').waitFor();
    await tab.screenshot('service-board-zh');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(tab.errors).toEqual([]);
  }, 60_000);

  it('moves a visit on the technician calendar, and a late request’s escalation reaches the alerts inbox (en, 中文)', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'English' }).click();
    type BrowserGlobals = { localStorage: { getItem(key: string): string | null } };
    const session = JSON.parse(
      await page.evaluate(
        () => (globalThis as unknown as BrowserGlobals).localStorage.getItem('crm.session') ?? '{}',
      ),
    ) as { accessToken: string; tenant: { id: string }; user: { id: string } };
    const headers = { authorization: `Bearer ${session.accessToken}` };
    const api = async (method: 'GET' | 'POST', path: string, data?: unknown) => {
      const response = await page.request.fetch(path, { method, headers, ...(data ? { data } : {}) });
      expect(response.status(), `${method} ${path}`).toBeLessThan(300);
      return (await response.json()) as Record<string, unknown>;
    };
    // A request planned for tomorrow 09:00–10:00 (local), dispatched to the owner: on this week's
    // calendar unless tomorrow is next week, which the calendar's Next week button then shows.
    const customers = (await api('GET', '/v1/customers?limit=1')).items as { id: string }[];
    const summary = 'Boiler check 锅炉检查';
    const request = await api('POST', '/v1/service-requests', {
      customerId: customers[0]?.id,
      summary,
      priority: 'urgent',
    });
    const id = request.id as string;
    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    tomorrow.setHours(9, 0, 0, 0);
    await api('POST', `/v1/service-requests/${id}/transitions`, {
      to: 'planned',
      scheduledStart: tomorrow.toISOString(),
      scheduledEnd: new Date(tomorrow.getTime() + 3_600_000).toISOString(),
    });
    await api('POST', `/v1/service-requests/${id}/transitions`, {
      to: 'dispatched',
      assignee: { kind: 'user', userId: session.user.id },
    });

    await page.goto('/service/calendar');
    await page.getByTestId('service-calendar').waitFor();
    if (tomorrow.getDay() === 1) await page.getByRole('button', { name: 'Next week' }).click();
    await page.getByRole('button', { name: `Move the visit for ${summary}` }).click();
    const form = page.getByTestId('visit-move-form');
    const pad = (n: number) => String(n).padStart(2, '0');
    const local = (at: Date) =>
      `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
    const later = new Date(tomorrow.getTime() + 5 * 3_600_000);
    await form.getByLabel('New start').fill(local(later));
    await form.getByLabel('New end').fill(local(new Date(later.getTime() + 3_600_000)));
    await form.getByRole('button', { name: 'Move the visit' }).click();
    await page.getByText('Visit moved.').waitFor();
    await tab.screenshot('service-calendar-moved-en');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The nightly SLA pass on the runtime's own table, two days on (urgent: 8 hours to start).
    const table = createTableClient(inject('e2eDynamoDb'));
    const escalated = await reviewServiceSlasAllTenants({
      table,
      tenantClient: sharedClientFactory(table),
      tenantIds: [session.tenant.id],
      clock: () => new Date(Date.now() + 2 * 86_400_000),
    });
    expect(escalated.escalated).toBeGreaterThanOrEqual(1);
    // The alert is raised by a stream reaction on the escalation, a moment after the pass: the
    // inbox is opened once it exists (the page reads it once), as a user would come back to it.
    await expect
      .poll(async () => ((await api('GET', '/v1/alerts?type=service')).items as unknown[]).length, {
        timeout: 60_000,
        interval: 500,
      })
      .toBeGreaterThan(0);

    await page.goto('/alerts');
    const link = page.getByRole('link', { name: /— service request$/ }).first();
    await link.waitFor({ timeout: 20_000 });
    await page.getByText('Service request past its deadline').first().waitFor();
    await link.click();
    await page.waitForURL(/\/service\/requests\/[0-9A-Z]{26}$/);
    await page.getByText('Visit moved').first().waitFor();

    await page.getByRole('button', { name: '中文' }).click();
    await page.goto('/alerts');
    await page.getByText('服务请求处理超时').first().waitFor({ timeout: 20_000 });
    await page
      .getByRole('link', { name: /的服务请求$/ })
      .first()
      .waitFor();
    await tab.screenshot('service-escalation-alert-zh');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(tab.errors).toEqual([]);
  }, 120_000);
});
