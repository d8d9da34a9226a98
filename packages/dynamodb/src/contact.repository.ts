import type { Contact } from '@crm/domain';
import { conditionHeld } from './condition-failure.js';
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
      toItem(
        'contact',
        {
          ...keys.contact(this.tenantId, contact.customerId, contact.id),
          ...(contact.birthday
            ? keys.contactBirthdaysIndex(this.tenantId, contact.birthday, contact.customerId, contact.id)
            : {}),
        },
        contact,
      ),
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
    const birthday = input.changes.birthday;
    // The birthday index moves with the birthday: set with it, removed when it is cleared.
    const index =
      'birthday' in input.changes
        ? typeof birthday === 'string'
          ? keys.contactBirthdaysIndex(this.tenantId, birthday, input.customerId, input.contactId)
          : { gsi2pk: undefined, gsi2sk: undefined }
        : {};
    return updateVersioned<Contact>(this.table, {
      key: keys.contact(this.tenantId, input.customerId, input.contactId),
      expectedVersion: input.expectedVersion,
      changes: { ...input.changes, ...index },
      now: input.now,
      entityName: 'contact',
    });
  }

  /**
   * Contacts whose birthday (month-day) falls between `from` and `to` (MM-DD, inclusive; `to`
   * before `from` wraps over the new year), with their customer.
   */
  async withBirthdayBetween(from: string, to: string): Promise<Contact[]> {
    const ranges: [string, string][] =
      from <= to
        ? [[from, to]]
        : [
            [from, '12-31'],
            ['01-01', to],
          ];
    const contacts: Contact[] = [];
    for (const [start, end] of ranges) {
      const items = await this.table.queryAll({
        partitionValue: keys.contactBirthdaysPartition(this.tenantId),
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2sk BETWEEN :start AND :end',
        // '~' sorts after every id character: the whole last day.
        ExpressionAttributeValues: { ':start': start, ':end': `${end}~` },
      });
      contacts.push(...items.map((item) => fromItem<Contact>(item)));
    }
    return contacts;
  }

  async delete({ customerId, contactId }: { customerId: string; contactId: string }): Promise<boolean> {
    return conditionHeld(
      this.table.delete(keys.contact(this.tenantId, customerId, contactId), {
        condition: 'attribute_exists(pk)',
      }),
    );
  }
}
