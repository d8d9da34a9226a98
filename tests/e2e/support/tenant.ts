import type { Page } from 'playwright-core';

export type Owner = { tenantName: string; email: string; password: string };

/** A new owner for one spec: a unique address, so specs sharing one runtime never collide. */
export function newOwner(spec: string, tenantName: string): Owner {
  return {
    tenantName,
    email: `owner-${spec}-${Date.now()}@example.com`,
    password: 'correct-horse-battery',
  };
}

/** Signs up through the form, as a newcomer does, and waits for the dashboard. */
export async function signUpInBrowser(page: Page, owner: Owner): Promise<void> {
  await page.goto('/signup');
  await page.locator('input[name=tenantName]').fill(owner.tenantName);
  await page.locator('input[name=email]').fill(owner.email);
  await page.locator('input[name=password]').fill(owner.password);
  await page.getByRole('button', { name: 'Create tenant' }).click();
  await page.waitForURL('**/dashboard');
}

/**
 * Calls the API as the logged-in user, from inside the page where the SPA keeps its session: for
 * setting up what a spec is not about (its customers, say) without clicking through other screens.
 */
export async function callApiInPage<T = Record<string, unknown>>(
  page: Page,
  path: string,
  /** `body` is sent as JSON, or as it is when a `contentType` (text/csv, say) names what it is. */
  init: { method: string; body?: unknown; contentType?: string },
): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ path, init }) => {
      // This file is typed for Node, hence globalThis for the page's storage.
      const storage = (globalThis as unknown as { localStorage: { getItem: (key: string) => string | null } })
        .localStorage;
      const session = JSON.parse(storage.getItem('crm.session') ?? '{}') as { accessToken?: string };
      const response = await fetch(path, {
        method: init.method,
        headers: {
          Authorization: `Bearer ${session.accessToken}`,
          'Content-Type': init.contentType ?? 'application/json',
        },
        body:
          init.body === undefined ? null : init.contentType ? String(init.body) : JSON.stringify(init.body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
    },
    { path, init },
  );
}
