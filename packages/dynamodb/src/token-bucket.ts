/**
 * A token bucket: `capacity` requests at once, refilled at `refillPerSecond`. Stored as a single
 * number, the instant the bucket will be full again ("theoretical arrival time" of GCRA, the
 * generic cell rate algorithm, ITU-T I.371): every request taken pushes it one refill interval
 * further, and a request is refused when that would put it more than `capacity` intervals ahead
 * of now. One number means one conditional UpdateItem can take a token without reading first.
 */
export type BucketLimit = { capacity: number; refillPerSecond: number };

export type BucketDecision =
  | { allowed: true; fullAt: number; remaining: number }
  | { allowed: false; retryAfterSeconds: number };

/** Milliseconds one token takes to come back. */
export function refillIntervalMs(limit: BucketLimit): number {
  return 1000 / limit.refillPerSecond;
}

/**
 * The latest stored `fullAt` that still has a token at `now`: taking one moves it an interval
 * on, and it may be at most `capacity` intervals ahead.
 */
export function latestFullAtWithToken(limit: BucketLimit, now: number): number {
  return now + (limit.capacity - 1) * refillIntervalMs(limit);
}

/**
 * Takes one token from a bucket last known full at `fullAt` (epoch ms; undefined for a bucket
 * never used, which is full).
 *
 * @example
 * takeToken({ capacity: 2, refillPerSecond: 1 }, undefined, 0) // { allowed: true, fullAt: 1000, remaining: 1 }
 */
export function takeToken(limit: BucketLimit, fullAt: number | undefined, now: number): BucketDecision {
  const interval = refillIntervalMs(limit);
  // A bucket full in the past is simply full: idle time never saves up more than `capacity`.
  const from = fullAt === undefined || fullAt < now ? now : fullAt;
  if (from > latestFullAtWithToken(limit, now)) {
    // The next token is back once `from` has come within `capacity - 1` intervals of the clock.
    const waitMs = from - latestFullAtWithToken(limit, now);
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
  const next = from + interval;
  return { allowed: true, fullAt: next, remaining: tokensLeft(limit, next, now) };
}

/** Whole tokens left in a bucket full at `fullAt`. */
export function tokensLeft(limit: BucketLimit, fullAt: number, now: number): number {
  const owed = Math.max(0, fullAt - now) / refillIntervalMs(limit);
  return Math.max(0, Math.floor(limit.capacity - owed + 1e-9));
}

/**
 * Reserves `tokens` at once from a bucket last known full at `fullAt`, for a caller that paces
 * itself instead of being refused (it owns the bucket: one process, in memory): answers how long
 * to wait before spending them and the bucket's new `fullAt`. The same rule as `takeToken`: the
 * bucket may owe at most `capacity` tokens, so over any window of `w` seconds at most
 * `capacity + w × refillPerSecond` tokens are spent.
 *
 * @example
 * reserveTokens({ capacity: 2, refillPerSecond: 1 }, undefined, 0, 3) // { waitMs: 1000, fullAt: 3000 }
 */
export function reserveTokens(
  limit: BucketLimit,
  fullAt: number | undefined,
  now: number,
  tokens: number,
): { waitMs: number; fullAt: number } {
  const from = fullAt === undefined || fullAt < now ? now : fullAt;
  const next = from + tokens * refillIntervalMs(limit);
  return {
    waitMs: Math.max(0, next - latestFullAtWithToken(limit, now) - refillIntervalMs(limit)),
    fullAt: next,
  };
}
