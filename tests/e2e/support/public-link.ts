import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * The newest public link (`/s/…` survey answer, `/u/…` unsubscribe) the local mailbox holds: the
 * mailbox is read as HTML because that is where the links are; the browser would also ask for a
 * favicon on a navigation.
 */
export async function publicLinkFromMailbox(
  page: Page,
  prefix: 's' | 'u',
): Promise<{ link: string; mailbox: string }> {
  const mailbox = await (await page.request.get('/dev/mailbox')).text();
  const link = new RegExp(`href="([^"]*/${prefix}/[A-Za-z0-9_-]{43})"`).exec(mailbox)?.[1];
  if (link === undefined) throw new Error(`no /${prefix}/ link in the local mailbox`);
  return { link: new URL(link).pathname, mailbox };
}

/** A customer opening a public link on a phone (390 × 844, touch, 中文 by default), no session. */
export async function openOnPhone(
  browser: Browser,
  baseURL: string,
  path: string,
): Promise<{ phone: BrowserContext; mobile: Page }> {
  const phone = await browser.newContext({
    baseURL,
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const mobile = await phone.newPage();
  await mobile.goto(path);
  return { phone, mobile };
}
