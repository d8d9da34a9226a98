import { DomainError } from '@crm/domain';
import { describe, expect, it } from 'vitest';
import { boundedPasswordHasher } from './bounded-password-hasher.js';
import type { PasswordHasher } from './password-hasher.js';

function slowHasher() {
  let running = 0;
  let mostAtOnce = 0;
  const work = async () => {
    running++;
    mostAtOnce = Math.max(mostAtOnce, running);
    await new Promise((resolve) => setTimeout(resolve, 10));
    running--;
  };
  const hasher: PasswordHasher = {
    hash: async (password) => {
      await work();
      return `h:${password}`;
    },
    verify: async (password, stored) => {
      await work();
      return stored === `h:${password}`;
    },
  };
  return { hasher, mostAtOnce: () => mostAtOnce };
}

describe('boundedPasswordHasher', () => {
  it('never runs more hashes at once than its concurrency', async () => {
    const slow = slowHasher();
    const bounded = boundedPasswordHasher(slow.hasher, { concurrency: 2, maxWaiting: 100 });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => bounded.verify(`p${i}`, `h:p${i}`)),
    );
    expect(results.every(Boolean)).toBe(true);
    expect(slow.mostAtOnce()).toBe(2);
  });

  it('refuses with rate_limited, at once, what would wait beyond maxWaiting', async () => {
    const slow = slowHasher();
    const bounded = boundedPasswordHasher(slow.hasher, { concurrency: 1, maxWaiting: 3 });
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => bounded.hash('x')));
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(4);
    for (const outcome of refused) {
      expect(outcome.reason).toBeInstanceOf(DomainError);
      expect((outcome.reason as DomainError).code).toBe('rate_limited');
    }
  });
});
