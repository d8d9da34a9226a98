import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  type PutCommandInput,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { DomainError } from '@crm/domain';
import pMap from 'p-map';
import pRetry from 'p-retry';
import type { TableClient } from './document-client.js';
import { tenantKeyPrefix } from './keys.js';
import { tableDefinition } from './table-definition.js';
import { scopeTransactItems, type TransactItems } from './transact-items.js';
import { untilProcessed } from './until-processed.js';

type Item = Record<string, unknown>;
type Key = { pk: string; sk: string };

/** A Query of one partition (table or GSI), named by its partition key value. */
export type PartitionQuery = Omit<QueryCommandInput, 'TableName'> & { partitionValue: string };
/** A Query read from the start of its partition to the end. */
export type WholePartitionQuery = Omit<PartitionQuery, 'ExclusiveStartKey'>;

/**
 * A single-item write that met a transaction holding its item at that instant
 * (TransactionConflictException; the SDK does not retry it) wrote nothing and was refused for no
 * reason of its own: it is sent again, briefly. Its condition, if any, is then checked against the
 * item as the transaction left it, so a versioned edit still fails when, and only when, the
 * version moved. Without this, an order's transaction on a busy customer could make a profile
 * edit, a score write or a stream reaction fail for contention alone.
 */
/**
 * BatchGetItem requests of one `batchGet` in flight at once: a few thousand keys (the dashboard's
 * at-risk customers) are read in a few round trips instead of one after another, without one call
 * taking every connection of the client.
 */
const BATCH_GETS_IN_FLIGHT = 4;

const CONFLICT_RETRY = { retries: 20, minTimeout: 5, factor: 1.5, maxTimeout: 200, randomize: true } as const;

function sendAgainOnTransactionConflict<T>(write: () => Promise<T>): Promise<T> {
  return pRetry(write, {
    ...CONFLICT_RETRY,
    shouldRetry: ({ error }) => error.name === 'TransactionConflictException',
  });
}

const keyAttributes: readonly string[] = [
  tableDefinition.partitionKey,
  ...tableDefinition.globalSecondaryIndexes.map((index) => index.partitionKey),
];

/**
 * The only door to the table for tenant data. Every key and every partition-key attribute of a
 * written item must begin with this tenant's prefix, so a bug that builds a key from the wrong
 * tenant fails loudly here instead of leaking data. In AWS the same rule is enforced again by
 * IAM (`dynamodb:LeadingKeys`).
 */
export class TenantTable {
  readonly tenantId: string;
  readonly prefix: string;
  readonly tableName: string;
  private readonly client: TableClient;

  constructor(client: TableClient, tenantId: string) {
    this.client = client;
    this.tenantId = tenantId;
    this.prefix = tenantKeyPrefix(tenantId);
    this.tableName = client.tableName;
  }

  private guardKey(key: string | undefined, what: string): void {
    if (typeof key !== 'string' || !key.startsWith(this.prefix)) {
      throw new DomainError('tenant_guard', `${what} is outside tenant ${this.tenantId}`);
    }
  }

  private guardItem(item: Item): void {
    for (const attribute of keyAttributes) {
      if (attribute in item) this.guardKey(item[attribute] as string, `attribute ${attribute}`);
    }
    this.guardKey(item.pk as string, 'pk');
  }

  async get<T extends Item>(key: Key, options: { consistent?: boolean } = {}): Promise<T | undefined> {
    this.guardKey(key.pk, 'pk');
    const result = await this.client.doc.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: options.consistent ?? true }),
    );
    return result.Item as T | undefined;
  }

  async put(item: Item, options: Omit<PutCommandInput, 'TableName' | 'Item'> = {}): Promise<void> {
    this.guardItem(item);
    await sendAgainOnTransactionConflict(() =>
      this.client.doc.send(new PutCommand({ ...options, TableName: this.tableName, Item: item })),
    );
  }

  async update(input: Omit<UpdateCommandInput, 'TableName'> & { Key: Key }): Promise<Item | undefined> {
    this.guardKey(input.Key.pk, 'pk');
    const result = await sendAgainOnTransactionConflict(() =>
      this.client.doc.send(new UpdateCommand({ ...input, TableName: this.tableName })),
    );
    return result.Attributes;
  }

  /** Queries one partition (table or GSI); the partition value must be this tenant's. */
  async query<T extends Item>(
    input: PartitionQuery,
  ): Promise<{ items: T[]; lastEvaluatedKey?: Item; scannedCount: number }> {
    this.guardKey(input.partitionValue, 'query partition');
    const { partitionValue, ...rest } = input;
    const partitionAttribute =
      tableDefinition.globalSecondaryIndexes.find((index) => index.indexName === rest.IndexName)
        ?.partitionKey ?? tableDefinition.partitionKey;
    const result = await this.client.doc.send(
      new QueryCommand({
        ...rest,
        TableName: this.tableName,
        KeyConditionExpression: rest.KeyConditionExpression
          ? `#pk = :pk AND ${rest.KeyConditionExpression}`
          : '#pk = :pk',
        ExpressionAttributeNames: { ...rest.ExpressionAttributeNames, '#pk': partitionAttribute },
        ExpressionAttributeValues: { ...rest.ExpressionAttributeValues, ':pk': partitionValue },
      }),
    );
    const out: { items: T[]; lastEvaluatedKey?: Item; scannedCount: number } = {
      items: (result.Items ?? []) as T[],
      scannedCount: result.ScannedCount ?? 0,
    };
    if (result.LastEvaluatedKey) out.lastEvaluatedKey = result.LastEvaluatedKey;
    return out;
  }

  /**
   * Every page of one partition query, in order, each read only when the caller asks for it: a
   * caller that has what it wants leaves the loop and nothing more is read.
   *
   * @example
   * for await (const page of table.queryPages({ partitionValue, IndexName: 'gsi2' })) {
   *   if (page.items.some(isWanted)) break;
   * }
   */
  async *queryPages<T extends Item>(
    input: WholePartitionQuery,
  ): AsyncGenerator<{ items: T[]; scannedCount: number }> {
    let start: Item | undefined;
    do {
      const page = await this.query<T>(start ? { ...input, ExclusiveStartKey: start } : input);
      yield { items: page.items, scannedCount: page.scannedCount };
      start = page.lastEvaluatedKey;
    } while (start);
  }

  /**
   * Every item of one partition query, read to its end: for partitions that are small by design
   * (a tenant's departments, a customer's receivables), never for a list a client pages through.
   *
   * @example
   * const departments = await table.queryAll({ partitionValue, KeyConditionExpression: 'begins_with(sk, :d)' });
   */
  async queryAll<T extends Item>(input: WholePartitionQuery): Promise<T[]> {
    const items: T[] = [];
    for await (const page of this.queryPages<T>(input)) items.push(...page.items);
    return items;
  }

  /** All-or-nothing writes: nothing is half-written. */
  /**
   * `clientRequestToken` makes a resent transaction idempotent (DynamoDB remembers it for ten
   * minutes): a retry after a lost response cannot apply it twice.
   */
  async transactWrite(items: TransactItems, options: { clientRequestToken?: string } = {}): Promise<void> {
    const scoped = scopeTransactItems(
      items,
      this.tableName,
      (pk, attribute) => this.guardKey(pk as string, attribute),
      (item) => this.guardItem(item),
    );
    await this.client.doc.send(
      new TransactWriteCommand({
        TransactItems: scoped,
        ...(options.clientRequestToken ? { ClientRequestToken: options.clientRequestToken } : {}),
      }),
    );
  }

  async delete(
    key: Key,
    options: { condition?: string; values?: Item; names?: Record<string, string> } = {},
  ) {
    this.guardKey(key.pk, 'pk');
    await sendAgainOnTransactionConflict(() =>
      this.client.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: key,
          ConditionExpression: options.condition,
          ExpressionAttributeValues: options.values,
          ExpressionAttributeNames: options.names,
        }),
      ),
    );
  }

  /** Gets many items (any number, 100 per request), retrying keys DynamoDB leaves unprocessed. */
  /**
   * The items that exist of `keyList`, in no particular order: requests of 100 keys, up to
   * `BATCH_GETS_IN_FLIGHT` at once; `attributes` names the top-level attributes to read (all when
   * absent), for callers that need a few figures of many items.
   */
  async batchGet(keyList: Key[], options: { attributes?: readonly string[] } = {}): Promise<Item[]> {
    for (const key of keyList) this.guardKey(key.pk, 'pk');
    const projection = options.attributes?.length
      ? {
          ProjectionExpression: options.attributes.map((_, index) => `#a${index}`).join(', '),
          ExpressionAttributeNames: Object.fromEntries(
            options.attributes.map((name, index) => [`#a${index}`, name]),
          ),
        }
      : {};
    const chunks: Record<string, unknown>[][] = [];
    for (let start = 0; start < keyList.length; start += 100) {
      chunks.push(keyList.slice(start, start + 100) as Record<string, unknown>[]);
    }
    const found = await pMap(
      chunks,
      async (chunk) => {
        const items: Item[] = [];
        await untilProcessed(
          chunk,
          async (pending) => {
            const result = await this.client.doc.send(
              new BatchGetCommand({
                RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true, ...projection } },
              }),
            );
            items.push(...(result.Responses?.[this.tableName] ?? []));
            return result.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
          },
          { attempts: 8, what: 'batch get' },
        );
        return items;
      },
      { concurrency: BATCH_GETS_IN_FLIGHT },
    );
    return found.flat();
  }

  /**
   * Puts any number of items in batches of 25, several batches in flight at once. DynamoDB may
   * leave some unprocessed under load; those are sent again with jittered backoff until none
   * remain or attempts run out.
   */
  async batchPut(items: Item[], options: { maxAttempts?: number; concurrency?: number } = {}): Promise<void> {
    for (const item of items) this.guardItem(item);
    const maxAttempts = options.maxAttempts ?? 8;
    const chunks: Item[][] = [];
    for (let start = 0; start < items.length; start += 25) chunks.push(items.slice(start, start + 25));
    await pMap(
      chunks,
      (chunk) =>
        untilProcessed(
          chunk.map((Item) => ({ PutRequest: { Item } })),
          async (requests) => {
            const result = await this.client.doc.send(
              new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
            );
            return (result.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
          },
          { attempts: maxAttempts, what: 'batch write' },
        ),
      { concurrency: options.concurrency ?? 8 },
    );
  }
}
