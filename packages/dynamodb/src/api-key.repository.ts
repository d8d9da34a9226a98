import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type ApiKey, DomainError } from '@crm/domain';
import type { TableClient } from './document-client.js';
import { fromItem, toItem } from './item-codec.js';
import { keys } from './keys.js';
import { TenantTable } from './tenant-table.js';

/** An integration's key as stored: only the hash; the key itself is shown once, at creation. */
export type ApiKeyRecord = ApiKey & { secretHash: string };

export class ApiKeyRepository {
  private readonly client: TableClient;

  constructor(client: TableClient) {
    this.client = client;
  }

  async create({ tenantId, apiKey }: { tenantId: string; apiKey: ApiKeyRecord }): Promise<void> {
    await new TenantTable(this.client, tenantId).put(
      toItem(
        'apiKey',
        { ...keys.apiKey(tenantId, apiKey.id), ...keys.apiKeysIndex(tenantId, apiKey.id) },
        apiKey,
      ),
      { ConditionExpression: 'attribute_not_exists(pk)' },
    );
  }

  async get({ tenantId, keyId }: { tenantId: string; keyId: string }): Promise<ApiKeyRecord | undefined> {
    const item = await new TenantTable(this.client, tenantId).get(keys.apiKey(tenantId, keyId));
    return item ? fromItem<ApiKeyRecord>(item) : undefined;
  }

  async list({ tenantId }: { tenantId: string }): Promise<ApiKeyRecord[]> {
    const page = await new TenantTable(this.client, tenantId).query({
      IndexName: 'gsi1',
      partitionValue: keys.apiKeysPartition(tenantId),
      ScanIndexForward: false,
    });
    return page.items.map((item) => fromItem<ApiKeyRecord>(item));
  }

  async revoke({ tenantId, keyId, now }: { tenantId: string; keyId: string; now: string }): Promise<void> {
    try {
      await new TenantTable(this.client, tenantId).update({
        Key: keys.apiKey(tenantId, keyId),
        UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':now': now },
      });
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new DomainError('not_found', 'API key not found');
      throw error;
    }
  }

  async touch({ tenantId, keyId, now }: { tenantId: string; keyId: string; now: string }): Promise<void> {
    await new TenantTable(this.client, tenantId).update({
      Key: keys.apiKey(tenantId, keyId),
      UpdateExpression: 'SET lastUsedAt = :now',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':now': now },
    });
  }
}
