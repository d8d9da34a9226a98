import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { Mailer } from '@crm/app';
import { phoneE164 } from '@crm/domain';
import pRetry, { AbortError } from 'p-retry';
import { traced } from '../tracing.js';

const THROTTLING = new Set(['ThrottledException', 'ThrottlingException', 'TooManyRequestsException']);

/**
 * A phone number in E.164 (`+8613800000000`) as SNS takes it (the domain's one reading, which the
 * delivery status and the SMS suppression list share).
 *
 * @example
 * e164('+86 138 0000 0000'); // '+8613800000000'
 */
export const e164 = phoneE164;

export type SnsSmsOptions = {
  /** `Promotional` (cheaper, may be delayed) suits campaigns. @default 'Promotional' */
  smsType?: 'Promotional' | 'Transactional';
  client?: SNSClient;
};

/**
 * Campaign SMS through Amazon SNS, straight to the phone number (no topic): the mailer port for
 * `campaign-sms`. A number SNS will not take, or an SNS refusal, throws: the campaign counts the
 * recipient bounced. Throttling answers are retried with backoff. Answers SNS's MessageId, which
 * the delivery status SNS logs later names (functions/mail/sms-delivery-status.handler.ts).
 */
export function snsSmsSender(options: SnsSmsOptions = {}): Mailer {
  const client = options.client ?? traced(new SNSClient({}));
  return {
    async send(mail) {
      if (mail.kind !== 'campaign-sms')
        throw new Error(`The SMS sender sends campaign SMS only, not ${mail.kind}`);
      const phoneNumber = e164(mail.to);
      if (!phoneNumber) throw new Error('Not an international phone number (E.164, with its country code)');
      const command = new PublishCommand({
        PhoneNumber: phoneNumber,
        Message: mail.text,
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: options.smsType ?? 'Promotional' },
        },
      });
      const published = await pRetry(
        async () => {
          try {
            return await client.send(command);
          } catch (error) {
            if (error instanceof Error && THROTTLING.has(error.name)) throw error;
            throw new AbortError(error instanceof Error ? error : String(error));
          }
        },
        { retries: 4, minTimeout: 200, factor: 2 },
      );
      return { messageId: published.MessageId };
    },
  };
}

/**
 * One mailer port over two channels: campaign SMS to the SMS sender, everything else to the
 * e-mail sender (which refuses SMS: without an SMS sender they count bounced, as before).
 */
export function channelMailer(channels: { email: Mailer; sms?: Mailer | undefined }): Mailer {
  return {
    send: (mail) => (mail.kind === 'campaign-sms' && channels.sms ? channels.sms : channels.email).send(mail),
  };
}
