import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousA11yViolations } from './support/axe.js';
import { launchBrowser, openPage, type WatchedPage } from './support/browser.js';
import {
  featureRoutes,
  fillTenant,
  type Ids,
  partnerRoutes,
  signInAsPartner,
  withIds,
} from './support/every-record.js';
import { overflowOf } from './support/overflow.js';
import { settler } from './support/screen-codes.js';
import { newOwner, signUpInBrowser } from './support/tenant.js';
import './support/provided-context.js';

const baseURL = inject('e2eBaseUrl');
const phone = { width: 390, height: 844 };
let browser: Browser;
let tab: WatchedPage;

const owner = newOwner('narrow', '王记米店 Wang Rice Shop');
const partnerEmail = `dealer-narrow-${Date.now()}@example.com`;

/** What sticks out of the window on each route, and on each of its tabs, by route (none: fits). */
async function overflowByRoute(page: Page, routes: readonly string[], ids: Ids) {
  const settle = settler(page);
  const found: Record<string, string[]> = {};
  for (const route of routes) {
    await page.goto(withIds(route, ids));
    await settle();
    const problems = await overflowOf(page);
    for (const tabButton of await page.locator('main').getByRole('tab').all()) {
      await tabButton.click();
      await settle();
      const name = (await tabButton.textContent())?.trim();
      problems.push(...(await overflowOf(page)).map((problem) => `${name} tab: ${problem}`));
    }
    if (problems.length > 0) found[route] = problems;
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
 * On a phone (390 px) no screen scrolls sideways: every route of every feature, each of its tabs, over
 * a tenant holding one of every kind of record, in English (its labels are the longer ones).
 */
describe('a phone-wide window (390 px)', () => {
  const routes = featureRoutes();
  let ids: Ids = {};
  let partnerToken = '';

  it('fills a tenant with one of everything a screen shows', async () => {
    const { page } = tab;
    await signUpInBrowser(page, owner);
    ({ ids, partnerToken } = await fillTenant(page, { partnerEmail }));
    await page.setViewportSize(phone);
  }, 60_000);

  it('opens the 360° view on its timeline: its first entry is on the first screen', async () => {
    const { page } = tab;
    await page.goto(`/customers/${ids.id}`);
    const firstEntry = page.locator('main .timeline__item').first();
    await firstEntry.waitFor();
    const box = await firstEntry.boundingBox();
    expect(box?.y).toBeLessThan(phone.height);
  });

  it('keeps the folded 360° view and a stacked table accessible (axe)', async () => {
    const { page } = tab;
    const settle = settler(page);
    const found: Record<string, string[]> = {};
    for (const route of ['/customers/:id', '/tasks']) {
      await page.goto(withIds(route, ids));
      await settle();
      const violations = await seriousA11yViolations(page);
      if (violations.length > 0) {
        found[route] = violations.map(
          (violation) => `${violation.id}: ${violation.nodes[0]?.target.join(' ')}`,
        );
      }
    }
    expect(found).toEqual({});
  });

  it('scrolls no staff route sideways, nor anything in it', async () => {
    const staffRoutes = routes.filter((route) => !partnerRoutes.has(route));
    expect(staffRoutes.length).toBeGreaterThan(30);
    expect(await overflowByRoute(tab.page, staffRoutes, ids)).toEqual({});
  }, 120_000);

  it('scrolls no partner screen sideways', async () => {
    const { page } = tab;
    await signInAsPartner(page, partnerToken);
    expect(await overflowByRoute(page, [...partnerRoutes, '/service/requests/:requestId'], ids)).toEqual({});
  }, 60_000);
});
