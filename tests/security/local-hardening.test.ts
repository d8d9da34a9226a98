import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ImportRepository } from '@crm/dynamodb';
import { createLocalApp } from '@crm/local';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, signUpTenant } from '../support/test-app.js';
import { testTableClient } from '../support/test-table.js';

/**
 * Finding 12 of issue 17 (the parts not about logins) and the X-Request-Id point: the local
 * runtime's pages carry the headers CloudFront adds in AWS, /docs runs no script from a CDN, dry
 * runs of imports take the one-import-per-tenant lock, and a client's request id is echoed only
 * when it is short and plain.
 */

const webDist = mkdtempSync(join(tmpdir(), 'crm-hardening-dist-'));
mkdirSync(join(webDist, 'assets'));
writeFileSync(
  join(webDist, 'index.html'),
  '<!doctype html><title>CRM</title><script type="module" src="/assets/app-1.js"></script>',
);
writeFileSync(join(webDist, 'assets', 'app-1.js'), 'console.log(1)');
afterAll(() => rmSync(webDist, { recursive: true, force: true }));

const api = createTestApp();
const local = createLocalApp({ api, webDist });

describe('the local runtime as a browser sees it', () => {
  it('sends CSP, frame, sniffing and referrer headers with the SPA and its files', async () => {
    for (const path of ['/', '/customers/01ARZ3NDEKTSV4RRFFQ69G5FAV', '/assets/app-1.js', '/health']) {
      const response = await local.request(path);
      expect(response.status, path).toBe(200);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBeTruthy();
    }
  });

  it('serves /docs from the installed swagger-ui-dist, with a CSP that allows only its own scripts', async () => {
    const page = await local.request('/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script>[^<]/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const dist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
    for (const [, src] of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
      const asset = await local.request(src as string);
      expect(asset.status, src).toBe(200);
      const name = (src as string).replace('/docs/', '');
      if (name !== 'swagger-initializer.js')
        expect(Buffer.from(await asset.arrayBuffer()).equals(readFileSync(join(dist, name))), name).toBe(
          true,
        );
    }
    expect((await local.request('/docs/package.json')).status).toBe(404);
    expect((await local.request('/docs/..%2Fpackage.json')).status).toBe(404);
  });
});

describe('dry-run imports', () => {
  it('take the one-import-per-tenant lock: 4 dry runs beside a real import are all refused', async () => {
    const owner = await signUpTenant(api);
    const csv = `customer_id,name\n${Array.from({ length: 50 }, (_, i) => `EXT-${i},Kunde ${i}`).join('\n')}\n`;
    const dryRun = () =>
      api.request('/v1/imports?kind=customers&dryRun=true', {
        method: 'POST',
        headers: { ...owner.auth, 'content-type': 'text/csv' },
        body: csv,
      });
    // A real import holds the lock (as while it runs).
    const repository = new ImportRepository(testTableClient(), owner.tenantId);
    await repository.lock('01JREALIMPORT0000000000000', new Date());
    const refused = await Promise.all([dryRun(), dryRun(), dryRun(), dryRun()]);
    expect(refused.map((response) => response.status)).toEqual([409, 409, 409, 409]);
    await repository.unlock('01JREALIMPORT0000000000000');
    const alone = await dryRun();
    expect(alone.status).toBe(200);
    // A finished dry run gives the lock back.
    expect(await repository.currentLock()).toBeUndefined();
  });
});

describe('X-Request-Id', () => {
  it('echoes a short plain id and replaces anything else with a fresh one', async () => {
    const echoed = async (id: string) =>
      (await api.request('/health', { headers: { 'X-Request-Id': id } })).headers.get('x-request-id');
    expect(await echoed('01JREQUEST-abc_123')).toBe('01JREQUEST-abc_123');
    for (const bad of ['a'.repeat(65), 'x<script>', 'id with spaces', 'a;b', '%0d%0aSet-Cookie:x']) {
      const answer = await echoed(bad);
      expect(answer, bad).not.toBe(bad);
      expect(answer, bad).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
