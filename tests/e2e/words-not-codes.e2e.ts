import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, type WatchedPage } from './support/browser.js';
import { codesIn, lineWith, readMain, settler } from './support/screen-codes.js';
import { callApiInPage, newOwner, signUpInBrowser } from './support/tenant.js';
import './support/provided-context.js';

const baseURL = inject('e2eBaseUrl');
const featuresDir = new URL('../../web/src/features/', import.meta.url);
let browser: Browser;
let tab: WatchedPage;

const owner = newOwner('codes', '王记米店 Wang Rice Shop');
const partnerEmail = `dealer-codes-${Date.now()}@example.com`;

/** Every route path the web app's features declare, read from their feature.ts files. */
function featureRoutes(): string[] {
  return readdirSync(featuresDir, { withFileTypes: true })
    .map((entry) => new URL(`${entry.name}/feature.ts`, featuresDir))
    .filter((file) => existsSync(file))
    .flatMap((file) => {
      const source = readFileSync(file, 'utf8');
      return [...source.matchAll(/path: '([^']+)'/g)].map((match) => match[1] as string);
    });
}

/** Routes a partner user sees; every other route is the tenant's staff's. */
const partnerRoutes = new Set(['/partner']);

// An event type (customer.created) or a pattern of them (customer.*) right after Chinese words: the
// webhook and workflow screens name each event and show its type small beside the name, for admins
// to copy into a receiver ("客户已创建 customer.created", "客户 的全部事件 (customer.*)",
// "类型：customer.updated"), on the same line. A type standing where its name belongs is still a code.
const eventTypeBesideName = /(?<=[\u3000-\u9fff\uff00-\uffef] ?\(?)[a-z]+(?:_[a-z]+)*(?:\.(?:[a-z_]+|\*))+/g;

/**
 * Words on screen that are fine in Chinese mode, by route, each with the reason. The data the test
 * creates is allowed everywhere (`dataWords`), and so is what `everywhere` lists.
 */
const allowedByRoute: Record<string, RegExp[]> = {
  // The time-zone picker lists IANA names (Asia/Shanghai), which are their own names.
  '/settings': [/\b[A-Z][A-Za-z]+(?:\/[A-Za-z_+-]+)+\b/g],
  // The import screen lists the CSV columns a file may have (customer_id、name…), typed as shown.
  '/imports': [/\b[a-z_]+(?:、[a-z_]+)+/g],
  // The hint shows the form a custom field's key takes (founded_on), which is typed as shown.
  '/settings/policies': [/\bfounded_on\b/g],
  // Event types beside their names (above): what a receiver, or a workflow, is triggered by;
  // a failed delivery shows the network's own error (connect ECONNREFUSED …), which is what one looks up.
  // The endpoint form asks for an https URL, naming the scheme as it is typed.
  '/settings/webhooks': [eventTypeBesideName, /网络错误：[^\t\n]*/g, /（https）/g],
  // A condition's path is typed as the event's payload names it; the empty field's hint shows one (data.status).
  '/settings/workflows': [eventTypeBesideName, /\bdata(?:\.[A-Za-z]+)+/g],
};

const everywhere = [
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, // e-mail addresses
  /\bhttps?:\/\/\S+/g, // URLs
  /\b[\w-]+\.(?:csv|json|zip)\b/g, // file names (customers.csv in the export)
  /\bP\(alive\)/g, // the model's own notation (BG/NBD), shown beside its Chinese name
  /单号：[0-9A-Z]{26}/g, // an order's number is its id, labelled as such
  /\{\{\w+\}\}/g, // message placeholders ({{name}}), typed into a template as shown
];

/**
 * Buttons that show more, by route (a cheap sample: the step, lose, convert, reassign and invite
 * dialogs, whose pickers name codes, and the webhook delivery log); each is clicked and read, and a
 * dialog it opened is closed with Escape.
 */
const revealers: Record<string, RegExp[]> = {
  '/complaints/:complaintId': [/→/],
  '/service/requests/:requestId': [/→/],
  '/customers/:id': [/^共享给合作伙伴$/],
  '/sales/opportunities/:opportunityId': [/^标记丢单$/, /^新建报价$/],
  '/campaigns': [/^新建营销活动$/],
  '/segments': [/^新建细分$/],
  '/sales/leads': [/^转化$/],
  '/tasks': [/^完成$/, /^延后$/, /^转交$/],
  '/partners/:organisationId': [/^邀请用户$/],
  '/settings/workflows': [/^打开 /],
  '/complaints': [/^编辑/],
  '/settings/webhooks': [/^投递记录$/, /^添加推送地址$/],
};

/** The texts of a route: as it opens, on each of its tabs and in each dialog it is known to open. */
async function screenTexts(page: Page, route: string, settle: () => Promise<void>): Promise<string[]> {
  await settle();
  const texts = [await readMain(page)];
  for (const tabButton of await page.locator('main').getByRole('tab').all()) {
    await tabButton.click();
    await settle();
    texts.push(await readMain(page));
  }
  for (const name of revealers[route] ?? []) {
    const button = page.locator('main').getByRole('button', { name });
    // A modal hides the rest of the page from the accessibility tree until a moment after it closes.
    await button
      .first()
      .waitFor({ timeout: 5_000 })
      .catch(() => {});
    const found = await button.all();
    expect(found.length, `${route}: no button ${name} to click`).toBeGreaterThan(0);
    for (const revealer of found) {
      await revealer.click();
      await settle();
      const dialog = page.getByRole('dialog');
      if ((await dialog.count()) === 0) {
        texts.push(await readMain(page));
        continue;
      }
      texts.push(...(await dialog.allInnerTexts()), ...(await dialog.locator('option').allTextContents()));
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    }
  }
  return texts;
}

type Ids = Record<string, string>;

/** Words of the data this test creates: they may show in any case the user typed them. */
const dataWords = new Set<string>();
function data<T extends string>(text: T): T {
  for (const [word] of text.matchAll(/[A-Za-z]+(?:_[A-Za-z0-9]+)*/g)) dataWords.add(word.toLowerCase());
  for (const [word] of text.matchAll(/[A-Za-z]+/g)) dataWords.add(word.toLowerCase());
  return text;
}

async function api<T = { id: string }>(page: Page, path: string, method: string, body?: unknown): Promise<T> {
  const response = await callApiInPage<T>(page, path, { method, body });
  expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
  return response.body;
}

/** One of every kind of record a screen shows with a code behind it, for the owner and a partner. */
async function fillTenant(page: Page): Promise<{ ids: Ids; partnerToken: string }> {
  // A user without a name goes by the start of their address.
  data(owner.tenantName);
  data(owner.email);
  data(partnerEmail);
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

function withIds(route: string, ids: Ids): string {
  return route.replace(/:(\w+)/g, (_, name: string) => {
    const id = ids[name];
    if (!id) throw new Error(`${route}: the test creates no record for :${name}; add one in fillTenant`);
    return id;
  });
}

/** Visits each route and returns the codes found on it, by route. */
async function scan(page: Page, routes: readonly string[], ids: Ids): Promise<Record<string, string[]>> {
  const settle = settler(page);
  const found: Record<string, string[]> = {};
  for (const route of routes) {
    await page.goto(withIds(route, ids));
    const texts = await screenTexts(page, route, settle);
    const text = texts.join('\n');
    const codes = codesIn(text, [...everywhere, ...(allowedByRoute[route] ?? [])], dataWords);
    if (codes.length > 0) found[route] = codes.map((code) => `${code} in “${lineWith(text, code)}”`);
  }
  return found;
}

beforeAll(async () => {
  browser = await launchBrowser();
  tab = await openPage(browser, { baseURL });
});

afterAll(async () => {
  await browser?.close();
});

/**
 * In Chinese no screen shows the API's codes (a deal's `qualify`, a request's `in_progress`, a
 * channel's `wechat`) where a reader needs words: every route of every feature, each of its tabs,
 * over a tenant holding one of every kind of record.
 */
describe('words, not codes (中文)', () => {
  const routes = featureRoutes();
  let ids: Ids = {};
  let partnerToken = '';

  it('fills a tenant with one of everything a screen names', async () => {
    const { page } = tab;
    await signUpInBrowser(page, owner);
    ({ ids, partnerToken } = await fillTenant(page));
    await page.getByRole('button', { name: '中文' }).click();
  }, 60_000);

  it('shows the staff no code on any route or tab', async () => {
    const staffRoutes = routes.filter((route) => !partnerRoutes.has(route));
    expect(staffRoutes.length).toBeGreaterThan(30);
    expect(await scan(tab.page, staffRoutes, ids)).toEqual({});
  }, 120_000);

  it('shows a partner no code in the portal, and no screen logs an error', async () => {
    const { page } = tab;
    // The page's storage, typed from Node (this file has no DOM types): sign the owner out.
    await page.evaluate(() =>
      (
        globalThis as unknown as { localStorage: { removeItem: (key: string) => void } }
      ).localStorage.removeItem('crm.session'),
    );
    await page.goto(`/accept-invitation?token=${partnerToken}`);
    await page.locator('input[name=password]').fill('correct-horse-battery');
    await page.locator('button[type=submit]').click();
    await page.waitForURL('**/partner');
    await api(page, `/v1/service-requests/${ids.requestId}/transitions`, 'POST', { to: 'in_progress' });
    // The portal links the request dispatched to the partner: its page is theirs too.
    expect(await scan(page, [...partnerRoutes, '/service/requests/:requestId'], ids)).toEqual({});
    expect(tab.errors).toEqual([]);
  }, 60_000);
});
