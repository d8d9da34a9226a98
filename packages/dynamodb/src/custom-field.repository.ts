import type { CustomFieldDefinition } from '@crm/domain';
import type { TableClient } from './document-client.js';
import { fromItem, toItem } from './item-codec.js';
import { keys } from './keys.js';
import { TenantTable } from './tenant-table.js';
import { updateVersioned } from './versioned-update.js';

/** The tenant's custom field definitions, one small partition (at most a few hundred fields). */
export class CustomFieldRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  async create({ definition }: { definition: CustomFieldDefinition }): Promise<void> {
    await this.table.put(toItem('customField', keys.customField(this.tenantId, definition.key), definition), {
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  }

  async list(): Promise<CustomFieldDefinition[]> {
    const page = await this.table.query({
      partitionValue: keys.customFieldsPartition(this.tenantId),
      Limit: 1000,
    });
    return page.items.map((item) => fromItem<CustomFieldDefinition>(item));
  }

  async get({ key }: { key: string }): Promise<CustomFieldDefinition | undefined> {
    const item = await this.table.get(keys.customField(this.tenantId, key));
    return item ? fromItem<CustomFieldDefinition>(item) : undefined;
  }

  async update(input: {
    key: string;
    expectedVersion: number;
    changes: Record<string, unknown>;
    now: string;
  }) {
    return updateVersioned<CustomFieldDefinition>(this.table, {
      key: keys.customField(this.tenantId, input.key),
      expectedVersion: input.expectedVersion,
      changes: input.changes,
      now: input.now,
      entityName: 'custom field',
    });
  }
}
