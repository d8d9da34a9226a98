import type { TableClient } from './document-client.js';
import { fromItem, toItem } from './item-codec.js';
import { platformKeys } from './keys.js';
import { PlatformTable } from './platform-table.js';

export type MailSuppression = {
  email: string;
  reason: 'bounce' | 'complaint';
  /** SES's own words: bounce type and sub-type, or the complaint feedback type. */
  detail: string;
  at: string;
};

/** Addresses SES reported as permanently bouncing or complaining: the mailer skips them. */
export class MailSuppressionRepository {
  private readonly platform: PlatformTable;

  constructor(client: TableClient) {
    this.platform = new PlatformTable(client);
  }

  async record(suppression: MailSuppression): Promise<void> {
    await this.platform.put(
      toItem('mailSuppression', platformKeys.mailSuppression(suppression.email), suppression),
    );
  }

  async get({ email }: { email: string }): Promise<MailSuppression | undefined> {
    const item = await this.platform.get(platformKeys.mailSuppression(email));
    return item ? fromItem<MailSuppression>(item) : undefined;
  }
}
