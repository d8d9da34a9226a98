import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BucketLimit, takeToken } from './token-bucket.js';

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
