import type { App } from '@crm/http';
import { decodeJwt } from 'jose';

/**
 * The tenants this test file acts for: those it signed up, and any whose token it sent.
 *
 * Suites running at the same time share one table, and each suite that reads what reactions write
 * starts its own stream poller on it. Were every poller to handle every record, one record would be
 * handled by two consumers at once, and a consumer running behind could apply an older change
 * after a newer one (a service request's "dispatched" resolving the escalation its next change
 * raised). In AWS one event source mapping reads a shard, in order; `startReactions` keeps that
 * true by handing its poller only the records of this file's tenants. Vitest isolates test files,
 * so this set is the file's own.
 */
const tenants = new Set<string>();

export function actsForTenant(tenantId: string): boolean {
  return tenants.has(tenantId);
}

/** The app, noting the tenant of every request it is sent and of every sign-up it answers. */
export function withTenantsNoted<T extends App>(app: T): T {
  const fetch = app.fetch;
  app.fetch = async (request, ...rest) => {
    noteTenantOfRequest(request);
    const response = await fetch(request, ...rest);
    await noteTenantOfResponse(request, response);
    return response;
  };
  return app;
}

/** Notes the tenant of the request's bearer token, before the app handles it. */
function noteTenantOfRequest(request: Request): void {
  const token = request.headers.get('authorization')?.match(/^Bearer (.+)$/)?.[1];
  if (!token) return;
  try {
    const { tid } = decodeJwt(token);
    if (typeof tid === 'string') tenants.add(tid);
  } catch {
    // Not a JWT: suites send malformed tokens on purpose, and the app refuses them.
  }
}

/** Notes the tenant a sign-up created. */
async function noteTenantOfResponse(request: Request, response: Response): Promise<void> {
  if (request.method !== 'POST' || response.status !== 201) return;
  if (new URL(request.url).pathname !== '/v1/auth/signup') return;
  const body = (await response.clone().json()) as { tenant?: { id?: unknown } };
  if (typeof body.tenant?.id === 'string') tenants.add(body.tenant.id);
}
