import { DomainError } from '@crm/domain';
import pLimit from 'p-limit';
import type { PasswordHasher } from './password-hasher.js';

export type HashingBounds = {
  /** Hashes computed at once (scrypt takes ≈128 MiB and a core each). @default 2 */
  concurrency?: number;
  /** Requests allowed to wait beyond those; more answer 429 at once instead of queueing. @default 32 */
  maxWaiting?: number;
};

/**
 * Bounds how many password hashes run at once and how many wait: a flood of logins (to unknown
 * e-mails, say) then queues briefly or is refused, instead of slowing every login by the flood's
 * length.
 */
export function boundedPasswordHasher(hasher: PasswordHasher, bounds: HashingBounds = {}): PasswordHasher {
  const limit = pLimit(bounds.concurrency ?? 2);
  const maxWaiting = bounds.maxWaiting ?? 32;
  const run = <T>(work: () => Promise<T>): Promise<T> => {
    if (limit.pendingCount >= maxWaiting) {
      return Promise.reject(
        new DomainError('rate_limited', 'The server is busy checking passwords; try again shortly', {
          details: { retryAfterSeconds: 1 },
        }),
      );
    }
    return limit(work);
  };
  return {
    hash: (password) => run(() => hasher.hash(password)),
    verify: (password, stored) => run(() => hasher.verify(password, stored)),
  };
}
