import type { components } from '../lib/api/schema.js';

/** A stand-in for the server in component tests: `"METHOD /path"` → a handler; the rest is 404. */
export type FakeRoute = (request: Request) => Response | Promise<Response>;

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export function fakeFetch(routes: Record<string, FakeRoute>) {
  const calls: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request =
      input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'), init);
    calls.push(request.clone());
    const route = routes[`${request.method} ${new URL(request.url).pathname}`];
    return route ? route(request) : json(404, { error: { code: 'not_found', message: 'no route' } });
  };
  return { fetch, calls };
}

/** A Session answer as the API gives it. */
export function sessionAnswer(
  overrides: { tenantName?: string; email?: string; expiresIn?: number } = {},
): components['schemas']['Session'] {
  const now = '2026-01-01T00:00:00.000Z';
  return {
    accessToken: 'access-1',
    refreshToken: 'refresh-1',
    tokenType: 'Bearer' as const,
    expiresIn: overrides.expiresIn ?? 900,
    tenant: {
      id: '01HZZZZZZZZZZZZZZZZZZZZZZZ',
      name: overrides.tenantName ?? 'Rice Shop 米店',
      settings: { defaultCurrency: 'CNY', locale: 'zh-CN' as const, timezone: 'Asia/Shanghai' },
      createdAt: now,
      updatedAt: now,
      version: 1,
    },
    user: {
      id: '01HYYYYYYYYYYYYYYYYYYYYYYY',
      email: overrides.email ?? 'owner@example.com',
      name: 'Wang Yongqing',
      role: 'owner' as const,
      locale: 'zh-CN' as const,
      status: 'active' as const,
      createdAt: now,
      updatedAt: now,
      version: 1,
    },
  };
}
