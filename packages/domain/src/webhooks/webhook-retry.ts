/**
 * The Standard Webhooks retry schedule: the delay before each attempt after the first (immediately,
 * then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h): about three days in all.
 */
export const webhookRetryDelaysMs: readonly number[] = [
  0,
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  14 * 3_600_000,
  20 * 3_600_000,
  24 * 3_600_000,
];

/** Every attempt a message gets: the schedule's length. */
export const WEBHOOK_MAX_ATTEMPTS = webhookRetryDelaysMs.length;

/** An endpoint whose deliveries have all failed for this long is disabled (Svix). */
export const WEBHOOK_FAILING_DISABLE_MS = 5 * 86_400_000;

/** Retry-After is honoured up to the longest step of the schedule, never beyond. */
const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

/** Statuses whose Retry-After header the sender honours. */
const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 502, 504]);

export type AttemptVerdict = 'delivered' | 'retry' | 'disable';

/** What a response status means: 2xx delivered, 410 Gone disables the endpoint, anything else retries. */
export function verdictOf(status: number | undefined): AttemptVerdict {
  if (status === undefined) return 'retry';
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 410) return 'disable';
  return 'retry';
}

/** Retry-After in milliseconds (delta-seconds or an HTTP date), or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d{1,10}$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now.getTime());
}

/**
 * When the next attempt is due after attempt number `attemptsMade` failed (1 = the first), or
 * undefined when the schedule is used up. Each step gets ±10 % jitter so a receiver coming back
 * is not hit by every queued message at the same instant; a Retry-After on 429, 502 or 504 moves
 * the attempt later (never earlier than the schedule).
 *
 * @example
 * nextAttemptDelayMs({ attemptsMade: 1, random: () => 0.5 }) // 5000
 */
export function nextAttemptDelayMs(options: {
  attemptsMade: number;
  status?: number;
  retryAfterMs?: number;
  random?: () => number;
}): number | undefined {
  const base = webhookRetryDelaysMs[options.attemptsMade];
  if (base === undefined) return undefined;
  const random = options.random ?? Math.random;
  const jittered = Math.round(base * (0.9 + 0.2 * random()));
  if (
    options.status !== undefined &&
    RETRY_AFTER_STATUSES.has(options.status) &&
    options.retryAfterMs !== undefined
  ) {
    return Math.max(jittered, Math.min(options.retryAfterMs, MAX_RETRY_AFTER_MS));
  }
  return jittered;
}
