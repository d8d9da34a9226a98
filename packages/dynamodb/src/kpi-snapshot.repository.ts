import { conditionHeld } from './condition-failure.js';
import type { TableClient } from './document-client.js';
import { epochSeconds, toItem } from './item-codec.js';
import { keys } from './keys.js';
import { TenantTable } from './tenant-table.js';

/** The head of a tenant's customer figures snapshot: which generation is current, and when it was taken. */
export type KpiSnapshotHead = {
  generation: string;
  takenAt: string;
  chunks: number;
  customers: number;
  /** The book was larger than one pass reads (KPI_CUSTOMER_CAP). */
  capped: boolean;
  /** How the chunks are packed (CUSTOMER_SNAPSHOT_FORMAT); absent on the first format's heads. */
  format?: number;
};

/** A generation's chunks outlive the ~26 h a reader trusts its head, then DynamoDB drops them. */
const CHUNK_LIFETIME_S = 3 * 86_400;

/**
 * A tenant's customer figures snapshot (docs/kpis.md "Cost"): the packed chunks of each generation
 * under `CHUNK#<generation>#<index>` and one head item naming the current generation. A writer puts
 * every chunk of a new generation first, then flips the head with a conditional write (only to a
 * newer snapshot), so a reader that takes the head's generation finds all its chunks; the old
 * generation's chunks expire by TTL instead of being deleted under a reader.
 */
export class KpiSnapshotRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  async head(): Promise<KpiSnapshotHead | undefined> {
    const item = await this.table.get(keys.kpiSnapshotHead(this.tenantId));
    if (!item) return undefined;
    return {
      generation: String(item.generation),
      takenAt: String(item.takenAt),
      chunks: Number(item.chunks),
      customers: Number(item.customers),
      capped: item.capped === true,
      ...(typeof item.format === 'number' ? { format: item.format } : {}),
    };
  }

  /** The chunks of one generation in order, or undefined when any is missing (expired, half-written). */
  async chunks(head: KpiSnapshotHead): Promise<string[] | undefined> {
    const found = await this.table.queryAll<{ sk: string; data: string }>({
      partitionValue: keys.kpiSnapshotPartition(this.tenantId),
      KeyConditionExpression: 'begins_with(sk, :generation)',
      ExpressionAttributeValues: { ':generation': `CHUNK#${head.generation}#` },
      ProjectionExpression: 'sk, #data',
      ExpressionAttributeNames: { '#data': 'data' },
      ConsistentRead: true,
    });
    if (found.length !== head.chunks) return undefined;
    return found.map((chunk) => chunk.data);
  }

  /**
   * Writes a new generation's chunks, then makes it current. False when a snapshot taken at the
   * same time or later is already current: that one stays (this generation's chunks expire).
   */
  async save(head: KpiSnapshotHead, chunks: readonly string[], now: Date): Promise<boolean> {
    const expiresAt = epochSeconds(now) + CHUNK_LIFETIME_S;
    for (const [index, data] of chunks.entries()) {
      await this.table.put(
        toItem(
          'kpiSnapshotChunk',
          keys.kpiSnapshotChunk(this.tenantId, head.generation, index),
          { data },
          {
            expiresAt,
          },
        ),
      );
    }
    return conditionHeld(
      this.table.put(toItem('kpiSnapshotHead', keys.kpiSnapshotHead(this.tenantId), { ...head }), {
        ConditionExpression: 'attribute_not_exists(pk) OR takenAt < :takenAt',
        ExpressionAttributeValues: { ':takenAt': head.takenAt },
      }),
    );
  }
}
