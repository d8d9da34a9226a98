import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type Customer, type CustomerHistoryEntry, DomainError } from '@crm/domain';
import pRetry from 'p-retry';
import { conditionHeld } from './condition-failure.js';
import { valueSortKeyUpdate } from './customer-figures-update.js';
import {
  CUSTOMER_LIST_SHARD_COUNTS,
  type CustomerSort,
  customerListPartition,
  customerLookupIndex,
  customerLookupPartition,
  customerSortIndex,
  LEGACY_CUSTOMER_LIST_SHARDS,
  nameSortKey,
  phoneSearchKey,
} from './customer-index-keys.js';
import {
  customerFields,
  customerFromItem,
  customerItem,
  type StoredCustomer,
  storedCustomerFromItem,
} from './customer-item.js';
import { type CustomerListLayout, cachedCustomerListLayout, listShardsOf } from './customer-list-layout.js';
import { customerProfileUpdate } from './customer-profile-update.js';
import type { TableClient } from './document-client.js';
import { fromItem, toItem } from './item-codec.js';
import { keys, sortKeyPrefixes, tenantDirectory, tenantKeyPrefix } from './keys.js';
import { cursorStart, decodeCursor, encodeCursor, shardedQuery } from './sharded-query.js';
import { TenantTable } from './tenant-table.js';
import type { TransactItems } from './transact-items.js';

type Item = Record<string, unknown>;

export type CustomerListFilters = {
  status?: string;
  tag?: string;
  ownerId?: string;
  lifecycleStage?: string;
  segment?: string;
  /**
   * The member tier (会员等级). A customer without one holds the programme's lowest tier, so
   * `isLowest` (the tier named is the lowest) matches those too.
   */
  memberTier?: { key: string; isLowest: boolean };
  customField?: { key: string; value: string | number | boolean };
};

export type CustomerListQuery = {
  tenantId: string;
  sort: CustomerSort;
  order: 'asc' | 'desc';
  limit: number;
  cursor?: string;
  archived: boolean;
  filters: CustomerListFilters;
  /** Prefix search on name (e-mail when it has an @, phone when it is digits). */
  q?: string;
};

export type UniqueFieldValue = { key: string; value: string };

/**
 * What the customer figures snapshot reads of a live customer: for the KPIs when it was created,
 * its order figures and model inputs; for segment counts every field a segment condition reads.
 */
export type CustomerKpiRow = Pick<
  Customer,
  'id' | 'createdAt' | 'stats' | 'status' | 'lifecycleStage' | 'tags' | 'ownerId' | 'customFields'
> & {
  scores?: Pick<NonNullable<Customer['scores']>, 'pAlive' | 'inputs' | 'abcClass' | 'segment' | 'clv'>;
};

export function historyItem(tenantId: string, entry: CustomerHistoryEntry): Item {
  return toItem('customerHistory', keys.history(tenantId, entry.customerId, entry.at, entry.id), entry);
}

/** The key of the item that holds a unique custom-field value (compared in any case). */
export function uniqueValueKey(tenantId: string, value: UniqueFieldValue) {
  return keys.customFieldValue(tenantId, value.key, value.value.toLowerCase());
}

/** The item that holds a unique custom-field value for `customerId`. */
export function uniqueValueClaimItem(tenantId: string, customerId: string, value: UniqueFieldValue): Item {
  return toItem(
    'customFieldValue',
    {
      ...uniqueValueKey(tenantId, value),
      ...tenantDirectory.index(tenantId, 'FIELDVALUES', uniqueValueKey(tenantId, value).pk),
    },
    { customerId },
  );
}

/** Claims each unique custom-field value for the customer; fails if another customer holds one. */
function claimUniqueValues(tenantId: string, customerId: string, values: UniqueFieldValue[]): TransactItems {
  return values.map((value) => ({
    Put: {
      TableName: '',
      Item: uniqueValueClaimItem(tenantId, customerId, value),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  }));
}

/**
 * The writes that create `customer`: the item (only if absent, under the tenant's shard count
 * `listShards`: `CustomerRepository.listShards`) and its unique custom-field claims. Other writes
 * (a lead's conversion) add these to their own transaction.
 */
export function newCustomerActions(
  tenantId: string,
  customer: Customer,
  uniqueValues: UniqueFieldValue[],
  listShards: number,
): TransactItems {
  return [
    {
      Put: {
        TableName: '',
        Item: customerItem(tenantId, customer, { listShards }),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...claimUniqueValues(tenantId, customer.id, uniqueValues),
  ];
}

/** The parent organisation must exist and be live. */
function parentIsLive(tenantId: string, parentId: string): TransactItems[number] {
  return {
    ConditionCheck: {
      TableName: '',
      Key: keys.customer(tenantId, parentId),
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(archivedAt)',
    },
  };
}

/** Which transaction action failed, by the index in CancellationReasons. */
function failedActionIndex(error: unknown): number | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const index = error.CancellationReasons?.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
  return index === undefined || index < 0 ? undefined : index;
}

/** A customer's worth, as the dashboard's value-at-risk figure adds it up. */
export type CustomerValue = { customerId: string; clv?: number; orderValue: number };

export class CustomerRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  /** A listed customer's table key, from its id: list pages need not read it. */
  private readonly customerKeyOf = (item: Item) => keys.customer(this.tenantId, String(item.id));

  /** The tenant's customer-list layout, as this process last read it (a few seconds old at most). */
  layout(): Promise<CustomerListLayout> {
    return cachedCustomerListLayout(this.table);
  }

  /** The shard count a customer is written and the list read with now. */
  async listShards(): Promise<number> {
    return listShardsOf(await this.layout());
  }

  /**
   * The customer and its unique custom-field guards, all or nothing; a parent must exist. A plain
   * customer is one conditional put. (Its history entry comes from the stream: customer-history.)
   */
  async create(input: { customer: Customer; uniqueValues: UniqueFieldValue[] }): Promise<void> {
    const { customer } = input;
    const t = this.tenantId;
    const listShards = await this.listShards();
    const item = customerItem(t, customer, { listShards });
    if (input.uniqueValues.length === 0 && !customer.parentId) {
      await this.table.put(item, { ConditionExpression: 'attribute_not_exists(pk)' });
      return;
    }
    const actions = newCustomerActions(t, customer, input.uniqueValues, listShards);
    const uniqueStart = 1;
    const parentIndex = actions.length;
    if (customer.parentId) actions.push(parentIsLive(t, customer.parentId));
    try {
      await this.table.transactWrite(actions);
    } catch (error) {
      throw this.explainFailure(error, { uniqueStart, uniqueValues: input.uniqueValues, parentIndex });
    }
  }

  /** Idempotent: the entry's id is derived from the change that caused it. */
  async putHistory(entry: CustomerHistoryEntry): Promise<void> {
    await this.table.put(historyItem(this.tenantId, entry));
  }

  private explainFailure(
    error: unknown,
    layout: {
      uniqueStart: number;
      uniqueValues: UniqueFieldValue[];
      parentIndex: number;
      versionIndex?: number;
    },
  ): unknown {
    const index = failedActionIndex(error);
    if (index === undefined) return error;
    if (index === layout.versionIndex)
      return new DomainError('version_conflict', 'Customer was changed by someone else');
    if (index === layout.parentIndex) {
      return new DomainError('validation_failed', 'Parent organisation does not exist', {
        fields: [{ path: 'parentId', message: 'no such customer' }],
      });
    }
    const unique = layout.uniqueValues[index - layout.uniqueStart];
    if (unique) {
      return new DomainError(
        'validation_failed',
        `Another customer already has ${unique.key} = ${unique.value}`,
        {
          fields: [{ path: `customFields.${unique.key}`, message: 'must be unique' }],
        },
      );
    }
    return new DomainError('already_exists', 'Customer already exists');
  }

  async get({ customerId }: { customerId: string }): Promise<Customer | undefined> {
    return (await this.getWithStatsRevision({ customerId }))?.customer;
  }

  /** The customer with its figures' revision: what a write of its figures or profile is guarded by. */
  async getWithStatsRevision({ customerId }: { customerId: string }): Promise<StoredCustomer | undefined> {
    const item = await this.table.get(keys.customer(this.tenantId, customerId));
    return item ? storedCustomerFromItem(item) : undefined;
  }

  async batchGet({ customerIds }: { customerIds: string[] }): Promise<Customer[]> {
    return (await this.batchGetWithStatsRevision({ customerIds })).map((stored) => stored.customer);
  }

  /**
   * What each of the customers that exist is worth, read without the rest of their items: the
   * 12-month CLV of the last fit (absent before one) and the order value so far.
   */
  async valuesOf({ customerIds }: { customerIds: string[] }): Promise<CustomerValue[]> {
    const items = await this.table.batchGet(
      customerIds.map((id) => keys.customer(this.tenantId, id)),
      { attributes: ['id', 'scores', 'stats'] },
    );
    return items.map((item) => {
      const clv = (item.scores as { clv?: unknown } | undefined)?.clv;
      const orderValue = (item.stats as { orderValue?: unknown } | undefined)?.orderValue;
      return {
        customerId: String(item.id),
        ...(typeof clv === 'number' ? { clv } : {}),
        orderValue: typeof orderValue === 'number' ? orderValue : 0,
      };
    });
  }

  /** Those of the customers that exist, in the order asked, each with its figures' revision. */
  async batchGetWithStatsRevision({ customerIds }: { customerIds: string[] }): Promise<StoredCustomer[]> {
    const items = await this.table.batchGet(customerIds.map((id) => keys.customer(this.tenantId, id)));
    const byId = new Map(items.map((item) => [String(item.id), storedCustomerFromItem(item)]));
    return customerIds
      .map((id) => byId.get(id))
      .filter((stored): stored is StoredCustomer => Boolean(stored));
  }

  /**
   * Changes the customer's profile to `next` if its version is still `expectedVersion` (its index
   * keys move with it), moving unique guards and checking a new parent: all or nothing. Only the
   * profile is written (customer-profile-update.ts): figures and scores that moved since `current`
   * was read are left as they are now, so orders and refits never make an edit fail.
   */
  async replace(input: {
    current: Customer;
    next: Customer;
    expectedVersion: number;
    uniqueValuesAdded: UniqueFieldValue[];
    uniqueValuesRemoved: UniqueFieldValue[];
  }): Promise<void> {
    const { current, next } = input;
    const t = this.tenantId;
    const update = customerProfileUpdate(t, {
      current,
      next,
      expectedVersion: input.expectedVersion,
      listShards: await this.listShards(),
    });
    const newParent = next.parentId && next.parentId !== current.parentId ? next.parentId : undefined;
    const conflict = async (message: string) => {
      const latest = await this.get({ customerId: current.id });
      if (!latest) return new DomainError('not_found', 'Customer not found');
      return new DomainError('version_conflict', message, { details: { current: latest } });
    };
    if (input.uniqueValuesAdded.length === 0 && input.uniqueValuesRemoved.length === 0 && !newParent) {
      try {
        await this.table.update(update);
        return;
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') {
          throw await conflict('Customer was changed by someone else');
        }
        throw error;
      }
    }
    const actions: TransactItems = [{ Update: { TableName: '', ...update } }];
    for (const value of input.uniqueValuesRemoved) {
      actions.push({ Delete: { TableName: '', Key: uniqueValueKey(t, value) } });
    }
    const uniqueStart = actions.length;
    actions.push(...claimUniqueValues(t, current.id, input.uniqueValuesAdded));
    const parentIndex = actions.length;
    if (newParent) actions.push(parentIsLive(t, newParent));
    try {
      // Cancelled only because an order's transaction held the customer item at that instant:
      // nothing was written, so it is sent again; a versioned edit is refused for its version,
      // never for contention.
      await pRetry(() => this.table.transactWrite(actions), {
        retries: 20,
        minTimeout: 5,
        factor: 1.5,
        maxTimeout: 200,
        randomize: true,
        shouldRetry: ({ error }) => cancelledForContentionOnly(error),
      });
    } catch (error) {
      const explained = this.explainFailure(error, {
        uniqueStart,
        uniqueValues: input.uniqueValuesAdded,
        parentIndex,
        versionIndex: 0,
      });
      if (explained instanceof DomainError && explained.code === 'version_conflict')
        throw await conflict(explained.message);
      throw explained;
    }
  }

  /**
   * Brings the value sort key (gsi4sk) up to `orderValue`, the total a stream image showed, unless
   * it already matches; only while the total is still that value, so of many racing images the
   * last one's write is the one that applies. Idempotent; false when nothing was written.
   */
  async settleValueSortKey(input: {
    customerId: string;
    orderValue: number;
    sortKey?: string;
  }): Promise<boolean> {
    const update = valueSortKeyUpdate(this.tenantId, input.customerId, input.orderValue);
    if (update.ExpressionAttributeValues[':sortKey'] === input.sortKey) return false;
    return conditionHeld(this.table.update(update));
  }

  async listHistory({
    customerId,
    limit,
  }: {
    customerId: string;
    limit: number;
  }): Promise<CustomerHistoryEntry[]> {
    const page = await this.table.query({
      partitionValue: keys.customerPartition(this.tenantId, customerId),
      KeyConditionExpression: 'begins_with(sk, :h)',
      ExpressionAttributeValues: { ':h': sortKeyPrefixes.history },
      ScanIndexForward: false,
      Limit: limit,
    });
    return page.items.map((item) => fromItem<CustomerHistoryEntry>(item));
  }

  /** Every live customer, oldest first, a page (up to 200) at a time: exports and refits read all. */
  async *liveCustomerPages(): AsyncGenerator<Customer[]> {
    for await (const page of this.liveCustomerPagesFrom()) yield page.customers;
  }

  /**
   * The same walk, resumable: each page comes with the cursor of the rest (undefined after the
   * last), so a pass cut short (a Lambda's time) continues from there in another invocation.
   */
  async *liveCustomerPagesFrom(
    options: { cursor?: string; pageSize?: number } = {},
  ): AsyncGenerator<{ customers: Customer[]; next: string | undefined }> {
    let cursor = options.cursor;
    do {
      const page = await this.list({
        tenantId: this.tenantId,
        sort: 'createdAt',
        order: 'asc',
        limit: options.pageSize ?? 200,
        archived: false,
        filters: {},
        ...(cursor ? { cursor } : {}),
      });
      cursor = page.nextCursor ?? undefined;
      yield { customers: page.items, next: cursor };
    } while (cursor);
  }

  /**
   * How many live customers the tenant has, counted up to `atLeast` (the count stops there: a
   * caller asking "at least this many?" never reads a huge tenant whole). Index keys only.
   */
  async countLive({ atLeast }: { atLeast: number }): Promise<number> {
    const shards = await this.listShards();
    let count = 0;
    for (let shard = 0; shard < shards && count < atLeast; shard++) {
      const pages = this.table.queryPages({
        partitionValue: customerListPartition(this.tenantId, false, shard),
        IndexName: customerSortIndex.createdAt,
        Select: 'COUNT',
      });
      for await (const page of pages) {
        count += page.scannedCount;
        if (count >= atLeast) break;
      }
    }
    return Math.min(count, atLeast);
  }

  /**
   * Every live customer, only the fields the KPIs read: the tenant's list partitions (gsi2) queried
   * in parallel page by page, never a table scan; stops after `limit` customers (`capped`).
   */
  async kpiRows({ limit }: { limit: number }): Promise<{ rows: CustomerKpiRow[]; capped: boolean }> {
    const shards = await this.listShards();
    const perShard = await Promise.all(
      Array.from({ length: shards }, async (_, shard) => {
        const rows: CustomerKpiRow[] = [];
        let start: Item | undefined;
        do {
          const page = await this.table.query<CustomerKpiRow>({
            partitionValue: customerListPartition(this.tenantId, false, shard),
            IndexName: customerSortIndex.createdAt,
            // Names for every attribute: `status` and `segment` are DynamoDB reserved words.
            ProjectionExpression:
              '#id, #createdAt, #stats, #status, #stage, #tags, #owner, #fields, #scores.#pAlive, #scores.#inputs, #scores.#abc, #scores.#segment, #scores.#clv',
            ExpressionAttributeNames: {
              '#id': 'id',
              '#createdAt': 'createdAt',
              '#stats': 'stats',
              '#status': 'status',
              '#stage': 'lifecycleStage',
              '#tags': 'tags',
              '#owner': 'ownerId',
              '#fields': 'customFields',
              '#scores': 'scores',
              '#pAlive': 'pAlive',
              '#inputs': 'inputs',
              '#abc': 'abcClass',
              '#segment': 'segment',
              '#clv': 'clv',
            },
            ExclusiveStartKey: start,
          });
          rows.push(...page.items);
          start = page.lastEvaluatedKey;
        } while (start && rows.length < limit);
        return { rows, capped: start !== undefined };
      }),
    );
    const rows = perShard.flatMap((shard) => shard.rows);
    return {
      rows: rows.slice(0, limit),
      capped: rows.length > limit || perShard.some((shard) => shard.capped),
    };
  }

  async list(query: CustomerListQuery): Promise<{ items: Customer[]; nextCursor: string | null }> {
    const { filters } = query;
    const names: Record<string, string> = {};
    const values: Item = {};
    const conditions: string[] = [];
    const equals = (attribute: string, value: unknown, placeholder: string) => {
      names[`#${placeholder}`] = attribute;
      values[`:${placeholder}`] = value;
      conditions.push(`#${placeholder} = :${placeholder}`);
    };
    if (filters.status) equals('status', filters.status, 'status');
    if (filters.ownerId) equals('ownerId', filters.ownerId, 'owner');
    if (filters.lifecycleStage) equals('lifecycleStage', filters.lifecycleStage, 'stage');
    if (filters.tag) {
      names['#tags'] = 'tags';
      values[':tag'] = filters.tag;
      conditions.push('contains(#tags, :tag)');
    }
    if (filters.segment) {
      names['#scores'] = 'scores';
      names['#segment'] = 'segment';
      values[':segment'] = filters.segment;
      conditions.push('#scores.#segment = :segment');
    }
    if (filters.memberTier) {
      names['#tier'] = 'memberTier';
      values[':tier'] = filters.memberTier.key;
      conditions.push(
        filters.memberTier.isLowest ? '(attribute_not_exists(#tier) OR #tier = :tier)' : '#tier = :tier',
      );
    }
    if (filters.customField) {
      names['#cf'] = 'customFields';
      names['#cfkey'] = filters.customField.key;
      values[':cfvalue'] = filters.customField.value;
      conditions.push('#cf.#cfkey = :cfvalue');
    }
    const search = query.q?.trim();
    const searchField = !search
      ? undefined
      : search.includes('@')
        ? 'EMAIL'
        : /^\+?[\d\s()-]+$/.test(search)
          ? 'PHONE'
          : 'NAME';
    if (searchField === 'EMAIL' || searchField === 'PHONE') {
      return this.searchByLookup({
        ...query,
        field: searchField,
        prefix: search as string,
        conditions,
        names,
        values,
      });
    }
    const sort: CustomerSort = searchField === 'NAME' ? 'name' : query.sort;
    const fingerprint = JSON.stringify([sort, query.order, query.archived, filters, search ?? null]);
    const { shards, positions, moving } = await this.pageStart(query.cursor, fingerprint);
    const result = await shardedQuery({
      table: this.table,
      indexName: customerSortIndex[sort],
      partitions: Array.from({ length: shards }, (_, shard) =>
        customerListPartition(this.tenantId, query.archived, shard),
      ),
      descending: query.order === 'desc',
      limit: query.limit,
      positions,
      projection: customerFields,
      primaryKeyOf: this.customerKeyOf,
      ...(searchField === 'NAME'
        ? {
            sortKeyCondition: {
              expression: 'begins_with(#isk, :prefix)',
              values: { ':prefix': nameSortKey(search as string) },
            },
          }
        : {}),
      ...(conditions.length ? { filter: { expression: conditions.join(' AND '), names, values } } : {}),
    });
    return {
      items: result.items.map(customerFromItem),
      nextCursor: result.exhausted
        ? null
        : encodeCursor(result.positions, fingerprint, result.boundary, { moving }),
    };
  }

  /**
   * How many shards a page reads (the layout's count: one Query for a tenant of one shard) and
   * where each starts, from the client's cursor if any (`cursorStart`: a cursor made under
   * another count, or during a grow, goes on from its boundary).
   */
  private async pageStart(cursor: string | undefined, fingerprint: string) {
    const layout = await this.layout();
    const shards = listShardsOf(layout);
    const decoded = cursor
      ? decodeCursor(cursor, {
          queryFingerprint: fingerprint,
          partitionPrefix: tenantKeyPrefix(this.tenantId),
          shardCounts: CUSTOMER_LIST_SHARD_COUNTS,
          legacyShards: LEGACY_CUSTOMER_LIST_SHARDS,
        })
      : undefined;
    const moving = Boolean(layout.growth);
    return { shards, moving, positions: cursorStart(decoded, { shards, moving }) };
  }

  private async searchByLookup(
    query: CustomerListQuery & {
      field: 'EMAIL' | 'PHONE';
      prefix: string;
      conditions: string[];
      names: Record<string, string>;
      values: Item;
    },
  ): Promise<{ items: Customer[]; nextCursor: string | null }> {
    const prefix = query.field === 'EMAIL' ? query.prefix.toLowerCase() : phoneSearchKey(query.prefix);
    const fingerprint = JSON.stringify(['lookup', query.field, prefix, query.archived, query.filters]);
    const { shards, positions, moving } = await this.pageStart(query.cursor, fingerprint);
    const result = await shardedQuery({
      table: this.table,
      indexName: customerLookupIndex[query.field],
      partitions: Array.from({ length: shards }, (_, shard) =>
        customerLookupPartition(this.tenantId, query.field, shard),
      ),
      descending: false,
      limit: query.limit,
      positions,
      projection: customerFields,
      primaryKeyOf: this.customerKeyOf,
      sortKeyCondition: { expression: 'begins_with(#isk, :prefix)', values: { ':prefix': prefix } },
    });
    // The index holds whole customers: state and filters apply to them directly.
    const matching = result.items
      .map(customerFromItem)
      .filter(
        (customer) =>
          Boolean(customer.archivedAt) === query.archived && matchesFilters(customer, query.filters),
      );
    return {
      items: matching,
      nextCursor: result.exhausted
        ? null
        : encodeCursor(result.positions, fingerprint, result.boundary, { moving }),
    };
  }
}

function matchesFilters(customer: Customer, filters: CustomerListFilters): boolean {
  if (filters.status && customer.status !== filters.status) return false;
  if (filters.ownerId && customer.ownerId !== filters.ownerId) return false;
  if (filters.lifecycleStage && customer.lifecycleStage !== filters.lifecycleStage) return false;
  if (filters.tag && !customer.tags.includes(filters.tag)) return false;
  if (filters.segment && customer.scores?.segment !== filters.segment) return false;
  if (filters.memberTier) {
    const tier = customer.memberTier ?? (filters.memberTier.isLowest ? filters.memberTier.key : undefined);
    if (tier !== filters.memberTier.key) return false;
  }
  if (filters.customField && customer.customFields[filters.customField.key] !== filters.customField.value)
    return false;
  return true;
}

/** A transaction DynamoDB cancelled for a clash with another transaction, with no condition failing. */
function cancelledForContentionOnly(error: unknown): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code);
  return codes.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed');
}
