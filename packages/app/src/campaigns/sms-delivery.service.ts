import type { SmsDeliveryOutcome } from '@crm/domain';
import {
  CampaignRepository,
  MailSuppressionRepository,
  SmsMessageRepository,
  type TableClient,
  type TenantClientFactory,
} from '@crm/dynamodb';

/** What one delivery status did: nothing to do, a bounce counted, or nothing found to bounce. */
export type SmsDeliveryResult = {
  outcome: 'delivered' | 'bounced' | 'duplicate' | 'unknown_message';
  /** The number was put on the suppression list (a permanent failure). */
  suppressed: boolean;
};

/**
 * SMS delivery status fed back (SNS → CloudWatch Logs in AWS, `/dev/mailbox` locally): a failed
 * campaign SMS counts bounced for its address (and its customer, when none of its messages was
 * delivered), exactly once however often the report arrives; a permanent failure also suppresses
 * the number, as a permanent SES bounce suppresses an e-mail address. The report names only the
 * provider's message id and the number: the SMS's platform item says whose it was.
 */
export class SmsDeliveryService {
  private readonly deps: { table: TableClient; tenantClient: TenantClientFactory; clock: () => Date };
  private readonly messages: SmsMessageRepository;
  private readonly suppressions: MailSuppressionRepository;

  constructor(deps: SmsDeliveryService['deps']) {
    this.deps = deps;
    this.messages = new SmsMessageRepository(deps.table);
    this.suppressions = new MailSuppressionRepository(deps.table);
  }

  async record(outcome: SmsDeliveryOutcome): Promise<SmsDeliveryResult> {
    if (outcome.kind === 'delivered') return { outcome: 'delivered', suppressed: false };
    // The number never takes SMS: suppressed whether or not the message is still known (as SES's).
    if (outcome.permanent) {
      await this.suppressions.recordPhone({
        phone: outcome.phone,
        reason: 'sms_failure',
        detail: outcome.detail,
        at: this.deps.clock().toISOString(),
      });
    }
    const message = await this.messages.find(outcome.messageId);
    if (!message) return { outcome: 'unknown_message', suppressed: outcome.permanent };
    const campaigns = new CampaignRepository(this.deps.tenantClient(message.tenantId), message.tenantId);
    const marked = await campaigns.markDeliveryFailed({
      campaignId: message.campaignId,
      customerId: message.customerId,
      messageId: outcome.messageId,
      detail: outcome.detail,
    });
    return { outcome: marked === 'bounced' ? 'bounced' : 'duplicate', suppressed: outcome.permanent };
  }
}
