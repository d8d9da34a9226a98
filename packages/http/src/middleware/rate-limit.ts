import type { Services } from '@crm/app';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.js';

/**
 * After `authenticate`: the request takes its tokens from its tenant's (and API key's) bucket,
 * or is answered 429 with `Retry-After` (http-errors.ts maps the `rate_limited` error).
 */
export function rateLimit(services: Services) {
  return createMiddleware<AppEnv>(async (c, next) => {
    await services.rateLimits.take(c.var.principal);
    await next();
  });
}
