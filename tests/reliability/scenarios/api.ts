import { newId } from '@crm/domain';

/**
 * The scenarios drive the product through its HTTP API only, so the same code runs in vitest (the
 * app's `request`, no socket) and in `npm run bench` (real HTTP on loopback). No vitest import here:
 * the benches load these modules outside the test runner.
 */
export type ApiAnswer = { status: number; body: Record<string, unknown> };
export type ApiCall = (
  method: string,
  path: string,
  options?: {
    auth?: { Authorization: string };
    /** Sent as JSON. */
    body?: unknown;
    /** Sent as text/csv (an import file). */
    csv?: string;
    headers?: Record<string, string>;
  },
) => Promise<ApiAnswer>;

/** Anything that answers a fetch Request: a Hono app in-process, or a base URL over HTTP. */
export type Requester = (path: string, init: RequestInit) => Response | Promise<Response>;

export function apiCaller(request: Requester): ApiCall {
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.auth, ...options.headers };
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    } else if (options.csv !== undefined) {
      headers['content-type'] = 'text/csv';
      body = options.csv;
    }
    const response = await request(path, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    const isJson = response.headers.get('content-type')?.includes('json');
    return {
      status: response.status,
      body: text && isJson ? (JSON.parse(text) as Record<string, unknown>) : text ? { text } : {},
    };
  };
}

/** A caller over real HTTP (keep-alive fetch) to a server at `base`, e.g. `http://127.0.0.1:3000`. */
export function httpCaller(base: string): ApiCall {
  return apiCaller((path, init) => fetch(`${base}${path}`, init));
}

export type TenantOwner = {
  tenantId: string;
  userId: string;
  email: string;
  password: string;
  auth: { Authorization: string };
};

/** Signs a fresh tenant up; its owner's credentials. */
export async function signUpOwner(api: ApiCall, tenantName = 'Reliability'): Promise<TenantOwner> {
  const email = `reliability-${newId().toLowerCase()}@example.com`;
  const password = 'correct-horse-battery';
  const answer = await api('POST', '/v1/auth/signup', { body: { tenantName, email, password } });
  if (answer.status !== 201)
    throw new Error(`signup answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  const body = answer.body as { tenant: { id: string }; user: { id: string }; accessToken: string };
  return {
    tenantId: body.tenant.id,
    userId: body.user.id,
    email,
    password,
    auth: { Authorization: `Bearer ${body.accessToken}` },
  };
}

/** Creates a business customer; its id and version. */
export async function createCustomer(
  api: ApiCall,
  owner: TenantOwner,
  name: string,
): Promise<{ id: string; version: number }> {
  const created = await api('POST', '/v1/customers', { auth: owner.auth, body: { name, kind: 'business' } });
  if (created.status !== 201) throw new Error(`customer create answered ${created.status}`);
  return { id: created.body.id as string, version: created.body.version as number };
}

/** Signs the owner in again (a token issued before a clock jump has expired); fresh credentials. */
export async function signInAgain(api: ApiCall, owner: TenantOwner): Promise<TenantOwner> {
  const answer = await api('POST', '/v1/auth/login', {
    body: { email: owner.email, password: owner.password },
  });
  if (answer.status !== 200)
    throw new Error(`login answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return { ...owner, auth: { Authorization: `Bearer ${answer.body.accessToken as string}` } };
}

/** Every live customer's name, following the list's cursor to the end. */
export async function allCustomerNames(api: ApiCall, owner: TenantOwner): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = await api('GET', `/v1/customers?limit=200${query}`, { auth: owner.auth });
    if (page.status !== 200) throw new Error(`customer list answered ${page.status}`);
    names.push(...(page.body.items as { name: string }[]).map((customer) => customer.name));
    cursor = page.body.nextCursor as string | null;
  } while (cursor);
  return names;
}
