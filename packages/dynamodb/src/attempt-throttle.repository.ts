import { conditionHeld } from './condition-failure.js';
import type { TableClient } from './document-client.js';
import { epochSeconds } from './item-codec.js';
import type { TableKey } from './keys.js';
import { PlatformTable } from './platform-table.js';

export type ThrottleLimit = { limit: number; windowMs: number };

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A fixed-window counter per platform key. An attempt is CLAIMED before the work it guards (a
 * password check, a mail) by one conditional `ADD`, so parallel requests can never all slip in
 * between a read and a write: at most `limit` claims succeed per window.
 */
export class AttemptThrottleRepository {
  private readonly platform: PlatformTable;

  constructor(client: TableClient) {
    this.platform = new PlatformTable(client);
  }

  async claim({ key, limit, windowMs, now }: { key: TableKey; now: Date } & ThrottleLimit) {
    const since = now.getTime() - windowMs;
    // Two rounds: a claim that finds the window expired starts a new one; if a parallel request
    // started it first, the second round counts into that window instead.
    for (let round = 0; round < 2; round++) {
      const counted = await conditionHeld(
        this.platform.update({
          Key: key,
          UpdateExpression: 'ADD #count :one',
          ConditionExpression: 'windowStart > :since AND #count < :limit',
          ExpressionAttributeNames: { '#count': 'attempts' },
          ExpressionAttributeValues: { ':one': 1, ':since': since, ':limit': limit },
        }),
      );
      if (counted) return { allowed: true } satisfies ThrottleDecision;
      const started = await conditionHeld(
        this.platform.update({
          Key: key,
          UpdateExpression: 'SET #count = :one, windowStart = :now, expiresAt = :expires',
          ConditionExpression: 'attribute_not_exists(windowStart) OR windowStart <= :since',
          ExpressionAttributeNames: { '#count': 'attempts' },
          ExpressionAttributeValues: {
            ':one': 1,
            ':now': now.getTime(),
            ':since': since,
            ':expires': epochSeconds(new Date(now.getTime() + windowMs)),
          },
        }),
      );
      if (started) return { allowed: true } satisfies ThrottleDecision;
    }
    const item = await this.platform.get<{ windowStart?: number }>(key);
    const windowEnd = (item?.windowStart ?? now.getTime()) + windowMs;
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000)),
    } satisfies ThrottleDecision;
  }

  /** Forgets the window: a right password ends a run of wrong ones. */
  async clear({ key }: { key: TableKey }): Promise<void> {
    await this.platform.delete(key);
  }
}
