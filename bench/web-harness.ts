// What the web benchmarks stand on: the production SPA build, the real local runtime serving it
// (in memory, no seed, as the e2e run starts it), a tenant with a known number of customers, and
// Debian's chromium with a page already logged in.
import { join } from 'node:path';
import { type LocalRuntime, readLocalConfig, repoRoot, startLocalRuntime } from '@crm/local';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser } from '../tests/e2e/support/browser.js';
import { ensureWebBuild } from '../tests/e2e/support/web-build.js';

export const webDir = join(repoRoot, 'web');

/** Builds web/dist when it is missing or older than the SPA's sources (the e2e run's rule). */
export function ensureProductionBuild(log: (message: string) => void): void {
  if (ensureWebBuild(webDir, log)) log('built web/dist');
}

/** The API's answer to a sign-up or login, as the SPA keeps it (web/src/lib/auth/session.ts). */
export type SignedUp = {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tenant: { id: string };
  user: { id: string };
};

export type WebRuntime = {
  url: string;
  runtime: LocalRuntime;
  stop: () => Promise<void>;
};

/** The real local runtime on a free port: in-memory DynamoDB Local, no seed, no nightly refit. */
export async function startWebRuntime(): Promise<WebRuntime> {
  const runtime = await startLocalRuntime(
    readLocalConfig({ PORT: '0', CRM_DATA_DIR: ':memory:', CRM_SEED: 'none', CRM_REFIT_HOUR_UTC: 'off' }),
    { log: () => {} },
  );
  return { url: runtime.url, runtime, stop: () => runtime.stop() };
}

async function callJson(url: string, init: RequestInit, expected: number): Promise<Record<string, unknown>> {
  const response = await fetch(url, init);
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (response.status !== expected) {
    throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return body ?? {};
}

export async function signUpTenant(baseUrl: string): Promise<SignedUp> {
  return (await callJson(
    `${baseUrl}/v1/auth/signup`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        tenantName: 'Bench Rice Trade 基准米业',
        email: `bench-web-${Date.now()}@example.com`,
        password: 'correct-horse-battery',
        locale: 'en',
      }),
    },
    201,
  )) as unknown as SignedUp;
}

/** A customers CSV in the import's own columns: `count` customers, a mix of kinds, some tags. */
export function customersCsv(count: number): string {
  const lines = ['customer_id,name,kind,email,phone,tags'];
  for (let index = 1; index <= count; index += 1) {
    const id = `B${String(index).padStart(5, '0')}`;
    const business = index % 3 === 0;
    const name = business ? `Rice Shop ${index} 米店` : `Customer ${index}`;
    const tags = index % 5 === 0 ? 'vip;retail' : index % 2 === 0 ? 'retail' : '';
    lines.push(
      `${id},${name},${business ? 'business' : 'consumer'},c${index}@example.com,+86 21 5555 ${String(index % 10_000).padStart(4, '0')},${tags}`,
    );
  }
  return lines.join('\n');
}

/** Imports `count` generated customers through POST /v1/imports; returns the seconds it took. */
export async function importCustomers(baseUrl: string, owner: SignedUp, count: number): Promise<number> {
  const started = performance.now();
  const report = await callJson(
    `${baseUrl}/v1/imports?kind=customers`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.accessToken}`, 'content-type': 'text/csv' },
      body: customersCsv(count),
    },
    201,
  );
  if (report.customersCreated !== count) {
    throw new Error(`the import created ${String(report.customersCreated)} of ${count} customers`);
  }
  return (performance.now() - started) / 1000;
}

export { launchBrowser };

/**
 * A fresh browser context (own storage and HTTP cache) that is already logged in: the session goes
 * into localStorage under the SPA's key before any of the page's scripts run.
 */
export async function loggedInContext(
  browser: Browser,
  baseURL: string,
  owner: SignedUp,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    locale: 'en-US',
    colorScheme: 'light',
    viewport: { width: 1280, height: 800 },
  });
  const session = {
    accessToken: owner.accessToken,
    refreshToken: owner.refreshToken,
    expiresAt: Date.now() + owner.expiresIn * 1000,
    tenant: owner.tenant,
    user: owner.user,
  };
  // Browser code as a string: this project is typed for Node, without the DOM library.
  await context.addInitScript({
    content: `localStorage.setItem('crm.session', ${JSON.stringify(JSON.stringify(session))});`,
  });
  return context;
}
