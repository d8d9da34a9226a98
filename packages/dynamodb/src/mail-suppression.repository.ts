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

/** A phone number SNS reported as never taking SMS (invalid, opted out, blocked). */
export type SmsSuppression = {
  /** E.164, as SNS reports it. */
  phone: string;
  reason: 'sms_failure';
  /** SNS's own words: the provider response. */
  detail: string;
  at: string;
};

/**
 * Addresses SES reported as permanently bouncing or complaining, and phone numbers SNS reported as
 * never taking SMS: the senders skip them.
 */
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

  async recordPhone(suppression: SmsSuppression): Promise<void> {
    await this.platform.put(
      toItem('smsSuppression', platformKeys.smsSuppression(suppression.phone), suppression),
    );
  }

  /** `phone` in E.164. */
  async getPhone({ phone }: { phone: string }): Promise<SmsSuppression | undefined> {
    const item = await this.platform.get(platformKeys.smsSuppression(phone));
    return item ? fromItem<SmsSuppression>(item) : undefined;
  }
}
