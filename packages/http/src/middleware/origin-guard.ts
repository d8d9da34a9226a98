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
   * Called again with `{ unknown: true }` when the presented value matched none: a cache that may
   * predate a rotation reads the values afresh (rate-limited in it), so the new value passes as
   * soon as the CDN sends it.
   */
  readonly acceptedValues: (hint?: { unknown: true }) => Promise<readonly string[]>;
};

/** Answers 403 unless the request carries one of the accepted values in the header. */
export function originGuard(options: OriginGuardOptions): MiddlewareHandler {
  return async (c, next) => {
    const presented = c.req.header(options.header);
    // Every value is compared (constant time each), so timing tells nothing about which matched.
    const matchesAny = async (accepted: readonly string[]) =>
      presented
        ? (
            await Promise.all(accepted.filter(Boolean).map((value) => timingSafeEqual(value, presented)))
          ).includes(true)
        : false;
    const passes =
      presented !== undefined &&
      presented !== '' &&
      ((await matchesAny(await options.acceptedValues())) ||
        (await matchesAny(await options.acceptedValues({ unknown: true }))));
    if (!passes) {
      return c.json(
        { error: { code: 'forbidden', message: 'Requests must come through the public endpoint' } },
        403,
      );
    }
    await next();
  };
}
