import type { TableClient } from './document-client.js';
import { epochSeconds, fromItem, toItem } from './item-codec.js';
import { platformKeys, tenantDirectory } from './keys.js';
import { PlatformTable } from './platform-table.js';

/** Whose campaign SMS a provider message id is: the tenant, campaign, customer and the number. */
export type SmsMessage = {
  messageId: string;
  tenantId: string;
  campaignId: string;
  customerId: string;
  to: string;
  sentAt: string;
};

/**
 * SNS reports delivery up to 72 hours after the send; the lookup is kept a month, then removed by
 * TTL (a status arriving later finds nothing and is passed over).
 */
const KEEP_DAYS = 30;

/**
 * Campaign SMS by the provider's message id (a platform item: a delivery status names no tenant),
 * listed in the tenant's directory so its export and deletion find it.
 */
export class SmsMessageRepository {
  private readonly platform: PlatformTable;

  constructor(client: TableClient) {
    this.platform = new PlatformTable(client);
  }

  async record(message: SmsMessage): Promise<void> {
    const key = platformKeys.smsMessage(message.messageId);
    await this.platform.put(
      toItem(
        'smsMessage',
        { ...key, ...tenantDirectory.index(message.tenantId, 'SMSMESSAGES', key.pk) },
        message,
        { expiresAt: epochSeconds(new Date(new Date(message.sentAt).getTime() + KEEP_DAYS * 86_400_000)) },
      ),
    );
  }

  async find(messageId: string): Promise<SmsMessage | undefined> {
    const item = await this.platform.get(platformKeys.smsMessage(messageId));
    return item ? fromItem<SmsMessage>(item) : undefined;
  }
}
