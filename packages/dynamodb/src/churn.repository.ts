import type { ChurnFile, ChurnPolicy, Customer } from '@crm/domain';
import { conditionHeld } from './condition-failure.js';
import { customerFromItem } from './customer-item.js';
import type { TableClient } from './document-client.js';
import { fromItem, toItem } from './item-codec.js';
import { keys } from './keys.js';
import { TenantTable } from './tenant-table.js';
import { VersionedSettingsItem } from './versioned-settings-item.js';

export type StoredChurnPolicy = {
  policy: ChurnPolicy;
  version: number;
  updatedAt: string;
  updatedBy: string;
};

/**
 * Churn's records: the tenant's policy and each customer's churn file, beside the customer item
 * in its partition (never on it: issue 20's rule that an unversioned write is never refused).
 */
export class ChurnRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  async getPolicy(): Promise<StoredChurnPolicy | undefined> {
    return this.settings().get();
  }

  /** Saves it only if it is still at `expectedVersion` (0: none saved yet); else `version_conflict`. */
  async putPolicy(stored: StoredChurnPolicy, expectedVersion: number): Promise<void> {
    await this.settings().put(stored, expectedVersion);
  }

  private settings() {
    return new VersionedSettingsItem<StoredChurnPolicy>(
      this.table,
      'churnPolicy',
      keys.churnPolicy(this.tenantId),
      'The churn policy was changed by someone else; reload it',
    );
  }

  /** What a churn evaluation reads, in one request (the stream evaluates on every order). */
  async getForEvaluation(customerId: string): Promise<{
    customer: Customer | undefined;
    policy: StoredChurnPolicy | undefined;
    file: ChurnFile | undefined;
  }> {
    const wanted = {
      customer: keys.customer(this.tenantId, customerId),
      policy: keys.churnPolicy(this.tenantId),
      file: keys.churnFile(this.tenantId, customerId),
    };
    const items = await this.table.batchGet(Object.values(wanted));
    const find = (key: { pk: string; sk: string }) =>
      items.find((item) => item.pk === key.pk && item.sk === key.sk);
    const customer = find(wanted.customer);
    const policy = find(wanted.policy);
    const file = find(wanted.file);
    return {
      customer: customer ? customerFromItem(customer) : undefined,
      policy: policy ? fromItem<StoredChurnPolicy>(policy) : undefined,
      file: file ? fromItem<ChurnFile>(file) : undefined,
    };
  }

  async getFile(customerId: string): Promise<ChurnFile | undefined> {
    const item = await this.table.get(keys.churnFile(this.tenantId, customerId));
    return item ? fromItem<ChurnFile>(item) : undefined;
  }

  /**
   * Writes the file unless the stored one is newer: the stream and the nightly pass may race, and
   * the one that knows a later order, else the later evaluation, wins. False when the stored one
   * was newer.
   */
  async saveFile(file: ChurnFile): Promise<boolean> {
    return conditionHeld(
      this.table.put(toItem('churnFile', keys.churnFile(this.tenantId, file.customerId), file), {
        ConditionExpression:
          'attribute_not_exists(pk) OR #lastOrderAt < :lastOrderAt OR (#lastOrderAt = :lastOrderAt AND #evaluatedAt <= :evaluatedAt)',
        ExpressionAttributeNames: { '#evaluatedAt': 'evaluatedAt', '#lastOrderAt': 'lastOrderAt' },
        ExpressionAttributeValues: { ':evaluatedAt': file.evaluatedAt, ':lastOrderAt': file.lastOrderAt },
      }),
    );
  }
}
