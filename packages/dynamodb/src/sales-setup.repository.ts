import type { SalesSetup } from '@crm/domain';
import type { TableClient } from './document-client.js';
import { keys } from './keys.js';
import { TenantTable } from './tenant-table.js';
import { VersionedSettingsItem } from './versioned-settings-item.js';

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
    return this.settings().get();
  }

  /** Saves it only if it is still at `expectedVersion` (0: none saved yet); else `version_conflict`. */
  async put(stored: StoredSalesSetup, expectedVersion: number): Promise<void> {
    await this.settings().put(stored, expectedVersion);
  }

  private settings() {
    return new VersionedSettingsItem<StoredSalesSetup>(
      this.table,
      'salesSetup',
      keys.salesSetup(this.tenantId),
      'The sales setup was changed by someone else; reload it',
    );
  }
}
