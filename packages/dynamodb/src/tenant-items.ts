import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { everyCustomerListPartition } from './customer-index-keys.js';
import type { TableClient } from './document-client.js';
import {
  keys,
  platformKeys,
  type TableKey,
  tenantDirectory,
  tenantKeyPrefix,
  type UnshardedDirectoryFamily,
} from './keys.js';
import { untilProcessed } from './until-processed.js';

type Item = Record<string, unknown>;

/**
 * One way of reaching a family of the tenant's partitions. There is no index keyed by the tenant
 * alone (every item would have to carry one more index key, and one tenant's whole data set would
 * sit behind a single index partition), so each family is reached from where its items are
 * already listed:
 *
 * - `single`: a partition the tenant has exactly one of (`T#t#MODEL`, `T#t#FIELDS`, …);
 * - `listed`: the items of an index partition name the table partitions of the family (the
 *   customer list shards name every customer partition, `T#t#COMPLAINTS` every complaint's);
 * - `derived`: partitions named by what another family's items hold (a user's e-mail guard and
 *   partner shares are keyed by the user).
 *
 * `tenant-items.test.ts` builds every key of `keys` and fails when a family is reached by none of
 * these, so a new kind of item cannot be left out of exports and deletions unnoticed.
 */
/** The singleton partitions, by the name after the tenant prefix. */
export const singlePartitionFamilies = [
  'TENANT',
  'OUTBOX',
  'FIELDS',
  'IMPORTLOCK',
  'MODEL',
  'CREDITPOLICY',
  'CHURNPOLICY',
  'COMPLAINTPOLICY',
  'SERVICEPOLICY',
  'TASKPOLICY',
  'SALESSETUP',
  'MEMBERPOLICY',
  'DEPARTMENTS',
  'BUCKET',
  'CAMPAIGNSEND',
  'PARTNERORGS',
  'KPISNAP',
] as const;

/** The families listed on an index: family name → the index partitions whose items are its partitions. */
const listedFamilies: {
  family: string;
  index: 'gsi1' | 'gsi2';
  lists: (tenantId: string) => string[];
  /**
   * More partitions of the family that a listed item names (a campaign's recipient shards),
   * yielded before the item's own partition: a deletion that stops between them finds them again
   * through the item, which is still listed.
   */
  alsoNamed?: (tenantId: string, item: Item) => string[];
}[] = [
  {
    family: 'C',
    index: 'gsi1',
    // Every partition of every shard count: a walk that reads all customers need not know the layout.
    lists: (tenantId) => everyCustomerListPartition(tenantId),
  },
  { family: 'USER', index: 'gsi1', lists: (tenantId) => [keys.usersPartition(tenantId)] },
  { family: 'APIKEY', index: 'gsi1', lists: (tenantId) => [keys.apiKeysPartition(tenantId)] },
  { family: 'IMPORT', index: 'gsi1', lists: (tenantId) => [keys.importsPartition(tenantId)] },
  { family: 'ALERT', index: 'gsi1', lists: (tenantId) => [keys.alertsPartition(tenantId)] },
  { family: 'COMPLAINT', index: 'gsi1', lists: (tenantId) => [keys.complaintsPartition(tenantId)] },
  { family: 'SR', index: 'gsi1', lists: (tenantId) => [keys.serviceRequestsPartition(tenantId)] },
  { family: 'SPLAN', index: 'gsi1', lists: (tenantId) => [keys.servicePlansPartition(tenantId)] },
  { family: 'SURVEY', index: 'gsi1', lists: (tenantId) => [keys.surveysPartition(tenantId)] },
  { family: 'TASK', index: 'gsi1', lists: (tenantId) => [keys.tasksPartition(tenantId)] },
  { family: 'WEBHOOK', index: 'gsi1', lists: (tenantId) => [keys.webhookEndpointsPartition(tenantId)] },
  { family: 'WORKFLOW', index: 'gsi1', lists: (tenantId) => [keys.workflowsPartition(tenantId)] },
  { family: 'LEAD', index: 'gsi1', lists: (tenantId) => [keys.leadsPartition(tenantId)] },
  { family: 'OPP', index: 'gsi1', lists: (tenantId) => [keys.opportunitiesPartition(tenantId)] },
  { family: 'QUOTE', index: 'gsi1', lists: (tenantId) => [keys.quotesPartition(tenantId)] },
  { family: 'EXPORT', index: 'gsi1', lists: (tenantId) => [keys.tenantExportsPartition(tenantId)] },
  { family: 'SEGMENT', index: 'gsi1', lists: (tenantId) => [keys.segmentsPartition(tenantId)] },
  {
    family: 'CAMPAIGN',
    index: 'gsi1',
    lists: (tenantId) => [keys.campaignsPartition(tenantId)],
    // A campaign sent before recipients were spread has none: they are in its own partition.
    alsoNamed: (tenantId, item) =>
      typeof item.recipientPartitions === 'number' && typeof item.id === 'string'
        ? keys.campaignRecipientPartitions(tenantId, item.id, item.recipientPartitions)
        : [],
  },
  { family: 'WFRUN', index: 'gsi2', lists: (tenantId) => [tenantDirectory.workflowRunPartition(tenantId)] },
  {
    family: 'SESSION',
    index: 'gsi1',
    lists: (tenantId) => [tenantDirectory.partition(tenantId, 'SESSIONS')],
  },
  // The legacy unsharded partition and the shards (keys.ts, EXTERNAL_ID_DIRECTORY_SHARDS).
  { family: 'EXT', index: 'gsi1', lists: (tenantId) => tenantDirectory.externalIdPartitions(tenantId) },
  {
    family: 'FIELDVALUE',
    index: 'gsi1',
    lists: (tenantId) => [tenantDirectory.partition(tenantId, 'FIELDVALUES')],
  },
];

/** Partitions keyed by a user (the e-mail guard, a partner's shares) or by a partner organisation (its shares). */
const userDerivedFamilies = ['USEREMAIL', 'SHARE'] as const;

/** A unique value too long for a key is claimed under its hash; the FIELDVALUES directory lists both. */
const alsoListedFamilies = ['FIELDVALUEHASH'] as const;

/** The families of the tenant's table partitions this module reaches, by the name after the tenant prefix. */
export function reachedPartitionFamilies(): string[] {
  return [
    ...singlePartitionFamilies,
    ...listedFamilies.map((family) => family.family),
    ...userDerivedFamilies,
    ...alsoListedFamilies,
  ];
}

/** The platform families that name a tenant, found through the tenant's directory. */
const platformDirectoryFamilies: UnshardedDirectoryFamily[] = [
  'INVITES',
  'SURVEYLINKS',
  'WFWAITS',
  'UNSUBLINKS',
  'CAMPAIGNSENDS',
  'SMSMESSAGES',
  'SURVEYSENDS',
];

/**
 * Reads every item of one tenant, partition by partition, with Queries only: the way its export
 * reads the data and its deletion finds what to remove. A partition is read in pages
 * (`pageSize` items), so a customer with a long timeline never has to fit in memory at once.
 *
 * Items are yielded per partition in key order; each partition once (a partition listed twice,
 * e.g. a run found through two lists, is read once).
 */
export class TenantItems {
  private readonly client: TableClient;
  readonly tenantId: string;
  private readonly prefix: string;

  constructor(client: TableClient, tenantId: string) {
    this.client = client;
    this.tenantId = tenantId;
    this.prefix = tenantKeyPrefix(tenantId);
  }

  /** Every page of a partition (table, or an index with `indexName`). */
  private async *queryPages(
    partitionValue: string,
    options: { indexName?: 'gsi1' | 'gsi2'; projection?: string[]; pageSize?: number } = {},
  ): AsyncGenerator<Item[]> {
    if (!partitionValue.startsWith(this.prefix)) throw new Error('partition outside the tenant');
    const attribute = options.indexName ? `${options.indexName}pk` : 'pk';
    let start: Item | undefined;
    do {
      const names: Record<string, string> = { '#pk': attribute };
      const projection = options.projection?.map((name, index) => {
        names[`#p${index}`] = name;
        return `#p${index}`;
      });
      const result = await this.client.doc.send(
        new QueryCommand({
          TableName: this.client.tableName,
          ...(options.indexName ? { IndexName: options.indexName } : { ConsistentRead: true }),
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':pk': partitionValue },
          ...(projection ? { ProjectionExpression: projection.join(', ') } : {}),
          ...(options.pageSize ? { Limit: options.pageSize } : {}),
          ExclusiveStartKey: start,
        }),
      );
      start = result.LastEvaluatedKey;
      yield (result.Items ?? []) as Item[];
    } while (start);
  }

  /**
   * Every partition key of the tenant's table items, family by family. Some are named by items of
   * others (a user's shares): those are read after the family that names them.
   */
  async *partitionKeys(): AsyncGenerator<{ family: string; pk: string }> {
    // A partner organisation's shares are keyed by the organisation, which its partition names:
    // read before that partition is yielded, since a deletion empties each partition as it goes.
    for await (const page of this.queryPages(keys.partnerOrganisationsPartition(this.tenantId), {
      projection: ['id'],
    })) {
      for (const item of page) {
        if (typeof item.id === 'string')
          yield { family: 'SHARE', pk: keys.sharesOfPartner(this.tenantId, item.id) };
      }
    }
    for (const family of singlePartitionFamilies) yield { family, pk: `${this.prefix}${family}` };
    for (const family of listedFamilies) {
      const seen = new Set<string>();
      for (const list of family.lists(this.tenantId)) {
        for await (const page of this.queryPages(list, {
          indexName: family.index,
          projection: ['pk', 'email', 'id', 'recipientPartitions'],
        })) {
          for (const item of page) {
            const pk = String(item.pk);
            // Only the family's own items: a directory may list a platform item, never here.
            if (!pk.startsWith(this.prefix) || seen.has(pk)) continue;
            seen.add(pk);
            for (const named of family.alsoNamed?.(this.tenantId, item) ?? []) {
              if (seen.has(named)) continue;
              seen.add(named);
              yield { family: family.family, pk: named };
            }
            yield { family: family.family, pk };
            if (family.family === 'USER' && typeof item.email === 'string' && typeof item.id === 'string') {
              yield { family: 'USEREMAIL', pk: keys.userEmail(this.tenantId, item.email).pk };
              yield { family: 'SHARE', pk: keys.sharesOfPartner(this.tenantId, item.id) };
            }
          }
        }
      }
    }
  }

  /** The partition keys of one listed family (`IMPORT`: every import job's partition). */
  async *partitionsOf(familyName: string): AsyncGenerator<string> {
    const family = listedFamilies.find((listed) => listed.family === familyName);
    if (!family) throw new Error(`not a listed family: ${familyName}`);
    for (const list of family.lists(this.tenantId)) {
      for await (const page of this.queryPages(list, { indexName: family.index, projection: ['pk'] })) {
        for (const item of page) yield String(item.pk);
      }
    }
  }

  /** Every item of the tenant's table partitions, a page at a time, with the family it was found in. */
  async *pages(options: { pageSize?: number } = {}): AsyncGenerator<{ family: string; items: Item[] }> {
    for await (const { family, pk } of this.partitionKeys()) {
      for await (const items of this.queryPages(pk, options)) {
        if (items.length > 0) yield { family, items };
      }
    }
  }

  /** The platform items that name the tenant: invitation and survey links, workflow wait markers. */
  async platformItemKeys(): Promise<TableKey[]> {
    const found: TableKey[] = [];
    for (const family of platformDirectoryFamilies) {
      for await (const page of this.queryPages(tenantDirectory.partition(this.tenantId, family), {
        indexName: 'gsi1',
        projection: ['pk', 'sk'],
      })) {
        for (const item of page) found.push({ pk: String(item.pk), sk: String(item.sk) });
      }
    }
    found.push(platformKeys.webhookDueTenant(this.tenantId));
    return found;
  }

  /**
   * Deletes every item of every partition of the tenant except `keep` (the tenant's own record,
   * deleted last by the caller), 25 keys per request. Returns how many it deleted.
   */
  async deleteAll(
    options: { keep?: TableKey[]; onProgress?: (deleted: number) => Promise<void> | void } = {},
  ) {
    const keep = new Set((options.keep ?? []).map((key) => `${key.pk}\u0000${key.sk}`));
    let deleted = 0;
    for await (const { items } of this.pages({ pageSize: 500 })) {
      const doomed = items
        .map((item) => ({ pk: String(item.pk), sk: String(item.sk) }))
        .filter((key) => !keep.has(`${key.pk}\u0000${key.sk}`));
      await deleteKeys(this.client, doomed);
      deleted += doomed.length;
      await options.onProgress?.(deleted);
    }
    return deleted;
  }
}

/** Deletes keys 25 per BatchWrite, resending what DynamoDB leaves unprocessed. */
export async function deleteKeys(client: TableClient, keyList: TableKey[]): Promise<void> {
  for (let start = 0; start < keyList.length; start += 25) {
    await untilProcessed(
      keyList.slice(start, start + 25).map((Key) => ({ DeleteRequest: { Key } })),
      async (requests) => {
        const result = await client.doc.send(
          new BatchWriteCommand({ RequestItems: { [client.tableName]: requests } }),
        );
        return (result.UnprocessedItems?.[client.tableName] ?? []) as typeof requests;
      },
      { attempts: 8, what: 'batch delete' },
    );
  }
}

/** Puts items 25 per BatchWrite, resending what DynamoDB leaves unprocessed (a restore's writes). */
export async function putItems(client: TableClient, items: Item[]): Promise<void> {
  for (let start = 0; start < items.length; start += 25) {
    await untilProcessed(
      items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })),
      async (requests) => {
        const result = await client.doc.send(
          new BatchWriteCommand({ RequestItems: { [client.tableName]: requests } }),
        );
        return (result.UnprocessedItems?.[client.tableName] ?? []) as typeof requests;
      },
      { attempts: 8, what: 'batch put' },
    );
  }
}
