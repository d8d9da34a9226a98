import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  type PutCommandInput,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { DomainError } from '@crm/domain';
import type { TableClient } from './document-client.js';
import { PLATFORM_KEY_PREFIX, type TableKey, tenantKeyPrefix } from './keys.js';
import { scopeTransactItems, type TransactItems } from './transact-items.js';

type Item = Record<string, unknown>;

/**
 * Access to platform items (identities, memberships, invitations, login throttles): the few
 * things the auth flow must find before it knows the tenant. Keys must begin with `P#`; a
 * transaction may also touch ONE named tenant's items (sign-up creates the tenant and its owner
 * together with the identity), never another's.
 */
export class PlatformTable {
  private readonly client: TableClient;

  constructor(client: TableClient) {
    this.client = client;
  }

  private guard(pk: unknown, tenantId?: string): void {
    if (typeof pk !== 'string') throw new DomainError('tenant_guard', 'missing partition key');
    if (pk.startsWith(PLATFORM_KEY_PREFIX)) return;
    if (tenantId && pk.startsWith(tenantKeyPrefix(tenantId))) return;
    throw new DomainError('tenant_guard', 'key outside the platform partition');
  }

  async get<T extends Item>(key: TableKey): Promise<T | undefined> {
    this.guard(key.pk);
    const result = await this.client.doc.send(
      new GetCommand({ TableName: this.client.tableName, Key: key, ConsistentRead: true }),
    );
    return result.Item as T | undefined;
  }

  async put(item: Item, options: Omit<PutCommandInput, 'TableName' | 'Item'> = {}): Promise<void> {
    this.guard(item.pk);
    await this.client.doc.send(new PutCommand({ ...options, TableName: this.client.tableName, Item: item }));
  }

  async update(input: Omit<UpdateCommandInput, 'TableName'> & { Key: TableKey }): Promise<Item | undefined> {
    this.guard(input.Key.pk);
    const result = await this.client.doc.send(
      new UpdateCommand({ ...input, TableName: this.client.tableName }),
    );
    return result.Attributes;
  }

  async delete(key: TableKey): Promise<void> {
    this.guard(key.pk);
    await this.client.doc.send(new DeleteCommand({ TableName: this.client.tableName, Key: key }));
  }

  /** The partition's items by sort key (`newestFirst`: descending), at most `limit` of them. */
  async queryPartition<T extends Item>(
    pk: string,
    skPrefix?: string,
    options: { limit?: number; newestFirst?: boolean } = {},
  ): Promise<T[]> {
    this.guard(pk);
    const items: T[] = [];
    let exclusiveStartKey: Item | undefined;
    do {
      const result = await this.client.doc.send(
        new QueryCommand({
          TableName: this.client.tableName,
          KeyConditionExpression: skPrefix ? 'pk = :pk AND begins_with(sk, :sk)' : 'pk = :pk',
          ExpressionAttributeValues: skPrefix ? { ':pk': pk, ':sk': skPrefix } : { ':pk': pk },
          ExclusiveStartKey: exclusiveStartKey,
          ConsistentRead: true,
          ScanIndexForward: !options.newestFirst,
          ...(options.limit ? { Limit: options.limit - items.length } : {}),
        }),
      );
      items.push(...((result.Items ?? []) as T[]));
      exclusiveStartKey = result.LastEvaluatedKey;
    } while (exclusiveStartKey && (!options.limit || items.length < options.limit));
    return items;
  }

  /**
   * The first `limit` items of a platform partition of an index whose sort key is at most
   * `sortKeyAtMost`, ascending (a due list). Index reads are eventually consistent: a caller that
   * acts on an item confirms it on the table first (a conditional write).
   */
  async queryIndexUpTo<T extends Item>(input: {
    index: 'gsi1' | 'gsi2';
    partition: string;
    sortKeyAtMost: string;
    limit: number;
  }): Promise<T[]> {
    this.guard(input.partition);
    const items: T[] = [];
    let exclusiveStartKey: Item | undefined;
    do {
      const result = await this.client.doc.send(
        new QueryCommand({
          TableName: this.client.tableName,
          IndexName: input.index,
          KeyConditionExpression: '#pk = :pk AND #sk <= :upTo',
          ExpressionAttributeNames: { '#pk': `${input.index}pk`, '#sk': `${input.index}sk` },
          ExpressionAttributeValues: { ':pk': input.partition, ':upTo': input.sortKeyAtMost },
          ExclusiveStartKey: exclusiveStartKey,
          Limit: input.limit - items.length,
        }),
      );
      items.push(...((result.Items ?? []) as T[]));
      exclusiveStartKey = result.LastEvaluatedKey;
    } while (exclusiveStartKey && items.length < input.limit);
    return items;
  }

  /** All-or-nothing across platform items and, at most, one tenant's items. */
  async transactWrite(items: TransactItems, options: { tenantId?: string } = {}): Promise<void> {
    const guard = (pk: unknown) => this.guard(pk, options.tenantId);
    const scoped = scopeTransactItems(items, this.client.tableName, guard, (item) => guard(item.pk));
    await this.client.doc.send(new TransactWriteCommand({ TransactItems: scoped }));
  }
}
