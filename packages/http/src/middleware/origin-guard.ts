import type { MiddlewareHandler } from 'hono';
import { timingSafeEqual } from 'hono/utils/buffer';

/**
 * The shared secret a CDN adds to every request it forwards (CloudFront's origin custom header),
 * so requests that reach the origin another way — the execute-api endpoint called directly — can
 * be told apart and refused.
 */
export type OriginGuardOptions = {
  /** Header name, e.g. `x-origin-verify`. */
  readonly header: string;
  /**
   * The values accepted now: the current secret, and during a rotation the previous one too, so
   * requests carrying either pass while the CDN switches over. Called per request; cache in it.
   */
  readonly acceptedValues: () => Promise<readonly string[]>;
};

/** Answers 403 unless the request carries one of the accepted values in the header. */
export function originGuard(options: OriginGuardOptions): MiddlewareHandler {
  return async (c, next) => {
    const presented = c.req.header(options.header);
    const accepted = presented ? await options.acceptedValues() : [];
    // Every value is compared (constant time each), so timing tells nothing about which matched.
    const matches = await Promise.all(
      accepted.filter(Boolean).map((value) => timingSafeEqual(value, presented ?? '')),
    );
    if (!matches.includes(true)) {
      return c.json(
        { error: { code: 'forbidden', message: 'Requests must come through the public endpoint' } },
        403,
      );
    }
    await next();
  };
}
