import { ifConditionHeld } from './condition-failure.js';
import type { TableClient } from './document-client.js';
import { epochSeconds } from './item-codec.js';
import { keys } from './keys.js';
import { TenantTable } from './tenant-table.js';
import {
  type BucketDecision,
  type BucketLimit,
  latestFullAtWithToken,
  refillIntervalMs,
  takeToken,
  tokensLeft,
} from './token-bucket.js';

/** Whose bucket: the whole tenant's, or one of its API keys'. */
export type BucketOwner = { kind: 'tenant' } | { kind: 'apiKey'; keyId: string };

type BucketItem = { fullAt?: number };

// A few rounds settle any race between requests of one bucket; a bucket so contended that they do
// not is refused for a second rather than looping.
const MAX_ROUNDS = 3;
const MAX_REMEMBERED_BUCKETS = 10_000;

/**
 * Token buckets kept in the tenant's own partition (so the IAM LeadingKeys role and the tenant
 * guard hold for them too), one item per bucket holding the instant it will be full again
 * (token-bucket.ts). Like AttemptThrottleRepository, a token is taken by a CONDITIONAL write, so
 * parallel requests can never take more than the bucket holds. The items carry no entity type:
 * the stream filter drops their writes, and TTL removes idle buckets.
 */
export class TokenBucketRepository {
  private readonly tenantClient: (tenantId: string) => TableClient;
  // The instant each bucket was last seen full again, by this process: it says which of the two
  // conditional writes will hold, so a request usually costs ONE write whether the bucket is idle
  // (full) or in use. Only a guess: the conditions decide.
  private readonly lastFullAt = new Map<string, number>();

  constructor(tenantClient: (tenantId: string) => TableClient) {
    this.tenantClient = tenantClient;
  }

  /**
   * Takes one token (or `tokens` at once, for a caller that spends them over its next requests:
   * all or none), or says how long until there is one. The clock is read again for every
   * round and for the decision after a read: a request that waited (a busy process, a slow
   * network) is judged by the time it reaches the table, not the time it started, so a reading
   * older than the bucket's window than its neighbours' never sees a bucket they just filled up
   * as empty.
   */
  async take({
    tenantId,
    owner,
    limit,
    clock,
    tokens = 1,
  }: {
    tenantId: string;
    owner: BucketOwner;
    limit: BucketLimit;
    clock: () => Date;
    tokens?: number;
  }): Promise<BucketDecision> {
    const table = new TenantTable(this.tenantClient(tenantId), tenantId);
    const key =
      owner.kind === 'tenant' ? keys.tenantBucket(tenantId) : keys.apiKeyBucket(tenantId, owner.keyId);
    const interval = refillIntervalMs(limit);
    const count = Math.max(1, Math.min(Math.floor(tokens), limit.capacity));
    const step = count * interval;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const at = clock().getTime();
      // The latest fullAt that still has `count` tokens: each one taken moves it an interval on.
      const latest = latestFullAtWithToken(limit, at) - (count - 1) * interval;
      // The item outlives the moment its bucket is full again by a minute, then is of no use.
      const expiresFrom = (fullAt: number) => epochSeconds(new Date(Math.max(fullAt, at) + 60_000));
      // A bucket in use (full only in the future) takes one more interval, if it has room.
      const takeInUse = () =>
        ifConditionHeld(
          table
            .update({
              Key: key,
              UpdateExpression: 'SET fullAt = fullAt + :step, expiresAt = :expires',
              ConditionExpression: 'fullAt > :now AND fullAt <= :latest',
              ExpressionAttributeValues: {
                ':step': step,
                ':now': at,
                ':latest': latest,
                ':expires': expiresFrom(latest + step),
              },
              ReturnValues: 'UPDATED_NEW',
            })
            .then((attributes) => Number(attributes?.fullAt)),
        );
      // A full bucket (new, or idle long enough) starts over from now.
      const takeFull = () =>
        ifConditionHeld(
          table
            .update({
              Key: key,
              // Named, so an export can tell it apart (and leave it out: it is no data of the tenant's).
              UpdateExpression: 'SET fullAt = :fullAt, expiresAt = :expires, entityType = :entity',
              ConditionExpression: 'attribute_not_exists(fullAt) OR fullAt <= :now',
              ExpressionAttributeValues: {
                ':fullAt': at + step,
                ':now': at,
                ':expires': expiresFrom(at + step),
                ':entity': 'requestBucket',
              },
            })
            .then(() => at + step),
        );
      const inUse = (this.lastFullAt.get(key.pk) ?? 0) > at;
      const [first, second] = inUse ? [takeInUse, takeFull] : [takeFull, takeInUse];
      const fullAt = (await first()) ?? (await second());
      if (fullAt !== undefined) {
        this.remember(key.pk, fullAt);
        return { allowed: true, fullAt, remaining: tokensLeft(limit, fullAt, at) };
      }
      // A bucket without room for all of them: the caller asks for one, judged exactly below.
      if (count > 1) return { allowed: false, retryAfterSeconds: 1 };
      // Neither held: the bucket is empty, unless a parallel request moved it in between.
      const item = await table.get<BucketItem>(key);
      const decision = takeToken(limit, item?.fullAt, clock().getTime());
      if (!decision.allowed) {
        if (item?.fullAt !== undefined) this.remember(key.pk, item.fullAt);
        return decision;
      }
    }
    return { allowed: false, retryAfterSeconds: 1 };
  }

  private remember(bucket: string, fullAt: number): void {
    this.lastFullAt.delete(bucket);
    this.lastFullAt.set(bucket, fullAt);
    // A bounded memory: the least recently used bucket goes first.
    if (this.lastFullAt.size > MAX_REMEMBERED_BUCKETS) {
      const oldest = this.lastFullAt.keys().next().value;
      if (oldest !== undefined) this.lastFullAt.delete(oldest);
    }
  }
}
