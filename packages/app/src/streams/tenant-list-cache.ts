import type { ReactionBatch } from '@crm/domain';

/** A tenant's list is reused for at most this long (edits reach backlog events this late). */
const LIST_REUSE_MS = 30_000;
/**
 * A list read this long after an event occurred surely holds every item created before it. A
 * change's `occurredAt` is the stream record's time, rounded down: to the second in AWS, to the
 * MINUTE by DynamoDB Local (an endpoint created at 12:00:40 and a customer at 12:00:45 both read
 * 12:00:00 there). So a minute of rounding, plus index lag and clock skew.
 */
const LIST_SAFETY_MS = 62_000;
const MAX_CACHED_TENANTS = 1_000;

/**
 * What a reaction needs of a tenant's list (its webhook endpoints, its active workflows) for an
 * event: every item that existed when the event happened, read as seldom as that allows.
 *
 * Working through a backlog (an import, a burst of orders), one read serves every event that
 * occurred well before it was read. Events of the last minute (every record of a seed or an import
 * as it happens) get no help from that: for them one read per stream batch (`ReactionBatch`) serves
 * all. It is made after the batch was fetched, so after every record of the batch was written, and
 * sees every item created before any of their events, as a read per record did (both read the same
 * index, with the same lag). A reaction whose list a record of the batch changes calls `forget`
 * on that record, so no record after it is served a list from before it.
 */
export class TenantListCache<T> {
  private readonly lists = new Map<string, { readAt: number; items: T[] }>();

  constructor(
    /** Names the list in a batch (`<reaction>:<list>`). */
    private readonly name: string,
    private readonly read: (tenantId: string) => Promise<T[]>,
  ) {}

  async for(tenantId: string, occurredAt: string, batch: ReactionBatch | undefined): Promise<T[]> {
    const cached = this.lists.get(tenantId);
    if (
      cached &&
      cached.readAt - Date.parse(occurredAt) > LIST_SAFETY_MS &&
      Date.now() - cached.readAt < LIST_REUSE_MS
    ) {
      return cached.items;
    }
    const read = async () => {
      const readAt = Date.now();
      const items = await this.read(tenantId);
      if (this.lists.size >= MAX_CACHED_TENANTS) this.lists.clear();
      this.lists.set(tenantId, { readAt, items });
      return items;
    };
    return batch ? batch.once(this.batchKey(tenantId), read) : read();
  }

  /** The tenant's list changed in this batch: its next records read it afresh. */
  forget(tenantId: string, batch: ReactionBatch | undefined): void {
    batch?.forget(this.batchKey(tenantId));
  }

  private batchKey(tenantId: string): string {
    return `${this.name}:${tenantId}`;
  }
}
