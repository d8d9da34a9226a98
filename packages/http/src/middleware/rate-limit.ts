import type { Services } from '@crm/app';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.js';

// Reads that change nothing (the customer book's list and a customer's pages): they may run while
// their tokens are taken. Not the CSV export (long, and heavy to throw away).
const OVERLAPPABLE_READ =
  /^\/v1\/customers(\/(?!export$)[^/]+(\/(insights|interactions|history|contacts))?)?$/;

/**
 * After `authenticate`: the request takes its tokens from its tenant's (and API key's) bucket,
 * or is answered 429 with `Retry-After` (http-errors.ts maps the `rate_limited` error). A read of
 * the customer book whose buckets were lately roomy runs beside the take instead of after it (the
 * take is a DynamoDB write: waiting for it doubled a list page's latency); if the take refuses,
 * the error replaces the read's answer.
 */
export function rateLimit(services: Services) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const principal = c.var.principal;
    if (
      c.req.method === 'GET' &&
      OVERLAPPABLE_READ.test(c.req.path) &&
      services.rateLimits.mayOverlap(principal)
    ) {
      const taken = services.rateLimits.take(principal);
      // Awaited below; until then a refusal must not surface as an unhandled rejection.
      taken.catch(() => {});
      await next();
      await taken;
      return;
    }
    await services.rateLimits.take(principal);
    await next();
  });
}
