import type { Contact } from '@crm/domain';
import type { TableClient } from './document-client.js';
import { fromItem, toItem } from './item-codec.js';
import { keys, sortKeyPrefixes } from './keys.js';
import { TenantTable } from './tenant-table.js';
import { updateVersioned } from './versioned-update.js';

/** Contacts of a customer (联系人), in the customer's partition. */
export class ContactRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  async create({ contact }: { contact: Contact }): Promise<void> {
    await this.table.put(
      toItem('contact', keys.contact(this.tenantId, contact.customerId, contact.id), contact),
      {
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    );
  }

  async get({
    customerId,
    contactId,
  }: {
    customerId: string;
    contactId: string;
  }): Promise<Contact | undefined> {
    const item = await this.table.get(keys.contact(this.tenantId, customerId, contactId));
    return item ? fromItem<Contact>(item) : undefined;
  }

  async list({ customerId }: { customerId: string }): Promise<Contact[]> {
    const page = await this.table.query({
      partitionValue: keys.customerPartition(this.tenantId, customerId),
      KeyConditionExpression: 'begins_with(sk, :c)',
      ExpressionAttributeValues: { ':c': sortKeyPrefixes.contact },
      Limit: 500,
    });
    return page.items.map((item) => fromItem<Contact>(item));
  }

  async update(input: {
    customerId: string;
    contactId: string;
    expectedVersion: number;
    changes: Record<string, unknown>;
    now: string;
  }): Promise<Contact> {
    return updateVersioned<Contact>(this.table, {
      key: keys.contact(this.tenantId, input.customerId, input.contactId),
      expectedVersion: input.expectedVersion,
      changes: input.changes,
      now: input.now,
      entityName: 'contact',
    });
  }

  async delete({ customerId, contactId }: { customerId: string; contactId: string }): Promise<boolean> {
    try {
      await this.table.delete(keys.contact(this.tenantId, customerId, contactId), {
        condition: 'attribute_exists(pk)',
      });
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}
