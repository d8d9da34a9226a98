import type { TableClient } from './document-client.js';
import { epochSeconds, fromItem, toItem } from './item-codec.js';
import { platformKeys, tenantDirectory } from './keys.js';
import { PlatformTable } from './platform-table.js';

/**
 * Whose unsubscribe a link is: the tenant, the customer and the campaign it came with, and the
 * address it was sent to — a contact's (`contactId`) or the customer's own (no `contactId`; links
 * made before sends went per contact carry neither `channel` nor `to` and mean the customer).
 */
export type UnsubscribeLink = {
  tenantId: string;
  customerId: string;
  campaignId: string;
  validUntil: string;
  contactId?: string;
  channel?: 'email' | 'sms';
  to?: string;
};

/**
 * Unsubscribe links of campaign messages: a platform item keyed by the hash of the link's token
 * (the token itself is never stored), listed in the tenant's directory so its export and deletion
 * find it, and removed by TTL when it expires.
 */
export class UnsubscribeLinkRepository {
  private readonly platform: PlatformTable;

  constructor(client: TableClient) {
    this.platform = new PlatformTable(client);
  }

  async create({ tokenHash, link }: { tokenHash: string; link: UnsubscribeLink }): Promise<void> {
    const key = platformKeys.unsubscribeToken(tokenHash);
    await this.platform.put(
      toItem(
        'unsubscribeLink',
        { ...key, ...tenantDirectory.index(link.tenantId, 'UNSUBLINKS', key.pk) },
        link,
        { expiresAt: epochSeconds(new Date(link.validUntil)) },
      ),
      { ConditionExpression: 'attribute_not_exists(pk)' },
    );
  }

  async find(tokenHash: string): Promise<UnsubscribeLink | undefined> {
    const item = await this.platform.get(platformKeys.unsubscribeToken(tokenHash));
    return item ? fromItem<UnsubscribeLink>(item) : undefined;
  }
}
