import { ReadThroughCache } from '@crm/domain';
import { conditionHeld } from './condition-failure.js';
import {
  type CustomerListShardCount,
  isCustomerListShardCount,
  LEGACY_CUSTOMER_LIST_SHARDS,
} from './customer-index-keys.js';
import type { TableClient } from './document-client.js';
import { fromItem, toItem } from './item-codec.js';
import { keys } from './keys.js';
import { TenantTable } from './tenant-table.js';

/**
 * How a tenant's customer list is sharded (docs/data-model.md, "Per-tenant shard count").
 *
 * `shards` is the count every customer's index keys were written with. A grow (`growth`) moves
 * the customers to `growth.to` shards: from the moment it begins, reads and writes use `to`.
 * That is safe at once because each count divides the next: every partition of the old layout
 * is also a partition of the new one, so a query of the new layout's partitions finds every
 * customer wherever it sits, moved or not (an index entry can sit in one partition only, so
 * writing both layouts would mean a second copy of every customer). The grow's walk then moves
 * each customer into its shard under the new count, and its end sets `shards` to it.
 */
export type CustomerListLayout = {
  shards: CustomerListShardCount;
  growth?: CustomerListGrowth;
};

export type CustomerListGrowth = {
  to: CustomerListShardCount;
  /** When it began: the walk waits until every process's cached layout has seen it. */
  since: string;
  /** Where the walk goes on (undefined before its first page). */
  position?: CustomerListWalkPosition;
  /** Customers moved so far. */
  moved: number;
};

/** A place in the walk over the old layout's partitions: which of them, and the key to go on after. */
export type CustomerListWalkPosition = { list: number; start: Record<string, unknown> | null };

/** What a tenant created from now on starts with: one shard, so a page of its list is one Query. */
export const NEW_TENANT_CUSTOMER_LIST_LAYOUT: CustomerListLayout = { shards: 1 };

/** A tenant with no layout item was created before layouts were recorded: its customers have 4. */
const LEGACY_LAYOUT: CustomerListLayout = { shards: LEGACY_CUSTOMER_LIST_SHARDS };

/** The count reads and writes use: the grow's target while one is under way. */
export function listShardsOf(layout: CustomerListLayout): CustomerListShardCount {
  return layout.growth?.to ?? layout.shards;
}

export function customerListLayoutItem(
  tenantId: string,
  layout: CustomerListLayout,
): Record<string, unknown> {
  return toItem('customerListLayout', keys.customerListLayout(tenantId), layout);
}

/**
 * How long a process keeps a tenant's layout before reading it again. A grow waits many times this
 * (CUSTOMER_LIST_GROWTH_GRACE_MS) before it moves a customer, so no reader still holds the old
 * count by then. Spares a read per list page and per customer created.
 */
export const CUSTOMER_LIST_LAYOUT_TTL_MS = 5_000;
const cache = new ReadThroughCache<CustomerListLayout>({ ttlMs: CUSTOMER_LIST_LAYOUT_TTL_MS });

function cacheKey(tableName: string, tenantId: string) {
  return `${tableName}|${tenantId}`;
}

/** The tenant's layout as stored: the legacy one when it has none. */
export async function readCustomerListLayout(table: TenantTable): Promise<CustomerListLayout> {
  const item = await table.get(keys.customerListLayout(table.tenantId), { consistent: true });
  if (!item) return LEGACY_LAYOUT;
  const layout = fromItem<CustomerListLayout>(item);
  // A count outside the steps cannot be read back into keys: better to fail loudly than list wrong.
  if (!isCustomerListShardCount(layout.shards)) throw new Error(`customer list layout: bad shard count`);
  return layout;
}

/** The tenant's layout, cached for CUSTOMER_LIST_LAYOUT_TTL_MS in this process. */
export function cachedCustomerListLayout(table: TenantTable, now = Date.now()): Promise<CustomerListLayout> {
  return cache.get(cacheKey(table.tableName, table.tenantId), now, () => readCustomerListLayout(table));
}

/** Drops this process's copy, so what changed the layout here reads it back at once. */
export function forgetCustomerListLayout(client: TableClient, tenantId: string): void {
  cache.delete(cacheKey(client.tableName, tenantId));
}

export class CustomerListLayoutRepository {
  private readonly table: TenantTable;
  private readonly client: TableClient;

  constructor(client: TableClient, tenantId: string) {
    this.client = client;
    this.table = new TenantTable(client, tenantId);
  }

  async get(): Promise<CustomerListLayout> {
    return readCustomerListLayout(this.table);
  }

  /**
   * Begins a grow from `from` to `to` shards, only while the layout is still `from` and not
   * growing (two runs racing start it once). False when it was not begun.
   */
  async beginGrowth(input: { from: CustomerListShardCount; to: CustomerListShardCount; now: string }) {
    const growth: CustomerListGrowth = { to: input.to, since: input.now, moved: 0 };
    try {
      return await conditionHeld(
        this.table.put(customerListLayoutItem(this.table.tenantId, { shards: input.from, growth }), {
          ConditionExpression:
            '(attribute_not_exists(pk) AND :from = :legacy) OR (shards = :from AND attribute_not_exists(growth))',
          ExpressionAttributeValues: { ':from': input.from, ':legacy': LEGACY_CUSTOMER_LIST_SHARDS },
        }),
      );
    } finally {
      forgetCustomerListLayout(this.client, this.table.tenantId);
    }
  }

  /** Records how far the walk came, while the grow it belongs to is still the one under way. */
  async saveGrowthProgress(input: {
    to: CustomerListShardCount;
    position: CustomerListWalkPosition;
    moved: number;
  }) {
    await this.table.update({
      Key: keys.customerListLayout(this.table.tenantId),
      UpdateExpression: 'SET growth.#position = :position, growth.moved = :moved',
      ConditionExpression: 'growth.#to = :to',
      ExpressionAttributeNames: { '#position': 'position', '#to': 'to' },
      ExpressionAttributeValues: { ':position': input.position, ':moved': input.moved, ':to': input.to },
    });
  }

  /** Ends the grow: every customer has been moved, `to` is the layout now. */
  async finishGrowth(input: { to: CustomerListShardCount }) {
    try {
      await this.table.update({
        Key: keys.customerListLayout(this.table.tenantId),
        UpdateExpression: 'SET shards = :to REMOVE growth',
        ConditionExpression: 'growth.#to = :to',
        ExpressionAttributeNames: { '#to': 'to' },
        ExpressionAttributeValues: { ':to': input.to },
      });
    } finally {
      forgetCustomerListLayout(this.client, this.table.tenantId);
    }
  }
}
