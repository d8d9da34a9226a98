import { afterEach, describe, expect, it, vi } from 'vitest';
import { readRuntimeInfo } from './runtime-info.js';

describe('readRuntimeInfo', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shares one /runtime.json request between callers at the same moment, and reads afresh later', async () => {
    const send = vi.fn(
      async () =>
        new Response(
          JSON.stringify({ runtime: 'local', demo: { email: 'demo@example.com', password: 'x' } }),
          {
            headers: { 'content-type': 'application/json' },
          },
        ),
    );
    vi.stubGlobal('fetch', send);
    const [login, banner] = await Promise.all([readRuntimeInfo(), readRuntimeInfo()]);
    expect(send).toHaveBeenCalledTimes(1);
    expect(login).toEqual(banner);
    expect(login.demo?.email).toBe('demo@example.com');
    await readRuntimeInfo();
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('takes a missing file for the cloud', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('not found', { status: 404 })),
    );
    expect(await readRuntimeInfo()).toEqual({ runtime: 'cloud' });
  });
});
