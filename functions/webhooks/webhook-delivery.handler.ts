import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { WebhookDeliveryWorker } from '@crm/app/webhooks';
import { createTenantScopedClientFactory } from '@crm/dynamodb';
import type { SQSEvent, SQSHandler, SQSRecord } from 'aws-lambda';
import { tracedTable } from '../tracing.js';
import { sqsWebhookScheduler } from './sqs-webhook-scheduler.js';
import { deliverQueuedWebhook } from './webhook-delivery-message.js';

const logger = new Logger({ serviceName: 'crm-webhooks' });
const tableName = process.env.TABLE_NAME;
if (!tableName) throw new Error('TABLE_NAME is not set');
const queueUrl = process.env.WEBHOOK_QUEUE_URL;
if (!queueUrl) throw new Error('WEBHOOK_QUEUE_URL is not set');
// The tenant-scoped role (infra's WebhookDelivery): each message names one tenant, so its attempt
// reads and writes with that tenant's session (IAM LeadingKeys); the function holds no table rights.
const roleArn = process.env.TENANT_ROLE_ARN;
if (!roleArn) throw new Error('TENANT_ROLE_ARN is not set');

const clock = () => new Date();
const scheduler = sqsWebhookScheduler({ queueUrl, clock });
// In AWS only public https targets: no loopback (the local runtime alone allows it).
const worker = new WebhookDeliveryWorker({
  tenantClient: createTenantScopedClientFactory({ tableName, roleArn, instrument: tracedTable }),
  clock,
  policy: { allowLoopback: false },
  scheduler,
});
const processor = new BatchProcessor(EventType.SQS);

/**
 * Lambda entry for the webhook delivery queue (infra/lib/constructs/webhook-delivery.ts): each
 * message is one attempt of one delivery. A failing message (the worker threw, not the receiver
 * failing: that is a logged attempt) is retried by SQS and ends in the DLQ.
 */
export const handler: SQSHandler = (event: SQSEvent, context) =>
  processPartialResponse(
    event,
    async (record: SQSRecord) => {
      const outcome = await deliverQueuedWebhook(record.body, { worker, scheduler, clock });
      logger.debug('webhook delivery message', { messageId: record.messageId, outcome });
    },
    processor,
    { context },
  );
