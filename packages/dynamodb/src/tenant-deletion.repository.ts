import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { TableClient } from './document-client.js';
import { epochSeconds } from './item-codec.js';
import { platformKeys } from './keys.js';
import { PlatformTable } from './platform-table.js';

export type TenantDeletionMarker = {
  tenantId: string;
  requestedAt: string;
  requestedBy: string;
  finishedAt?: string;
};

/**
 * The marker of a deleted tenant (platform: `P#DELETED#<tenantId>`). Authentication and the stream
 * reactions read it, so a deleted tenant is refused at once and nothing is written back while its
 * data is removed. It holds the tenant's id and the instants only, and expires two days after the
 * deletion finished (beyond the stream's 24 h retention).
 */
export class TenantDeletionRepository {
  private readonly platform: PlatformTable;

  constructor(client: TableClient) {
    this.platform = new PlatformTable(client);
  }

  /** Marks the tenant deleted; the first marker stays (a repeated request resumes the same deletion). */
  async mark(marker: TenantDeletionMarker): Promise<TenantDeletionMarker> {
    try {
      await this.platform.put(
        { ...platformKeys.tenantDeletion(marker.tenantId), ...marker, entityType: 'tenantDeletion' },
        { ConditionExpression: 'attribute_not_exists(pk)' },
      );
      return marker;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return (await this.get(marker.tenantId)) ?? marker;
    }
  }

  async get(tenantId: string): Promise<TenantDeletionMarker | undefined> {
    const item = await this.platform.get(platformKeys.tenantDeletion(tenantId));
    if (!item) return undefined;
    return {
      tenantId: String(item.tenantId),
      requestedAt: String(item.requestedAt),
      requestedBy: String(item.requestedBy),
      ...(item.finishedAt ? { finishedAt: String(item.finishedAt) } : {}),
    };
  }

  /** The data is gone: the marker now only has to outlast the records still in the stream. */
  async finish({ tenantId, now, keepFor }: { tenantId: string; now: Date; keepFor: number }): Promise<void> {
    await this.platform.update({
      Key: platformKeys.tenantDeletion(tenantId),
      UpdateExpression: 'SET finishedAt = :now, expiresAt = :expires',
      ExpressionAttributeValues: {
        ':now': now.toISOString(),
        ':expires': epochSeconds(new Date(now.getTime() + keepFor)),
      },
    });
  }
}
