import pMap from 'p-map';
import { conditionHeld } from './condition-failure.js';
import {
  type CustomerListShardCount,
  customerListPartition,
  customerLookupPartition,
  customerShard,
} from './customer-index-keys.js';
import type { CustomerListWalkPosition } from './customer-list-layout.js';
import type { TableClient } from './document-client.js';
import { keys } from './keys.js';
import { TenantTable } from './tenant-table.js';

type Item = Record<string, unknown>;

/** What a page of the walk did: customers moved, and where the next page starts (null: the walk is done). */
export type ReindexPage = { moved: number; skipped: number; next: CustomerListWalkPosition | null };

/**
 * Moves at a time. Each move deletes an entry from the old partition of every list index and puts
 * one in the new: a few at a time keeps the old partition's deletes well under its 1,000 WCU/s.
 */
const MOVE_CONCURRENCY = 4;

/**
 * The walk of a grow (customer-list-layout.ts): reads the old layout's partitions (live, then
 * archived; gsi2, oldest first) page by page and moves every customer whose shard under the new
 * count is another into it: its list keys (gsi1–4, and gsi7–8 once scored) and its e-mail and
 * phone lookup keys (gsi5–6). Resumable from any position; running a page twice moves nothing
 * twice (a moved customer is no longer in the old partition).
 */
export class CustomerListReindexRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  /** The partitions the walk reads, in order: those of the old count, live then archived. */
  oldPartitions(from: CustomerListShardCount): { partition: string; archived: boolean }[] {
    return [false, true].flatMap((archived) =>
      Array.from({ length: from }, (_, shard) => ({
        partition: customerListPartition(this.tenantId, archived, shard),
        archived,
      })),
    );
  }

  async movePage(input: {
    from: CustomerListShardCount;
    to: CustomerListShardCount;
    position: CustomerListWalkPosition | undefined;
    pageSize?: number;
  }): Promise<ReindexPage> {
    const lists = this.oldPartitions(input.from);
    const position = input.position ?? { list: 0, start: null };
    const list = lists[position.list];
    if (!list) return { moved: 0, skipped: 0, next: null };
    const page = await this.table.query({
      IndexName: 'gsi2',
      partitionValue: list.partition,
      Limit: input.pageSize ?? 100,
      ...(position.start ? { ExclusiveStartKey: position.start } : {}),
      ProjectionExpression: 'pk, sk, gsi2pk, gsi2sk, id, #version, archivedAt, email, phone, #scores.pAlive',
      ExpressionAttributeNames: { '#version': 'version', '#scores': 'scores' },
    });
    const outcomes = await pMap(page.items, (item) => this.move(item, list, input.to), {
      concurrency: MOVE_CONCURRENCY,
    });
    const next: CustomerListWalkPosition | null = page.lastEvaluatedKey
      ? { list: position.list, start: page.lastEvaluatedKey }
      : position.list + 1 < lists.length
        ? { list: position.list + 1, start: null }
        : null;
    return {
      moved: outcomes.filter((outcome) => outcome === 'moved').length,
      skipped: outcomes.filter((outcome) => outcome === 'skipped').length,
      next,
    };
  }

  /**
   * Moves one customer into its shard under `to`, only while it is still where the walk read it
   * and at the version read (an edit meanwhile wrote its keys itself, under the new count). Its
   * version and `updatedAt` stay: nobody changed the customer, so no history, no event, and no
   * editor holding the version gets a conflict.
   */
  private async move(
    item: Item,
    list: { partition: string; archived: boolean },
    to: CustomerListShardCount,
  ): Promise<'moved' | 'stays' | 'skipped'> {
    const customerId = String(item.id);
    const shard = customerShard(customerId, to);
    const partition = customerListPartition(this.tenantId, list.archived, shard);
    if (partition === list.partition) return 'stays';
    const sets = ['gsi1pk = :list', 'gsi2pk = :list', 'gsi3pk = :list', 'gsi4pk = :list'];
    const values: Item = { ':list': partition, ':old': list.partition, ':version': item.version };
    if (item.scores) sets.push('gsi7pk = :list', 'gsi8pk = :list');
    if (item.email) {
      sets.push('gsi5pk = :email');
      values[':email'] = customerLookupPartition(this.tenantId, 'EMAIL', shard);
    }
    if (item.phone) {
      sets.push('gsi6pk = :phone');
      values[':phone'] = customerLookupPartition(this.tenantId, 'PHONE', shard);
    }
    const moved = await conditionHeld(
      this.table.update({
        Key: keys.customer(this.tenantId, customerId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: 'gsi2pk = :old AND #version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: values,
      }),
    );
    return moved ? 'moved' : 'skipped';
  }
}
