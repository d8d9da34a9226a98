import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BucketLimit, reserveTokens, takeToken } from './token-bucket.js';

/** Takes `count` tokens at `now`, threading the stored instant as the repository does. */
function takeMany(limit: BucketLimit, fullAt: number | undefined, now: number, count: number) {
  const decisions = [];
  let state = fullAt;
  for (let i = 0; i < count; i++) {
    const decision = takeToken(limit, state, now);
    if (decision.allowed) state = decision.fullAt;
    decisions.push(decision);
  }
  return { decisions, fullAt: state };
}

describe('takeToken', () => {
  const limit = { capacity: 5, refillPerSecond: 1 };

  it('lets a burst of exactly the capacity through a fresh bucket and refuses the next', () => {
    const { decisions } = takeMany(limit, undefined, 0, 6);

    expect(decisions.slice(0, 5).every((d) => d.allowed)).toBe(true);
    expect(decisions.map((d) => (d.allowed ? d.remaining : -1))).toEqual([4, 3, 2, 1, 0, -1]);
    expect(decisions[5]).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('refills one token per interval after a burst', () => {
    const { fullAt } = takeMany(limit, undefined, 0, 5);

    expect(takeToken(limit, fullAt, 999).allowed).toBe(false);
    const afterOne = takeToken(limit, fullAt, 1000);
    expect(afterOne).toMatchObject({ allowed: true, remaining: 0 });
    const after3 = takeMany(limit, fullAt, 3000, 4).decisions;
    expect(after3.map((d) => d.allowed)).toEqual([true, true, true, false]);
  });

  it('never saves up more than the capacity however long the bucket was idle', () => {
    const { fullAt } = takeMany(limit, undefined, 0, 1);

    const { decisions } = takeMany(limit, fullAt, 3_600_000, 7);

    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
  });

  it('says how long until the next token, rounded up to whole seconds', () => {
    const slow = { capacity: 2, refillPerSecond: 0.1 };
    const { fullAt } = takeMany(slow, undefined, 0, 2);

    expect(takeToken(slow, fullAt, 0)).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(takeToken(slow, fullAt, 2500)).toEqual({ allowed: false, retryAfterSeconds: 8 });
    expect(takeToken(slow, fullAt, 10_000).allowed).toBe(true);
  });

  it('allows at most capacity + rate × elapsed requests in any span (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 200 }),
        (capacity, refillPerSecond, gaps) => {
          const bucket = { capacity, refillPerSecond };
          let now = 0;
          let fullAt: number | undefined;
          let allowed = 0;
          for (const gap of gaps) {
            now += gap;
            const decision = takeToken(bucket, fullAt, now);
            if (decision.allowed) {
              fullAt = decision.fullAt;
              allowed++;
            } else {
              // Waiting as long as told always brings a token back.
              expect(takeToken(bucket, fullAt, now + decision.retryAfterSeconds * 1000).allowed).toBe(true);
            }
          }
          expect(allowed).toBeLessThanOrEqual(capacity + (refillPerSecond * now) / 1000 + 1e-6);
        },
      ),
    );
  });
});

describe('reserveTokens', () => {
  const limit = { capacity: 200, refillPerSecond: 800 };

  it('spends up to the capacity at once from a fresh bucket, then waits for the refill', () => {
    const first = reserveTokens(limit, undefined, 0, 150);
    const second = reserveTokens(limit, first.fullAt, 0, 150);

    expect(first.waitMs).toBe(0);
    // 300 tokens asked, 200 at once: the other 100 take 100 / 800 s.
    expect(second.waitMs).toBeCloseTo(125);
    expect(reserveTokens(limit, second.fullAt, 1000, 150).waitMs).toBe(0);
  });

  it('agrees with takeToken one token at a time', () => {
    const small = { capacity: 3, refillPerSecond: 2 };
    let reserved: number | undefined;
    let taken: number | undefined;
    for (let index = 0; index < 6; index++) {
      const reservation = reserveTokens(small, reserved, 100, 1);
      const decision = takeToken(small, taken, 100);
      expect(reservation.waitMs === 0).toBe(decision.allowed);
      reserved = reservation.fullAt;
      if (decision.allowed) taken = decision.fullAt;
      else break;
    }
  });

  it('never spends more than capacity + seconds × rate in any window, however the takes come', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ gapMs: fc.integer({ min: 0, max: 400 }), tokens: fc.integer({ min: 1, max: 200 }) }),
          {
            minLength: 1,
            maxLength: 60,
          },
        ),
        (takes) => {
          let now = 0;
          let fullAt: number | undefined;
          const spent: { at: number; tokens: number }[] = [];
          for (const take of takes) {
            now += take.gapMs;
            const reservation = reserveTokens(limit, fullAt, now, take.tokens);
            fullAt = reservation.fullAt;
            spent.push({ at: now + reservation.waitMs, tokens: take.tokens });
          }
          for (const start of spent) {
            for (const end of spent) {
              if (end.at < start.at) continue;
              const inWindow = spent
                .filter((event) => event.at >= start.at && event.at <= end.at)
                .reduce((sum, event) => sum + event.tokens, 0);
              const allowed = limit.capacity + ((end.at - start.at) / 1000) * limit.refillPerSecond;
              expect(inWindow).toBeLessThanOrEqual(allowed + 1e-6);
            }
          }
        },
      ),
    );
  });
});
