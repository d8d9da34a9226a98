import type { CustomerScores, ModelFit, PurchaseModelPolicy } from '@crm/domain';
import pMap from 'p-map';
import { conditionHeld } from './condition-failure.js';
import { customerListPartition, customerScoreSortKeys, customerShard } from './customer-index-keys.js';
import { cachedCustomerListLayout } from './customer-list-layout.js';
import type { TableClient } from './document-client.js';
import { epochSeconds, fromItem, toItem } from './item-codec.js';
import { keys, sortKeyPrefixes } from './keys.js';
import { PartitionPacer } from './partition-pacer.js';
import { TenantTable } from './tenant-table.js';
import type { BucketLimit } from './token-bucket.js';
import { VersionedSettingsItem } from './versioned-settings-item.js';

/** One order as the models read it: when, how much, in which currency. */
/**
 * Score updates per transaction. DynamoDB allows 100 actions; on DynamoDB Local, rewriting 3,737
 * customers' scores took 12–19 s in transactions of 25 two at a time, 14–22 s of 100, 39–49 s
 * one UpdateItem each (32 in flight), on a loaded machine.
 */
const SCORES_PER_TRANSACTION = 25;

/**
 * What one customer's score write costs the busiest index partition it touches, in write units:
 * the P(alive) and CLV orders (gsi7, gsi8) move it (a delete and a put, each of the item's size
 * under the `ALL` projection), and a scored customer with figures is ~2.1 kB, 3 units a copy
 * (docs/scaling.md, "Item sizes"). A bigger customer (many custom fields) costs more than this
 * estimate; DynamoDB's throttling and the SDK's retries then still catch the excess.
 */
export const SCORE_WRITE_UNITS_PER_CUSTOMER = 6;

/**
 * The write units a refit may put on one list shard per second (each of the shard's index
 * partitions takes 1,000): 800 a second with a burst of 200, so the refit's own writes never
 * pass 1,000 in any second and the day's writes to the shard keep some room most of the time. 133
 * customers a second a shard (docs/scaling.md, "How the refit is held to its shards").
 */
export const SCORE_WRITE_BUDGET: BucketLimit = { capacity: 200, refillPerSecond: 800 };

/** A pacer for one refit's score writes, on SCORE_WRITE_BUDGET per list shard. */
export function scoreWritePacer(budget: BucketLimit = SCORE_WRITE_BUDGET): PartitionPacer {
  return new PartitionPacer(budget);
}

export type OrderFact = { occurredAt: string; amount: number; currency?: string };

/** The tenant's purchase-model policy as stored, with its version. */
export type StoredPurchaseModelPolicy = {
  policy: PurchaseModelPolicy;
  version: number;
  updatedAt: string;
  updatedBy: string;
};

/** The run holding a tenant's refit claim. */
export type RefitHolder = Pick<ModelFit, 'startedAt' | 'trigger'> & { fitId: string };

export type RefitClaim =
  | { claimed: true /** A stale claim this one replaced: its run never finished. */; replaced?: RefitHolder }
  | { claimed: false; holder: RefitHolder | undefined };

function holderOf(item: Record<string, unknown>): RefitHolder {
  return {
    fitId: String(item.fitId),
    startedAt: String(item.startedAt),
    trigger: item.trigger as ModelFit['trigger'],
  };
}

/**
 * A tenant's analytics model (docs/analytics.md "In the product"): every fit run in the `MODEL`
 * partition (sk `FIT#<startedAt>#<id>`, so history reads in order and a fit can be compared with
 * the previous one), the latest successful fit under `LATEST` (what scoring reads), and the
 * customers' `scores` attribute, written on the customer item without touching anything else.
 */
export class ModelRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  /** Records a run (running, succeeded or failed); a succeeded one also becomes the latest. */
  async saveFit(fit: ModelFit): Promise<void> {
    const run = toItem('modelFit', keys.modelFit(this.tenantId, fit.startedAt, fit.id), fit);
    if (fit.status !== 'succeeded') {
      await this.table.put(run);
      return;
    }
    await this.table.transactWrite([
      { Put: { TableName: '', Item: run } },
      { Put: { TableName: '', Item: toItem('modelLatest', keys.modelLatest(this.tenantId), fit) } },
    ]);
  }

  /**
   * Claims the tenant's one refit slot for `run` until `staleAt` (a conditional write, so of any
   * number of concurrent requests, in one process or many Lambdas, exactly one wins). A claim past
   * its `staleAt` belongs to a worker that died: it is taken over and reported as `replaced`.
   * The TTL attribute lets DynamoDB drop a claim nobody released.
   */
  async claimRefit(run: RefitHolder, now: Date, staleAt: Date): Promise<RefitClaim> {
    try {
      const old = await this.table.update({
        Key: keys.refitLock(this.tenantId),
        UpdateExpression:
          'SET fitId = :fitId, startedAt = :startedAt, #trigger = :trigger, expiresAt = :staleAt, entityType = :type',
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
        ExpressionAttributeNames: { '#trigger': 'trigger' },
        ExpressionAttributeValues: {
          ':fitId': run.fitId,
          ':startedAt': run.startedAt,
          ':trigger': run.trigger,
          ':staleAt': epochSeconds(staleAt),
          ':now': epochSeconds(now),
          ':type': 'refitLock',
        },
        ReturnValues: 'ALL_OLD',
      });
      return old?.fitId ? { claimed: true, replaced: holderOf(old) } : { claimed: true };
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      const holder = await this.table.get(keys.refitLock(this.tenantId));
      return { claimed: false, holder: holder ? holderOf(holder) : undefined };
    }
  }

  /**
   * Keeps the claim for a run that is still working (a refit in pieces outlives one claim): moves
   * its stale time on, if `fitId` still holds it. False when another run took it over.
   */
  async renewRefit(fitId: string, staleAt: Date): Promise<boolean> {
    return conditionHeld(
      this.table.update({
        Key: keys.refitLock(this.tenantId),
        UpdateExpression: 'SET expiresAt = :staleAt',
        ConditionExpression: 'fitId = :fitId',
        ExpressionAttributeValues: { ':fitId': fitId, ':staleAt': epochSeconds(staleAt) },
      }),
    );
  }

  /**
   * Records how far a running run has come (only while it is `running`: an interrupted run keeps
   * its outcome). False when the run is no longer running.
   */
  async setProgress(
    run: { startedAt: string; fitId: string },
    progress: NonNullable<ModelFit['progress']>,
  ): Promise<boolean> {
    return conditionHeld(
      this.table.update({
        Key: keys.modelFit(this.tenantId, run.startedAt, run.fitId),
        UpdateExpression: 'SET progress = :progress',
        ConditionExpression: '#status = :running',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':progress': progress, ':running': 'running' },
      }),
    );
  }

  /** Gives the claim up, if `fitId` still holds it (a taken-over claim stays with its new holder). */
  async releaseRefit(fitId: string): Promise<void> {
    await conditionHeld(
      this.table.delete(keys.refitLock(this.tenantId), {
        condition: 'fitId = :fitId',
        values: { ':fitId': fitId },
      }),
    );
  }

  /**
   * Records a run whose worker died as failed, if it is still `running` (a run that finished in
   * the meantime keeps its outcome). True when this call failed it.
   */
  async markInterrupted(run: { startedAt: string; fitId: string }, at: Date): Promise<boolean> {
    return conditionHeld(
      this.table.update({
        Key: keys.modelFit(this.tenantId, run.startedAt, run.fitId),
        UpdateExpression: 'SET #status = :failed, fittedAt = :at, #error = :error',
        ConditionExpression: '#status = :running',
        ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
        ExpressionAttributeValues: {
          ':failed': 'failed',
          ':running': 'running',
          ':at': at.toISOString(),
          ':error': { code: 'interrupted', message: 'The refit stopped before finishing; refit again' },
        },
      }),
    );
  }

  async getPolicy(): Promise<StoredPurchaseModelPolicy | undefined> {
    return this.settings().get();
  }

  /** Saves it only if it is still at `expectedVersion` (0: none saved yet); else `version_conflict`. */
  async putPolicy(stored: StoredPurchaseModelPolicy, expectedVersion: number): Promise<void> {
    await this.settings().put(stored, expectedVersion);
  }

  private settings() {
    return new VersionedSettingsItem<StoredPurchaseModelPolicy>(
      this.table,
      'modelPolicy',
      keys.modelPolicy(this.tenantId),
      'The purchase-model policy was changed by someone else; reload it',
    );
  }

  /** One run, by the key its start time and id make. */
  async getFit({ startedAt, fitId }: { startedAt: string; fitId: string }): Promise<ModelFit | undefined> {
    const item = await this.table.get(keys.modelFit(this.tenantId, startedAt, fitId));
    return item ? fromItem<ModelFit>(item) : undefined;
  }

  async latest(): Promise<ModelFit | undefined> {
    const item = await this.table.get(keys.modelLatest(this.tenantId));
    return item ? fromItem<ModelFit>(item) : undefined;
  }

  /** Runs, newest first. */
  async history({ limit }: { limit: number }): Promise<ModelFit[]> {
    const page = await this.table.query({
      partitionValue: keys.modelPartition(this.tenantId),
      KeyConditionExpression: 'begins_with(sk, :fit)',
      ExpressionAttributeValues: { ':fit': sortKeyPrefixes.modelFit },
      ScanIndexForward: false,
      Limit: limit,
    });
    return page.items.map((item) => fromItem<ModelFit>(item));
  }

  /** The customer's orders (type `order`), only the attributes the models read. */
  async listOrders({ customerId }: { customerId: string }): Promise<OrderFact[]> {
    return this.table.queryAll<OrderFact>({
      partitionValue: keys.customerPartition(this.tenantId, customerId),
      KeyConditionExpression: 'begins_with(sk, :i)',
      FilterExpression: '#type = :order',
      ProjectionExpression: '#at, #amount, #currency',
      ExpressionAttributeNames: {
        '#type': 'type',
        '#at': 'occurredAt',
        '#amount': 'amount',
        '#currency': 'currency',
      },
      ExpressionAttributeValues: { ':i': sortKeyPrefixes.interaction, ':order': 'order' },
    });
  }

  /**
   * Sets `scores` on the customer item and nothing else (not version, not stats). False when the
   * customer no longer exists (it is never re-created by a score).
   */
  async setScores(entry: { customerId: string; scores: CustomerScores }): Promise<boolean> {
    return conditionHeld(this.table.update(this.scoresUpdate(entry)));
  }

  private scoresUpdate({ customerId, scores }: { customerId: string; scores: CustomerScores }) {
    const sortKeys = customerScoreSortKeys(customerId, scores);
    return {
      Key: keys.customer(this.tenantId, customerId),
      // The score orders live in the customer's list partition, which gsi4pk already names
      // (live or archived, and the shard): copied, so a score never needs the customer read first.
      UpdateExpression:
        'SET #scores = :scores, gsi7pk = gsi4pk, gsi8pk = gsi4pk, gsi7sk = :pAlive, gsi8sk = :clv',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#scores': 'scores' },
      ExpressionAttributeValues: { ':scores': scores, ':pAlive': sortKeys.gsi7sk, ':clv': sortKeys.gsi8sk },
    };
  }

  /**
   * Many `setScores`, in transactions of `SCORES_PER_TRANSACTION` updates (each still conditional
   * on its customer existing), `concurrency` transactions in flight. UpdateItem has no batch form,
   * and one request per customer made a refit's writes its slowest part (23,570 requests on the
   * demo; ≈ 3× slower on DynamoDB Local than the same scores in transactions of 25). A transaction
   * that is cancelled (a customer deleted meanwhile, or a conflict with a concurrent write) is
   * written again customer by customer, which skips a deleted one and resends on conflict.
   * In AWS a transactional write costs two write units per item instead of one.
   */
  async setScoresMany(
    entries: readonly { customerId: string; scores: CustomerScores }[],
    options: { concurrency?: number; pacer?: PartitionPacer } = {},
  ): Promise<number> {
    const { pacer } = options;
    const chunks = pacer ? await this.chunksByShard(entries) : [{ partition: '', entries: chunkOf(entries) }];
    // Shards in turn (the first transaction of each, then the second…), so a shard with more
    // customers on the page never holds the slots the others need.
    const work: { partition: string; chunk: (typeof entries)[number][] }[] = [];
    const transactions = chunks.reduce((sum, shard) => sum + shard.entries.length, 0);
    for (let round = 0; work.length < transactions; round++) {
      for (const { partition, entries: inShard } of chunks) {
        const chunk = inShard[round];
        if (chunk) work.push({ partition, chunk });
      }
    }
    // Paced, every shard has a transaction in flight at once: each waits on its own budget only.
    const concurrency = Math.max(options.concurrency ?? 2, pacer ? chunks.length : 0);
    const written = await pMap(
      work,
      async ({ partition, chunk }) => {
        await pacer?.take(partition, chunk.length * SCORE_WRITE_UNITS_PER_CUSTOMER);
        try {
          await this.table.transactWrite(
            chunk.map((entry) => ({ Update: { ...this.scoresUpdate(entry), TableName: '' } })),
          );
          return chunk.length;
        } catch (error) {
          if ((error as Error).name !== 'TransactionCanceledException') throw error;
          const one = await pMap(chunk, (entry) => this.setScores(entry), { concurrency: 4 });
          return one.filter(Boolean).length;
        }
      },
      { concurrency },
    );
    return written.reduce((sum, count) => sum + count, 0);
  }

  /**
   * The entries by the list shard their customer sits in, in transactions of one shard each.
   * During a grow a customer may sit in its shard under either count; the smaller (`shards`)
   * names the partition a not-yet-moved customer is in, so pacing by it never lets more than a
   * shard's budget reach one partition.
   */
  private async chunksByShard(entries: readonly { customerId: string; scores: CustomerScores }[]) {
    const { shards } = await cachedCustomerListLayout(this.table);
    const byShard = new Map<number, (typeof entries)[number][]>();
    for (const entry of entries) {
      const shard = customerShard(entry.customerId, shards);
      const inShard = byShard.get(shard);
      if (inShard) inShard.push(entry);
      else byShard.set(shard, [entry]);
    }
    return [...byShard].map(([shard, inShard]) => ({
      partition: customerListPartition(this.tenantId, false, shard),
      entries: chunkOf(inShard),
    }));
  }
}

function chunkOf<T>(entries: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < entries.length; start += SCORES_PER_TRANSACTION)
    chunks.push(entries.slice(start, start + SCORES_PER_TRANSACTION));
  return chunks;
}
