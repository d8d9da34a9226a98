import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, type WatchedPage } from './support/browser.js';
import {
  api,
  featureRoutes,
  fillTenant,
  type Ids,
  partnerRoutes,
  signInAsPartner,
  withIds,
} from './support/every-record.js';
import { codesIn, lineWith, readMain, settler } from './support/screen-codes.js';
import { newOwner, signUpInBrowser } from './support/tenant.js';
import './support/provided-context.js';

const baseURL = inject('e2eBaseUrl');
let browser: Browser;
let tab: WatchedPage;

const owner = newOwner('codes', '王记米店 Wang Rice Shop');
const partnerEmail = `dealer-codes-${Date.now()}@example.com`;

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

/** ", main hidden by <tag aria-hidden>" when an ancestor of <main> hides it from the accessibility tree. */
async function hiddenAncestorOfMain(page: Page): Promise<string> {
  return page.locator('main').evaluate((main) => {
    for (let node: typeof main | null = main; node; node = node.parentElement as typeof main | null) {
      if (node.getAttribute('aria-hidden') === 'true' || node.hasAttribute('inert')) {
        return `, main hidden by <${node.tagName.toLowerCase()} aria-hidden>`;
      }
    }
    return ', main not hidden';
  });
}

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
      .waitFor({ timeout: 15_000 })
      .catch(() => {});
    const found = await button.all();
    // Said on failure: whether the page is still hidden from the accessibility tree (a modal's
    // aria-hidden left behind), or the button is really gone.
    const hidden = found.length > 0 ? '' : await hiddenAncestorOfMain(page);
    expect(found.length, `${route}: no button ${name} to click${hidden}`).toBeGreaterThan(0);
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

/** Words of the data this test creates: they may show in any case the user typed them. */
const dataWords = new Set<string>();
function data<T extends string>(text: T): T {
  for (const [word] of text.matchAll(/[A-Za-z]+(?:_[A-Za-z0-9]+)*/g)) dataWords.add(word.toLowerCase());
  for (const [word] of text.matchAll(/[A-Za-z]+/g)) dataWords.add(word.toLowerCase());
  return text;
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
    // A user without a name goes by the start of their address.
    for (const text of [owner.tenantName, owner.email, partnerEmail]) data(text);
    ({ ids, partnerToken } = await fillTenant(page, { partnerEmail, data }));
    await page.getByRole('button', { name: '中文' }).click();
  }, 60_000);

  it('shows the staff no code on any route or tab', async () => {
    const staffRoutes = routes.filter((route) => !partnerRoutes.has(route));
    expect(staffRoutes.length).toBeGreaterThan(30);
    expect(await scan(tab.page, staffRoutes, ids)).toEqual({});
  }, 120_000);

  it('shows a partner no code in the portal, and no screen logs an error', async () => {
    const { page } = tab;
    await signInAsPartner(page, partnerToken);
    await api(page, `/v1/service-requests/${ids.requestId}/transitions`, 'POST', { to: 'in_progress' });
    // The portal links the request dispatched to the partner: its page is theirs too.
    expect(await scan(page, [...partnerRoutes, '/service/requests/:requestId'], ids)).toEqual({});
    expect(tab.errors).toEqual([]);
  }, 60_000);
});
