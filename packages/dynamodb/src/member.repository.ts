import type { MemberTierChange, MemberTierPolicy } from '@crm/domain';
import type { TableClient } from './document-client.js';
import { toItem } from './item-codec.js';
import { keys, sortKeyPrefixes } from './keys.js';
import { TenantTable } from './tenant-table.js';
import { VersionedSettingsItem } from './versioned-settings-item.js';

export type StoredMemberTierPolicy = {
  policy: MemberTierPolicy;
  updatedAt: string;
  updatedBy: string;
  version: number;
};

/** The member programme: the tenant's tier rules, and each customer's tier with its changes. */
export class MemberRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  async getPolicy(): Promise<StoredMemberTierPolicy | undefined> {
    return this.settings().get();
  }

  /** Saves it only if it is still at `expectedVersion` (0: none saved yet); else `version_conflict`. */
  async putPolicy(stored: StoredMemberTierPolicy, expectedVersion: number): Promise<void> {
    await this.settings().put(stored, expectedVersion);
  }

  private settings() {
    return new VersionedSettingsItem<StoredMemberTierPolicy>(
      this.table,
      'memberTierPolicy',
      keys.memberTierPolicy(this.tenantId),
      'The member tier rules were changed by someone else; reload them',
    );
  }

  /** How many orders the customer has on its timeline at or after `since`: one query of keys only. */
  async countOrdersSince(customerId: string, since: string): Promise<number> {
    const orderKeys = await this.table.queryAll({
      partitionValue: keys.customerPartition(this.tenantId, customerId),
      KeyConditionExpression: 'sk BETWEEN :from AND :to',
      FilterExpression: '#type = :order',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: {
        ':from': `${sortKeyPrefixes.interaction}${since}`,
        // '~' sorts after every character an instant or id has: the end of the interactions.
        ':to': `${sortKeyPrefixes.interaction}~`,
        ':order': 'order',
      },
      // Only the key comes back: the count is all that is wanted.
      ProjectionExpression: 'sk',
    });
    return orderKeys.length;
  }

  /**
   * Moves the customer to `change.to` and records the change, together: the customer's own two
   * attributes are set by an UpdateExpression (credit, churn and profile edits write other
   * attributes of the same item; a whole-item put would undo theirs), only while the customer is
   * live and still at `change.from`. False when that no longer holds (another evaluation moved it
   * first, a replay): nothing is written.
   */
  async upgrade(change: MemberTierChange): Promise<boolean> {
    const t = this.tenantId;
    try {
      await this.table.transactWrite([
        {
          Update: {
            TableName: '',
            Key: keys.customer(t, change.customerId),
            UpdateExpression: 'SET #tier = :to, #since = :at',
            ConditionExpression:
              change.from === null
                ? 'attribute_exists(pk) AND attribute_not_exists(archivedAt) AND attribute_not_exists(#tier)'
                : 'attribute_exists(pk) AND attribute_not_exists(archivedAt) AND #tier = :from',
            ExpressionAttributeNames: { '#tier': 'memberTier', '#since': 'memberTierSince' },
            ExpressionAttributeValues: {
              ':to': change.to,
              ':at': change.changedAt,
              ...(change.from === null ? {} : { ':from': change.from }),
            },
          },
        },
        {
          Put: {
            TableName: '',
            Item: toItem(
              'memberTierChange',
              keys.memberTierChange(t, change.customerId, change.changedAt, change.to),
              change,
            ),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ]);
      return true;
    } catch (error) {
      const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
      if (reasons.some((reason) => reason.Code === 'ConditionalCheckFailed')) return false;
      throw error;
    }
  }
}
