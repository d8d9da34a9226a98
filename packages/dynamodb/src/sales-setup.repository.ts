import { DomainError, type SalesSetup } from '@crm/domain';
import type { TableClient } from './document-client.js';
import { fromItem, toItem } from './item-codec.js';
import { keys } from './keys.js';
import { TenantTable } from './tenant-table.js';

export type StoredSalesSetup = {
  setup: SalesSetup;
  version: number;
  updatedAt: string;
  updatedBy: string;
};

/** The tenant's pipelines and lead-grading rules: one versioned item. */
export class SalesSetupRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  async get(): Promise<StoredSalesSetup | undefined> {
    const item = await this.table.get(keys.salesSetup(this.tenantId));
    return item ? fromItem<StoredSalesSetup>(item) : undefined;
  }

  /** Saves the setup if it is still at `expectedVersion` (0: none saved yet). */
  async put(stored: StoredSalesSetup, expectedVersion: number): Promise<void> {
    try {
      await this.table.put(toItem('salesSetup', keys.salesSetup(this.tenantId), stored), {
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
        throw new DomainError('version_conflict', 'The sales setup was changed by someone else; reload it');
      }
      throw error;
    }
  }
}
