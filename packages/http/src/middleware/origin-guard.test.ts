import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { originGuard } from './origin-guard.js';

const HEADER = 'x-origin-verify';

function appAccepting(values: readonly string[]) {
  const app = new Hono();
  app.use('*', originGuard({ header: HEADER, acceptedValues: async () => values }));
  app.get('/health', (c) => c.json({ ok: true }));
  return app;
}

const get = (app: Hono, headers: Record<string, string> = {}) => app.request('/health', { headers });

describe('originGuard', () => {
  it('refuses a request without the header (a direct execute-api call) with 403', async () => {
    const response = await get(appAccepting(['s3cret-current']));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
  });

  it('refuses a wrong value, and a prefix of the right one', async () => {
    const app = appAccepting(['s3cret-current']);
    expect((await get(app, { [HEADER]: 'guess' })).status).toBe(403);
    expect((await get(app, { [HEADER]: 's3cret' })).status).toBe(403);
    expect((await get(app, { [HEADER]: 's3cret-current-and-more' })).status).toBe(403);
  });

  it('lets the right value through', async () => {
    const response = await get(appAccepting(['s3cret-current']), { [HEADER]: 's3cret-current' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('accepts both the current and the previous value during a rotation, and only those', async () => {
    const app = appAccepting(['s3cret-new', 's3cret-old']);
    expect((await get(app, { [HEADER]: 's3cret-new' })).status).toBe(200);
    expect((await get(app, { [HEADER]: 's3cret-old' })).status).toBe(200);
    expect((await get(app, { [HEADER]: 's3cret-older' })).status).toBe(403);
  });

  it('refuses everything while no value is known (an empty secret never matches an empty header)', async () => {
    const app = appAccepting(['']);
    expect((await get(app, { [HEADER]: '' })).status).toBe(403);
    expect((await get(app)).status).toBe(403);
  });

  it('asks for the values afresh when the presented one is unknown, and lets it through if it is new', async () => {
    let known = ['s3cret-old'];
    const asked: (boolean | undefined)[] = [];
    const app = new Hono();
    app.use(
      '*',
      originGuard({
        header: HEADER,
        acceptedValues: async (hint) => {
          asked.push(hint?.unknown);
          // The rotation happened after the cache was filled: only a fresh read knows the new value.
          if (hint?.unknown) known = ['s3cret-new', 's3cret-old'];
          return known;
        },
      }),
    );
    app.get('/health', (c) => c.json({ ok: true }));
    expect((await get(app, { [HEADER]: 's3cret-old' })).status).toBe(200);
    expect(asked).toEqual([undefined]);
    expect((await get(app, { [HEADER]: 's3cret-new' })).status).toBe(200);
    expect(asked).toEqual([undefined, undefined, true]);
    expect((await get(app, { [HEADER]: 'guess' })).status).toBe(403);
  });
});
