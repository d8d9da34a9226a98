import { Logger } from '@aws-lambda-powertools/logger';
import { SQSClient } from '@aws-sdk/client-sqs';
import { runNightlyForTenant } from '@crm/app/nightly';
import { createTableClient, createTenantScopedClientFactory, sharedClientFactory } from '@crm/dynamodb';
import { traced } from '../tracing.js';
import { sqsWebhookScheduler } from '../webhooks/sqs-webhook-scheduler.js';
import { nightlyWorkerHandler, sqsNightlyContinuation } from './nightly-fanout.js';

const logger = new Logger({ serviceName: 'crm-nightly' });
const tableName = process.env.TABLE_NAME;
if (!tableName) throw new Error('TABLE_NAME is not set');
// Set only when the handler runs against DynamoDB Local; never in AWS.
const endpoint = process.env.DYNAMODB_ENDPOINT;
const roleArn = process.env.TENANT_ROLE_ARN;
const table = createTableClient({ tableName, ...(endpoint ? { endpoint } : {}) });
// In AWS each tenant's jobs run with credentials that reach only that tenant's keys (LeadingKeys).
const tenantClient =
  roleArn && !endpoint ? createTenantScopedClientFactory({ tableName, roleArn }) : sharedClientFactory(table);
// The webhook sweep announces lost deliveries on the delivery queue (infra: WebhookDelivery.connect).
const webhookQueueUrl = process.env.WEBHOOK_QUEUE_URL;
const webhookScheduler = webhookQueueUrl ? sqsWebhookScheduler({ queueUrl: webhookQueueUrl }) : undefined;
const log = (message: string, details?: Record<string, unknown>) => logger.info(message, details ?? {});
// A night cut short by the 15-minute limit goes on in a continuation message on this queue.
const nightlyQueueUrl = process.env.NIGHTLY_QUEUE_URL;
if (!nightlyQueueUrl) throw new Error('NIGHTLY_QUEUE_URL is not set');
const continueWith = sqsNightlyContinuation(nightlyQueueUrl, traced(new SQSClient({})));

/**
 * Lambda entry of the nightly queue (infra/lib/stacks/scheduled-stack.ts, batch size 1): every
 * nightly job (packages/app/src/nightly) for the message's tenant, from the message's resume point;
 * what does not fit in the invocation goes back on the queue as a continuation. A failed tenant is retried by
 * SQS alone and, after its last receive, waits in the DLQ (alarmed); no other tenant waits for it.
 */
export const handler = nightlyWorkerHandler(
  (tenantId, options) =>
    runNightlyForTenant(
      { table, tenantClient, log, ...(webhookScheduler ? { webhookScheduler } : {}) },
      tenantId,
      undefined,
      options,
    ),
  (outcome, record) =>
    logger.info(outcome.continuation ? 'tenant night continues' : 'tenant night done', {
      messageId: record.messageId,
      tenantId: outcome.tenantId,
      ms: outcome.ms,
      ...(outcome.continuation ? { continuation: outcome.continuation } : {}),
    }),
  { continueWith },
);
