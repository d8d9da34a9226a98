import { Logger } from '@aws-lambda-powertools/logger';
import { createTableClient, MailSuppressionRepository } from '@crm/dynamodb';
import type { SNSEvent } from 'aws-lambda';
import { z } from 'zod';
import { tracedTable } from '../tracing.js';

const logger = new Logger({ serviceName: 'crm-mail-events' });

const tableName = process.env.TABLE_NAME;
if (!tableName) throw new Error('TABLE_NAME is not set');
// Set only when the handler runs against DynamoDB Local (tests); never in AWS.
const endpoint = process.env.DYNAMODB_ENDPOINT;
const suppressions = new MailSuppressionRepository(
  tracedTable(createTableClient({ tableName, ...(endpoint ? { endpoint } : {}) })),
);

// SES event publishing (configuration set → SNS): only what is recorded is read.
const SesEvent = z.looseObject({
  eventType: z.string(),
  bounce: z
    .looseObject({
      bounceType: z.string(),
      bounceSubType: z.string().optional(),
      bouncedRecipients: z.array(z.looseObject({ emailAddress: z.string() })),
    })
    .optional(),
  complaint: z
    .looseObject({
      complaintFeedbackType: z.string().optional(),
      complainedRecipients: z.array(z.looseObject({ emailAddress: z.string() })),
    })
    .optional(),
  mail: z.looseObject({ timestamp: z.string().optional() }).optional(),
});

/**
 * Records SES bounces and complaints so the SES mailer stops sending to those addresses.
 * Transient bounces are only logged: the address may work tomorrow. Writing the same record
 * twice is harmless, so SNS's redeliveries are too.
 */
export async function handler(event: SNSEvent): Promise<void> {
  for (const record of event.Records) {
    const parsed = SesEvent.safeParse(JSON.parse(record.Sns.Message));
    if (!parsed.success) {
      logger.warn('not an SES event', { messageId: record.Sns.MessageId });
      continue;
    }
    const at = record.Sns.Timestamp;
    const { eventType, bounce, complaint } = parsed.data;
    if (eventType === 'Bounce' && bounce) {
      const detail = `${bounce.bounceType}/${bounce.bounceSubType ?? ''}`;
      if (bounce.bounceType !== 'Permanent') {
        logger.info('transient bounce', { detail, recipients: bounce.bouncedRecipients.length });
        continue;
      }
      for (const recipient of bounce.bouncedRecipients) {
        await suppressions.record({
          email: recipient.emailAddress.toLowerCase(),
          reason: 'bounce',
          detail,
          at,
        });
      }
    } else if (eventType === 'Complaint' && complaint) {
      for (const recipient of complaint.complainedRecipients) {
        await suppressions.record({
          email: recipient.emailAddress.toLowerCase(),
          reason: 'complaint',
          detail: complaint.complaintFeedbackType ?? 'complaint',
          at,
        });
      }
    }
  }
}
