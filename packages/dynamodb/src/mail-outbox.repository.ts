import type { TableClient } from './document-client.js';
import { epochSeconds, fromItem, toItem } from './item-codec.js';
import { keys, platformKeys } from './keys.js';
import { PlatformTable } from './platform-table.js';
import { TenantTable } from './tenant-table.js';
import type { Mail } from './user.repository.js';

// The local outbox is a developer's mailbox, not an archive.
const OUTBOX_RETENTION_MS = 14 * 24 * 60 * 60 * 1000;

/**
 * The local runtime's mailbox: the platform outbox holds every mail (the /dev/mailbox page lists
 * it, with verification and reset links); mails about a tenant are also filed in its outbox,
 * which its admins read through /v1/dev/outbox.
 */
export class MailOutboxRepository {
  private readonly client: TableClient;

  constructor(client: TableClient) {
    this.client = client;
  }

  /** Every mail lands in the platform outbox (the local mailbox page); a tenant's also in its own. */
  async add({ tenantId, mail }: { tenantId?: string; mail: Mail }): Promise<void> {
    const expiresAt = epochSeconds(new Date(new Date(mail.createdAt).getTime() + OUTBOX_RETENTION_MS));
    if (tenantId) {
      await new TenantTable(this.client, tenantId).put(
        toItem('mail', keys.mail(tenantId, mail.id), mail, { expiresAt }),
      );
    }
    await new PlatformTable(this.client).put(
      toItem('mail', platformKeys.platformMail(mail.id), mail, { expiresAt }),
    );
  }

  /** The newest mails, of every tenant and of none. */
  async listPlatform({ limit = 100 }: { limit?: number } = {}): Promise<Mail[]> {
    // Sort keys end in ULIDs, so the key order is the sending order.
    const items = await new PlatformTable(this.client).queryPartition(
      platformKeys.platformOutbox,
      undefined,
      {
        limit,
        newestFirst: true,
      },
    );
    return items.map((item) => fromItem<Mail>(item));
  }
}
