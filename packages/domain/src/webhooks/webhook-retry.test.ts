import { describe, expect, it } from 'vitest';
import { nextAttemptDelayMs, parseRetryAfter, verdictOf, WEBHOOK_MAX_ATTEMPTS } from './webhook-retry.js';

const middle = () => 0.5;

describe('the retry schedule', () => {
  it('follows the Standard Webhooks steps: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h', () => {
    const delays = Array.from({ length: WEBHOOK_MAX_ATTEMPTS - 1 }, (_, index) =>
      nextAttemptDelayMs({ attemptsMade: index + 1, random: middle }),
    );
    const minute = 60_000;
    const hour = 60 * minute;
    expect(delays).toEqual([
      5_000,
      5 * minute,
      30 * minute,
      2 * hour,
      5 * hour,
      10 * hour,
      14 * hour,
      20 * hour,
      24 * hour,
    ]);
  });

  it('gives up after the tenth attempt', () => {
    expect(WEBHOOK_MAX_ATTEMPTS).toBe(10);
    expect(nextAttemptDelayMs({ attemptsMade: 10 })).toBeUndefined();
  });

  it('jitters each step by at most 10 %', () => {
    expect(nextAttemptDelayMs({ attemptsMade: 2, random: () => 0 })).toBe(270_000);
    expect(nextAttemptDelayMs({ attemptsMade: 2, random: () => 0.999999 })).toBeCloseTo(330_000, -1);
  });

  it('waits as long as Retry-After asks on 429, 502 and 504, never less than the schedule', () => {
    for (const status of [429, 502, 504]) {
      expect(nextAttemptDelayMs({ attemptsMade: 1, status, retryAfterMs: 60_000, random: middle })).toBe(
        60_000,
      );
      expect(nextAttemptDelayMs({ attemptsMade: 1, status, retryAfterMs: 1_000, random: middle })).toBe(
        5_000,
      );
    }
  });

  it('ignores Retry-After on other statuses and caps it at a day', () => {
    expect(nextAttemptDelayMs({ attemptsMade: 1, status: 500, retryAfterMs: 60_000, random: middle })).toBe(
      5_000,
    );
    expect(
      nextAttemptDelayMs({ attemptsMade: 1, status: 429, retryAfterMs: 30 * 86_400_000, random: middle }),
    ).toBe(86_400_000);
  });
});

describe('verdictOf', () => {
  it('counts 2xx as delivered, 410 as disabling and everything else (or no answer) as a retry', () => {
    expect(verdictOf(200)).toBe('delivered');
    expect(verdictOf(204)).toBe('delivered');
    expect(verdictOf(410)).toBe('disable');
    expect(verdictOf(301)).toBe('retry');
    expect(verdictOf(500)).toBe('retry');
    expect(verdictOf(undefined)).toBe('retry');
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-02-07T00:00:00.000Z');
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Sat, 07 Feb 2026 00:01:00 GMT', now)).toBe(60_000);
  });
  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
