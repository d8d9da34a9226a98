import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { callApiInPage } from './tenant.js';

// A tenant holding one of every kind of record, and the routes that show them: for specs that visit
// every screen of the web app with data (words-not-codes, narrow-screen).

const featuresDir = new URL('../../../web/src/features/', import.meta.url);

/** Every route path the web app's features declare, read from their feature.ts files. */
export function featureRoutes(): string[] {
  return readdirSync(featuresDir, { withFileTypes: true })
    .map((entry) => new URL(`${entry.name}/feature.ts`, featuresDir))
    .filter((file) => existsSync(file))
    .flatMap((file) => {
      const source = readFileSync(file, 'utf8');
      return [...source.matchAll(/path: '([^']+)'/g)].map((match) => match[1] as string);
    });
}

/** Routes a partner user sees; every other route is the tenant's staff's. */
export const partnerRoutes: ReadonlySet<string> = new Set(['/partner']);

/** Record ids by the route parameter that names them (`id`, `campaignId` …). */
export type Ids = Record<string, string>;

/** Calls the API as the signed-in user and expects it to succeed. */
export async function api<T = { id: string }>(
  page: Page,
  path: string,
  method: string,
  body?: unknown,
): Promise<T> {
  const response = await callApiInPage<T>(page, path, { method, body });
  expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
  return response.body;
}

/**
 * One of every kind of record a screen shows, for the signed-in owner and a partner invited at
 * `partnerEmail`: the ids of those a route names (`:id`, `:campaignId` …) and the partner's
 * invitation token. `data` sees each text typed in (words-not-codes.e2e.ts collects their words).
 */
export async function fillTenant(
  page: Page,
  { partnerEmail, data = (text) => text }: { partnerEmail: string; data?: <T extends string>(text: T) => T },
): Promise<{ ids: Ids; partnerToken: string }> {
  const me = await api<{ user: { id: string }; tenant: { settings: { defaultCurrency: string } } }>(
    page,
    '/v1/me',
    'GET',
  );
  const currency = me.tenant.settings.defaultCurrency;
  // A custom field's key is the admin's own word (member_level), shown where fields are defined.
  await api(page, '/v1/custom-fields', 'POST', {
    key: data('member_level'),
    label: { en: data('Member level'), zh: data('会员卡') },
    type: 'enum',
    options: [data('金卡'), data('银卡')],
  });
  const customer = await api(page, '/v1/customers', 'POST', {
    name: data('陈家 Chen'),
    kind: 'business',
    status: 'active',
    lifecycleStage: 'stability',
    relationshipLevel: 'accountable',
    size: '10-49',
    industry: data('餐饮 catering'),
    tags: [data('VIP'), data('大米 rice')],
    email: 'chen@example.com',
    phone: '+86 20 1234 5678',
    customFields: { member_level: '金卡' },
  });
  const customerPath = `/v1/customers/${customer.id}`;
  await api(page, `${customerPath}/credit/limit`, 'PUT', { limit: 1000, reason: data('新客户') });
  await api(page, `${customerPath}/interactions`, 'POST', {
    type: 'order',
    occurredAt: new Date().toISOString(),
    amount: 50_000,
    currency,
    dueDate: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
  });
  await api(page, `${customerPath}/interactions`, 'POST', {
    type: 'call',
    occurredAt: new Date().toISOString(),
    channel: 'phone',
    text: data('问了新米的价格'),
  });
  await api(page, `${customerPath}/contacts`, 'POST', {
    name: data('陈先生'),
    roles: ['decision_maker', 'buyer'],
    primary: true,
  });
  await api(page, '/v1/service-plans', 'POST', {
    customerId: customer.id,
    title: data('季度保养'),
    every: { count: 3, unit: 'months' },
    startsOn: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
  });
  // An import with a rejected row, so the import log has a finished job to show.
  const imported = await callApiInPage(page, '/v1/imports?kind=customers', {
    method: 'POST',
    contentType: 'text/csv',
    body: `customer_id,name,kind,email\nC-1,${data('李四')},consumer,li@example.com\nC-2,${data('王五')},consumer,not-an-address\n`,
  });
  expect(imported.status, JSON.stringify(imported.body)).toBe(201);
  await api(page, '/v1/tasks', 'POST', {
    customerId: customer.id,
    title: data('回访'),
    dueOn: new Date().toISOString().slice(0, 10),
  });

  const department = await api(page, '/v1/complaints/departments', 'POST', {
    name: data('质检部'),
    memberIds: [me.user.id],
  });
  const complaint = await api(page, '/v1/complaints', 'POST', {
    customerId: customer.id,
    summary: data('米里有虫'),
    channel: 'wechat',
  });
  for (const step of [
    { to: 'validated' },
    { to: 'assigned', departmentId: department.id },
    { to: 'analysed', cause: data('仓库受潮') },
  ]) {
    await api(page, `/v1/complaints/${complaint.id}/transitions`, 'POST', step);
  }

  const deal = await api(page, '/v1/opportunities', 'POST', {
    customerId: customer.id,
    name: data('年度供货'),
    amount: 100_000,
    currency,
  });
  await api(page, `/v1/opportunities/${deal.id}/quotes`, 'POST', {
    lines: [{ description: data('东北大米 10 kg'), quantity: 20, unitPrice: 8_000 }],
  });
  const lostDeal = await api(page, '/v1/opportunities', 'POST', {
    customerId: customer.id,
    name: data('礼盒'),
    amount: 20_000,
    currency,
  });
  await api(page, `/v1/opportunities/${lostDeal.id}/lose`, 'POST', { reason: 'no_budget' });
  await api(page, '/v1/leads', 'POST', { name: data('赵磊'), source: data('车展') });

  const segment = await api(page, '/v1/segments', 'POST', {
    name: data('老客户'),
    filter: { status: ['active'] },
  });
  const campaign = await api(page, '/v1/campaigns', 'POST', {
    name: data('新米上市'),
    channel: 'email',
    segmentId: segment.id,
    subject: { zh: data('新米到了'), en: data('New rice') },
    body: { zh: data('欢迎品尝'), en: data('Come and taste it') },
  });
  // Sent, so their screens show results and per-customer outcomes, not only a draft.
  await api(page, `/v1/campaigns/${campaign.id}/send`, 'POST');
  const survey = await api(page, '/v1/surveys', 'POST', {
    title: { zh: data('满意度'), en: data('Satisfaction') },
    questions: [
      { id: 'nps', kind: 'nps', text: { zh: data('推荐吗'), en: data('Recommend') } },
      { id: 'note', kind: 'text', text: { zh: data('建议'), en: data('Advice') } },
    ],
  });
  await api(page, `/v1/surveys/${survey.id}`, 'PATCH', { status: 'active', version: 1 });
  await api(page, `/v1/surveys/${survey.id}/send`, 'POST', { customerIds: [customer.id] });
  const webhook = await api(page, '/v1/webhooks', 'POST', {
    url: 'http://127.0.0.1:9/hook',
    events: ['customer.*'],
  });
  // Nothing listens on port 9: the delivery fails, and its record says why.
  await api(page, `/v1/webhooks/${webhook.id}/test`, 'POST');
  // As the web app asks for it: in the reader's language.
  await api(page, '/v1/workflows/from-template', 'POST', {
    templateId: 'a-class-churn-risk',
    locale: 'zh-CN',
  });

  const organisation = await api(page, '/v1/partner-organisations', 'POST', { name: data('华南车行') });
  const partner = await api(page, `/v1/partner-organisations/${organisation.id}/invitations`, 'POST', {
    email: partnerEmail,
    locale: 'zh-CN',
  });
  await api(page, `${customerPath}/organisation-shares/${organisation.id}`, 'PUT', {
    fields: [
      'kind',
      'status',
      'tags',
      'lifecycleStage',
      'relationshipLevel',
      'size',
      'stats',
      'interactions',
    ],
  });
  const request = await api(page, '/v1/service-requests', 'POST', {
    customerId: customer.id,
    summary: data('空调维修'),
    channel: 'phone',
  });
  const start = new Date(Date.now() + 86_400_000);
  await api(page, `/v1/service-requests/${request.id}/transitions`, 'POST', {
    to: 'planned',
    scheduledStart: start.toISOString(),
    scheduledEnd: new Date(start.getTime() + 3_600_000).toISOString(),
  });
  await api(page, `/v1/service-requests/${request.id}/transitions`, 'POST', {
    to: 'dispatched',
    assignee: { kind: 'partner', userId: partner.id },
  });

  const outbox = await api<{ items: { to: string; text: string }[] }>(page, '/v1/dev/outbox', 'GET');
  const mail = outbox.items.find((item) => item.to === partnerEmail);
  const partnerToken = /token: (\S+)/.exec(mail?.text ?? '')?.[1] ?? '';
  expect(partnerToken).not.toBe('');
  // The credit hold (and its alert) come from the stream a moment after the order.
  await expect
    .poll(async () => (await api<{ items: unknown[] }>(page, '/v1/alerts', 'GET')).items.length)
    .toBeGreaterThan(0);
  return {
    ids: {
      id: customer.id,
      campaignId: campaign.id,
      complaintId: complaint.id,
      opportunityId: deal.id,
      organisationId: organisation.id,
      requestId: request.id,
      segmentId: segment.id,
      surveyId: survey.id,
    },
    partnerToken,
  };
}

/** `route` with each `:name` replaced by the id of the record `fillTenant` made for it. */
export function withIds(route: string, ids: Ids): string {
  return route.replace(/:(\w+)/g, (_, name: string) => {
    const id = ids[name];
    if (!id) throw new Error(`${route}: the test creates no record for :${name}; add one in fillTenant`);
    return id;
  });
}

/** Signs the owner out and the partner invited by `fillTenant` in, on their invitation; waits for the portal. */
export async function signInAsPartner(page: Page, invitationToken: string): Promise<void> {
  // The page's storage, typed from Node (this file has no DOM types): sign the owner out.
  await page.evaluate(() =>
    (
      globalThis as unknown as { localStorage: { removeItem: (key: string) => void } }
    ).localStorage.removeItem('crm.session'),
  );
  await page.goto(`/accept-invitation?token=${invitationToken}`);
  await page.locator('input[name=password]').fill('correct-horse-battery');
  await page.locator('button[type=submit]').click();
  await page.waitForURL('**/partner');
}
