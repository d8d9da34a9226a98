import { isConditionFailure } from './condition-failure.js';
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

/**
 * Token buckets kept in the tenant's own partition (so the IAM LeadingKeys role and the tenant
 * guard hold for them too), one item per bucket holding the instant it will be full again
 * (token-bucket.ts). Like AttemptThrottleRepository, a token is taken by a CONDITIONAL write, so
 * parallel requests can never take more than the bucket holds. The items carry no entity type:
 * the stream filter drops their writes, and TTL removes idle buckets.
 */
export class TokenBucketRepository {
  private readonly tenantClient: (tenantId: string) => TableClient;

  constructor(tenantClient: (tenantId: string) => TableClient) {
    this.tenantClient = tenantClient;
  }

  async take({
    tenantId,
    owner,
    limit,
    now,
  }: {
    tenantId: string;
    owner: BucketOwner;
    limit: BucketLimit;
    now: Date;
  }): Promise<BucketDecision> {
    const table = new TenantTable(this.tenantClient(tenantId), tenantId);
    const key =
      owner.kind === 'tenant' ? keys.tenantBucket(tenantId) : keys.apiKeyBucket(tenantId, owner.keyId);
    const at = now.getTime();
    const interval = refillIntervalMs(limit);
    // The item outlives the moment its bucket is full again by a minute, then is of no use.
    const expiresFrom = (fullAt: number) => epochSeconds(new Date(Math.max(fullAt, at) + 60_000));
    for (let round = 0; round < MAX_ROUNDS; round++) {
      // A bucket in use (full only in the future) takes one more interval, if it has room: no read.
      try {
        const latest = latestFullAtWithToken(limit, at);
        const attributes = await table.update({
          Key: key,
          UpdateExpression: 'SET fullAt = fullAt + :interval, expiresAt = :expires',
          ConditionExpression: 'fullAt > :now AND fullAt <= :latest',
          ExpressionAttributeValues: {
            ':interval': interval,
            ':now': at,
            ':latest': latest,
            ':expires': expiresFrom(latest + interval),
          },
          ReturnValues: 'UPDATED_NEW',
        });
        const fullAt = Number(attributes?.fullAt);
        return { allowed: true, fullAt, remaining: tokensLeft(limit, fullAt, at) };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
      // Otherwise the bucket is full (new or idle) or empty: the stored instant says which.
      const item = await table.get<BucketItem>(key);
      const decision = takeToken(limit, item?.fullAt, at);
      if (!decision.allowed) return decision;
      try {
        await table.update({
          Key: key,
          UpdateExpression: 'SET fullAt = :fullAt, expiresAt = :expires',
          ConditionExpression: 'attribute_not_exists(fullAt) OR fullAt <= :now',
          ExpressionAttributeValues: {
            ':fullAt': decision.fullAt,
            ':now': at,
            ':expires': expiresFrom(decision.fullAt),
          },
        });
        return decision;
      } catch (error) {
        // A parallel request took the first token of the full bucket: count into its state instead.
        if (!isConditionFailure(error)) throw error;
      }
    }
    return { allowed: false, retryAfterSeconds: 1 };
  }
}
