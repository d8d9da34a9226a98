import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { conditionHeld, isConditionFailure } from './condition-failure.js';
import type { TableClient } from './document-client.js';
import { epochSeconds } from './item-codec.js';
import { platformKeys } from './keys.js';
import { PlatformTable } from './platform-table.js';

export type TenantDeletionMarker = {
  tenantId: string;
  requestedAt: string;
  requestedBy: string;
  finishedAt?: string;
  /** The last sweep, once the stream has caught up after the job (see `finishFinalPass`). */
  finalPassAt?: string;
};

/**
 * The marker of a deleted tenant (platform: `P#DELETED#<tenantId>`). Authentication and the stream
 * reactions read it, so a deleted tenant is refused at once and nothing is written back while its
 * data is removed. It holds the tenant's id and the instants only, and expires two days after the
 * deletion finished (beyond the stream's 24 h retention).
 */
export class TenantDeletionRepository {
  private readonly platform: PlatformTable;
  private readonly client: TableClient;

  constructor(client: TableClient) {
    this.platform = new PlatformTable(client);
    this.client = client;
  }

  /** Marks the tenant deleted; the first marker stays (a repeated request resumes the same deletion). */
  async mark(marker: TenantDeletionMarker): Promise<TenantDeletionMarker> {
    try {
      await this.platform.put(
        {
          ...platformKeys.tenantDeletion(marker.tenantId),
          ...marker,
          entityType: 'tenantDeletion',
          // Listed while its job or its final pass is due, so a deletion cut off by a shutdown is
          // found again without a Scan (a deleted tenant may be gone from the tenant registry).
          gsi1pk: platformKeys.pendingTenantDeletions,
          gsi1sk: `${marker.requestedAt}#${marker.tenantId}`,
        },
        { ConditionExpression: 'attribute_not_exists(pk)' },
      );
      return marker;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
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
      ...(item.finalPassAt ? { finalPassAt: String(item.finalPassAt) } : {}),
    };
  }

  /** Deletions whose job or final pass is still to come, oldest first (a handful: deletions are rare). */
  async listPending(): Promise<TenantDeletionMarker[]> {
    const found: TenantDeletionMarker[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.doc.send(
        new QueryCommand({
          TableName: this.client.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pending',
          ExpressionAttributeValues: { ':pending': platformKeys.pendingTenantDeletions },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        const marker = await this.get(String(item.tenantId));
        if (marker) found.push(marker);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return found;
  }

  /**
   * Of these tenants' markers, the ones of a job that never finished and are not on the pending
   * list: written before the list existed (docs/tenant-data.md). Read 100 markers a BatchGet.
   */
  async unlistedUnfinished(tenantIds: readonly string[]): Promise<TenantDeletionMarker[]> {
    const found: TenantDeletionMarker[] = [];
    for (let start = 0; start < tenantIds.length; start += 100) {
      let keys: Record<string, unknown>[] = tenantIds
        .slice(start, start + 100)
        .map((tenantId) => platformKeys.tenantDeletion(tenantId));
      while (keys.length > 0) {
        const page = await this.client.doc.send(
          new BatchGetCommand({ RequestItems: { [this.client.tableName]: { Keys: keys } } }),
        );
        for (const item of page.Responses?.[this.client.tableName] ?? []) {
          if (item.gsi1pk || item.finishedAt || item.finalPassAt) continue;
          found.push({
            tenantId: String(item.tenantId),
            requestedAt: String(item.requestedAt),
            requestedBy: String(item.requestedBy),
          });
        }
        keys = page.UnprocessedKeys?.[this.client.tableName]?.Keys ?? [];
      }
    }
    return found;
  }

  /** Puts an unfinished deletion on the pending list, as `mark` does now (no-op once listed or finished). */
  async listAsPending(marker: TenantDeletionMarker): Promise<void> {
    await conditionHeld(
      this.platform.update({
        Key: platformKeys.tenantDeletion(marker.tenantId),
        UpdateExpression: 'SET gsi1pk = :pending, gsi1sk = :at',
        ConditionExpression:
          'attribute_exists(pk) AND attribute_not_exists(gsi1pk) AND attribute_not_exists(finishedAt)',
        ExpressionAttributeValues: {
          ':pending': platformKeys.pendingTenantDeletions,
          ':at': `${marker.requestedAt}#${marker.tenantId}`,
        },
      }),
    );
  }

  async catchUpDone(): Promise<boolean> {
    return (await this.platform.get(platformKeys.pendingTenantDeletionsCatchUp)) !== undefined;
  }

  async markCatchUpDone(now: Date): Promise<void> {
    await this.platform.put({
      ...platformKeys.pendingTenantDeletionsCatchUp,
      entityType: 'tenantDeletionCatchUp',
      doneAt: now.toISOString(),
    });
  }

  /** The final pass is done: nothing more is due, the marker waits for its expiry alone. */
  async finishFinalPass({ tenantId, now }: { tenantId: string; now: Date }): Promise<void> {
    await this.platform.update({
      Key: platformKeys.tenantDeletion(tenantId),
      UpdateExpression: 'SET finalPassAt = :now REMOVE gsi1pk, gsi1sk',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':now': now.toISOString() },
    });
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
