import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer } from '@crm/app';
import { MailSuppressionRepository, type TableClient } from '@crm/dynamodb';
import pLimit from 'p-limit';
import pRetry, { AbortError } from 'p-retry';
import { traced } from '../tracing.js';

const THROTTLING = new Set(['TooManyRequestsException', 'LimitExceededException', 'ThrottlingException']);

export type SesMailerOptions = {
  /** The verified sender identity, e.g. `CRM <no-reply@crm.example.com>` (CDK context `mailFrom`). */
  from: string;
  /** The configuration set that publishes bounces and complaints (infra creates it). */
  configurationSet?: string;
  /** Where bounces and complaints were recorded: suppressed addresses get no mail. */
  table: TableClient;
  /** Sends at once per Lambda instance; SES's account rate is the real bound. @default 4 */
  concurrency?: number;
  client?: SESv2Client;
};

/**
 * The mailer port on Amazon SES (v2 API): the same rendered templates as the local outbox.
 * Sending is throttled: a few at a time per instance, and SES's throttling answers are retried
 * with backoff instead of failing the request.
 */
export function sesMailer(options: SesMailerOptions): Mailer {
  const client = options.client ?? traced(new SESv2Client({}));
  const suppressions = new MailSuppressionRepository(options.table);
  const limit = pLimit(options.concurrency ?? 4);
  return {
    async send(mail) {
      // SES sends e-mail only: a campaign SMS goes to SNS (channelMailer, sns-sms.ts) when the
      // stage enables it; reaching here it fails (a bounce in the campaign's results) rather than
      // going to SES with a phone number as the address.
      if (mail.kind === 'campaign-sms') throw new Error('No SMS provider is configured');
      if (await suppressions.get({ email: mail.to })) return;
      const command = new SendEmailCommand({
        FromEmailAddress: options.from,
        Destination: { ToAddresses: [mail.to] },
        ...(options.configurationSet ? { ConfigurationSetName: options.configurationSet } : {}),
        EmailTags: [{ Name: 'kind', Value: mail.kind }],
        Content: {
          Simple: {
            Subject: { Data: mail.subject, Charset: 'UTF-8' },
            Body: {
              Text: { Data: mail.text, Charset: 'UTF-8' },
              Html: { Data: mail.html, Charset: 'UTF-8' },
            },
          },
        },
      });
      await limit(() =>
        pRetry(
          async () => {
            try {
              await client.send(command);
            } catch (error) {
              if (error instanceof Error && THROTTLING.has(error.name)) throw error;
              throw new AbortError(error instanceof Error ? error : String(error));
            }
          },
          { retries: 4, minTimeout: 200, factor: 2 },
        ),
      );
    },
  };
}
