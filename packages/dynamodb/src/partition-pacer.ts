import { setTimeout as sleep } from 'node:timers/promises';
import { type BucketLimit, reserveTokens } from './token-bucket.js';

/**
 * Holds a process's own writes to each partition to a write-unit budget, so a bulk pass (the
 * refit's score writes) stays under DynamoDB's per-partition limit instead of leaning on
 * throttling and retries: one token bucket per partition key (token-bucket.ts), in memory.
 * Concurrent callers reserve in turn, so their writes to one partition line up behind each
 * other while other partitions go on at once.
 *
 * @example
 * const pacer = new PartitionPacer({ capacity: 200, refillPerSecond: 800 });
 * await pacer.take('T#t#CUSTOMERS#LIVE#0', 150); // then write
 */
export class PartitionPacer {
  private readonly fullAt = new Map<string, number>();
  private readonly now: () => number;
  private readonly wait: (ms: number) => Promise<unknown>;

  constructor(
    readonly limit: BucketLimit,
    deps: { now?: () => number; sleep?: (ms: number) => Promise<unknown> } = {},
  ) {
    this.now = deps.now ?? (() => performance.now());
    this.wait = deps.sleep ?? sleep;
  }

  /** Waits until `units` more may go to `partition`, and counts them as spent. */
  async take(partition: string, units: number): Promise<void> {
    const reserved = reserveTokens(this.limit, this.fullAt.get(partition), this.now(), units);
    this.fullAt.set(partition, reserved.fullAt);
    if (reserved.waitMs > 0) await this.wait(reserved.waitMs);
  }
}
