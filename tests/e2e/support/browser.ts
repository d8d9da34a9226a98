import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's chromium (`apt-get install -y chromium fonts-noto-cjk`); never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const screenshotDir = fileURLToPath(new URL('../.screenshots/', import.meta.url));

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `no browser at ${CHROMIUM_PATH}: apt-get install -y chromium fonts-noto-cjk (see .ci/run)`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}

export type WatchedPage = {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions seen so far, with the page's URL at the time. */
  errors: string[];
  screenshot: (name: string) => Promise<string>;
};

/** A fresh context (its own storage) whose console errors and page errors are collected. */
export async function openPage(
  browser: Browser,
  options: { baseURL: string; locale?: string; colorScheme?: 'light' | 'dark' },
): Promise<WatchedPage> {
  const context = await browser.newContext({
    baseURL: options.baseURL,
    locale: options.locale ?? 'en-US',
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  mkdirSync(screenshotDir, { recursive: true });
  return {
    page,
    context,
    errors,
    screenshot: async (name) => {
      const path = `${screenshotDir}${name}.png`;
      await page.screenshot({ path, fullPage: true });
      return path;
    },
  };
}
