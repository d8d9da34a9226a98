import { DomainError } from '@crm/domain';
import { fromItem, toItem } from './item-codec.js';
import type { TableKey } from './keys.js';
import type { TenantTable } from './tenant-table.js';

/**
 * One of a tenant's versioned settings items (a policy, the sales setup): read whole, and saved
 * only while it is still at the version the admin read, so two admins never overwrite each other.
 */
export class VersionedSettingsItem<Stored extends { version: number }> {
  constructor(
    private readonly table: TenantTable,
    private readonly entityType: string,
    private readonly key: TableKey,
    /** What a stale save answers, e.g. "The credit policy was changed by someone else; reload it". */
    private readonly conflictMessage: string,
  ) {}

  async get(): Promise<Stored | undefined> {
    const item = await this.table.get(this.key);
    return item ? fromItem<Stored>(item) : undefined;
  }

  /** Saves `stored` if the item is still at `expectedVersion` (0: none saved yet); else `version_conflict`. */
  async put(stored: Stored, expectedVersion: number): Promise<void> {
    try {
      await this.table.put(toItem(this.entityType, this.key, stored), {
        ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : '#version = :expected',
        ...(expectedVersion === 0
          ? {}
          : {
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':expected': expectedVersion },
            }),
      });
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') {
        throw new DomainError('version_conflict', this.conflictMessage);
      }
      throw error;
    }
  }
}
