import { DomainError, normaliseShare, type Share } from '@crm/domain';
import { conditionHeld } from './condition-failure.js';
import type { TableClient } from './document-client.js';
import { fromItem, toItem } from './item-codec.js';
import { cursorSortKeyPatterns, keys, sortKeyPrefixes } from './keys.js';
import { TenantTable } from './tenant-table.js';

/** Customers shared with channel partners (按权限共享). */
export class ShareRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  async put({ share }: { share: Share }): Promise<void> {
    const t = this.tenantId;
    await this.table.put(
      toItem(
        'share',
        {
          ...keys.share(t, share.partnerId, share.customerId),
          ...keys.sharesOfCustomerIndex(t, share.customerId, share.partnerId),
        },
        share,
      ),
    );
  }

  async get({
    partnerId,
    customerId,
  }: {
    partnerId: string;
    customerId: string;
  }): Promise<Share | undefined> {
    const item = await this.table.get(keys.share(this.tenantId, partnerId, customerId));
    return item ? normaliseShare(fromItem<Share>(item)) : undefined;
  }

  async delete({ partnerId, customerId }: { partnerId: string; customerId: string }): Promise<boolean> {
    return conditionHeld(
      this.table.delete(keys.share(this.tenantId, partnerId, customerId), {
        condition: 'attribute_exists(pk)',
      }),
    );
  }

  async listForPartner(input: { partnerId: string; limit: number; cursor?: string }) {
    const start = input.cursor ? decodeShareCursor(input.cursor) : undefined;
    const page = await this.table.query({
      partitionValue: keys.sharesOfPartner(this.tenantId, input.partnerId),
      Limit: input.limit,
      ...(start
        ? { ExclusiveStartKey: { pk: keys.sharesOfPartner(this.tenantId, input.partnerId), sk: start } }
        : {}),
    });
    const last = page.lastEvaluatedKey?.sk;
    return {
      items: page.items.map((item) => normaliseShare(fromItem<Share>(item))),
      nextCursor: typeof last === 'string' ? Buffer.from(last).toString('base64url') : null,
    };
  }

  /**
   * Every share a partner (a user or an organisation) holds, page by page to the end: a dealer's
   * portal and an organisation's page show them all (thousands at most per partner).
   */
  async listAllForPartner({ partnerId }: { partnerId: string }): Promise<Share[]> {
    const found: Share[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.listForPartner({ partnerId, limit: 500, ...(cursor ? { cursor } : {}) });
      found.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return found;
  }

  async listForCustomer({ customerId }: { customerId: string }): Promise<Share[]> {
    const page = await this.table.query({
      IndexName: 'gsi1',
      partitionValue: keys.sharesOfCustomer(this.tenantId, customerId),
      Limit: 500,
    });
    return page.items.map((item) => normaliseShare(fromItem<Share>(item)));
  }
}

/** The cursor that continues a partner's list after this customer (the form listForPartner hands out). */
export function shareCursorAfter(customerId: string): string {
  return Buffer.from(`${sortKeyPrefixes.sharedCustomer}${customerId}`).toString('base64url');
}

function decodeShareCursor(cursor: string): string {
  const sk = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!cursorSortKeyPatterns.sharedCustomer.test(sk)) {
    throw new DomainError('validation_failed', 'Invalid cursor: not a cursor this API issued', {
      fields: [{ path: 'cursor', message: 'not a cursor this API issued' }],
    });
  }
  return sk;
}
