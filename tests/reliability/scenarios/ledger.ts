import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CustomerHistoryEntry } from '@crm/domain';
import {
  fromItem,
  keys,
  type StoredWebhookDelivery,
  sharedClientFactory,
  sortKeyPrefixes,
  type TableClient,
  WebhookRepository,
} from '@crm/dynamodb';

/**
 * The ledger of effects the suites compare with what was acknowledged: items the stream reactions
 * wrote, read straight from the table (every page; the API's history route stops at 100).
 */
export async function queryAllItems(
  table: TableClient,
  partition: { pk: string },
  sortKeyPrefix: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': partition.pk, ':prefix': sortKeyPrefix },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Every history entry the audit reaction wrote for a customer, oldest first. */
export async function customerHistory(
  table: TableClient,
  tenantId: string,
  customerId: string,
): Promise<CustomerHistoryEntry[]> {
  const items = await queryAllItems(
    table,
    { pk: keys.customerPartition(tenantId, customerId) },
    sortKeyPrefixes.history,
  );
  return items.map((item) => fromItem<CustomerHistoryEntry>(item));
}

/** Every delivery the fan-out reaction wrote for an endpoint (its outbox), newest first. */
export async function allDeliveries(
  table: TableClient,
  tenantId: string,
  endpointId: string,
): Promise<StoredWebhookDelivery[]> {
  const repository = new WebhookRepository(sharedClientFactory(table)(tenantId), tenantId);
  const all: StoredWebhookDelivery[] = [];
  let cursor: string | undefined;
  do {
    const page = await repository.deliveryPage(endpointId, { limit: 100, ...(cursor ? { cursor } : {}) });
    all.push(...page.deliveries);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}
