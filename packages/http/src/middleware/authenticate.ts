import { isApiKeyToken, isPartner, type Services } from '@crm/app';
import { DomainError, isAdmin } from '@crm/domain';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Establishes the principal from `Authorization: Bearer <access token | API key>`. The tenant of
 * every request comes from here and nowhere else.
 */
export function authenticate(services: Services) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) throw new DomainError('unauthenticated', 'Missing bearer token');
    const token = match[1];
    const claimed = isApiKeyToken(token)
      ? await services.apiKeys.authenticate(token)
      : await services.accessTokens.verify(token, services.clock());
    // The token says who; the user's live record says what they may do now (a demoted or
    // disabled user's unexpired token carries the old role).
    const principal = claimed && (await services.principals.current(claimed));
    if (!principal) throw new DomainError('unauthenticated', 'Token is invalid or expired');
    if (principal.kind === 'apiKey' && principal.scope === 'read' && !READ_METHODS.has(c.req.method)) {
      throw new DomainError('forbidden', 'This API key may only read');
    }
    c.set('principal', principal);
    await next();
  });
}

/**
 * Only the tenant's admins (the domain's `isAdmin` policy); API keys never manage the tenant.
 * The role is the user's current one (authenticate re-reads it), not the token's.
 */
export function requireAdmin() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const principal = c.var.principal;
    if (principal.kind !== 'user' || !isAdmin(principal.role)) {
      throw new DomainError('forbidden', 'Requires role owner or admin');
    }
    await next();
  });
}

/** Everyone but channel partners, who reach only what is shared with them. */
export function forbidPartners() {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (isPartner(c.var.principal)) throw new DomainError('forbidden', 'Partners cannot use this route');
    await next();
  });
}
