import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalApp } from './local-server.js';
import { createRequestGate } from './request-gate.js';

const webDist = mkdtempSync(join(tmpdir(), 'crm-web-dist-'));
mkdirSync(join(webDist, 'assets'));
writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>CRM</title>');
writeFileSync(join(webDist, 'assets', 'app-123.js'), 'console.log(1)');

const api = new Hono();
api.get('/health', (c) => c.json({ status: 'ok' }));
api.post('/v1/things', (c) => c.json({ created: true }, 201));
api.notFound((c) => c.json({ error: { code: 'not_found', message: 'no route' } }, 404));

const app = createLocalApp({ api, webDist });

afterAll(() => rmSync(webDist, { recursive: true, force: true }));

describe('local server', () => {
  it('lets the API answer its own routes first', async () => {
    const response = await app.request('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect((await app.request('/v1/things', { method: 'POST' })).status).toBe(201);
  });

  it('serves built files, fingerprinted ones as immutable', async () => {
    const response = await app.request('/assets/app-123.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('immutable');
  });

  it('falls back to index.html for client-side routes', async () => {
    const response = await app.request('/customers/01ABC');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>CRM</title>');
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('keeps the API 404 for unknown API paths, missing files and non-GET requests', async () => {
    for (const [path, method] of [
      ['/v1/nothing', 'GET'],
      ['/assets/missing.js', 'GET'],
      ['/customers', 'POST'],
    ] as const) {
      const response = await app.request(path, { method });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'no route' } });
    }
  });

  it('tells the SPA it is the local runtime at /runtime.json when given runtime info', async () => {
    const local = createLocalApp({ api, webDist, runtimeInfo: { runtime: 'local' } });
    expect(await (await local.request('/runtime.json')).json()).toEqual({ runtime: 'local' });
    expect((await app.request('/runtime.json')).status).toBe(404);
  });

  it('serves the API alone when there is no SPA build', async () => {
    const apiOnly = createLocalApp({ api, webDist: join(webDist, 'missing') });
    expect((await apiOnly.request('/customers')).status).toBe(404);
    expect((await apiOnly.request('/health')).status).toBe(200);
  });

  it('serves /runtime.json fresh at every request, uncached', async () => {
    let status = 'seeding';
    const local = createLocalApp({
      api,
      webDist,
      runtimeInfo: () => ({ runtime: 'local', seed: { status } }),
    });
    const first = await local.request('/runtime.json');
    status = 'done';
    const second = await local.request('/runtime.json');
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(await first.json()).toEqual({ runtime: 'local', seed: { status: 'seeding' } });
    expect(await second.json()).toEqual({ runtime: 'local', seed: { status: 'done' } });
    expect((await app.request('/runtime.json')).status).toBe(404);
  });

  it('holds API requests while the gate is closed, but still answers /runtime.json', async () => {
    const gate = createRequestGate();
    const local = createLocalApp({ api, webDist, gate, runtimeInfo: { runtime: 'local' } });
    await gate.close();
    let answered = false;
    const health = Promise.resolve(local.request('/health')).then((response) => {
      answered = true;
      return response;
    });
    expect((await local.request('/runtime.json')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toBe(false);
    gate.open();
    expect((await health).status).toBe(200);
  });
});

describe('local server change watch', () => {
  it('reports API calls that may change data, not reads or signing in and out', async () => {
    const changes: string[] = [];
    const watched = new Hono();
    watched.all('*', (c) => c.json({ ok: true }));
    const local = createLocalApp({ api: watched, onChange: () => changes.push('change') });

    await local.request('/v1/customers');
    await local.request('/v1/auth/login', { method: 'POST' });
    await local.request('/v1/auth/refresh', { method: 'POST' });
    await local.request('/v1/auth/logout', { method: 'POST' });
    expect(changes).toEqual([]);

    await local.request('/v1/customers', { method: 'POST' });
    await local.request('/v1/auth/signup', { method: 'POST' });
    await local.request('/v1/customers/01ABC', { method: 'PATCH' });
    expect(changes).toHaveLength(3);
  });
});
