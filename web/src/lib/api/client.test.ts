import { describe, expect, it, vi } from 'vitest';
import { fakeFetch, json } from '../../test/fake-api.js';
import { createApiClient } from './client.js';
import { ApiError, fieldErrorsOf, unwrap } from './errors.js';

const tenant = { id: 't', name: 'Rice Shop', settings: {}, createdAt: '', updatedAt: '', version: 1 };

describe('the API client', () => {
  it('sends the access token, renews it once on a 401 and replays the request', async () => {
    let token = 'old';
    const server = fakeFetch({
      'GET /v1/tenant': (request) =>
        request.headers.get('authorization') === 'Bearer new'
          ? json(200, tenant)
          : json(401, { error: { code: 'unauthenticated', message: 'expired' } }),
    });
    const onUnauthenticated = vi.fn();
    const api = createApiClient({
      baseUrl: 'http://localhost',
      fetch: server.fetch,
      tokens: {
        accessToken: () => token,
        refresh: async () => {
          token = 'new';
          return true;
        },
        onUnauthenticated,
      },
    });
    expect(await unwrap(api.GET('/v1/tenant'))).toMatchObject({ name: 'Rice Shop' });
    expect(server.calls.map((call) => call.headers.get('authorization'))).toEqual([
      'Bearer old',
      'Bearer new',
    ]);
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it('ends the session when the token cannot be renewed', async () => {
    const server = fakeFetch({
      'GET /v1/tenant': () => json(401, { error: { code: 'unauthenticated', message: 'expired' } }),
    });
    const onUnauthenticated = vi.fn();
    const api = createApiClient({
      baseUrl: 'http://localhost',
      fetch: server.fetch,
      tokens: { accessToken: () => 'old', refresh: async () => false, onUnauthenticated },
    });
    await expect(unwrap(api.GET('/v1/tenant'))).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthenticated).toHaveBeenCalledOnce();
  });

  it('never sends a token to, nor renews on, the auth routes', async () => {
    const server = fakeFetch({
      'POST /v1/auth/login': () =>
        json(400, {
          error: {
            code: 'validation_failed',
            message: 'bad',
            fields: [{ path: 'email', message: 'must be an e-mail' }],
          },
        }),
    });
    const refresh = vi.fn(async () => true);
    const api = createApiClient({
      baseUrl: 'http://localhost',
      fetch: server.fetch,
      tokens: { accessToken: () => 'old', refresh, onUnauthenticated: vi.fn() },
    });
    const failure = await unwrap(api.POST('/v1/auth/login', { body: { email: 'x', password: 'y' } })).catch(
      (e) => e,
    );
    expect(fieldErrorsOf(failure, 'en')).toEqual({ email: 'must be an e-mail' });
    expect(server.calls[0]?.headers.get('authorization')).toBeNull();
    expect(refresh).not.toHaveBeenCalled();
  });
});
