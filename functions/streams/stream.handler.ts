import { Logger } from '@aws-lambda-powertools/logger';
import { createReactions } from '@crm/app/reactions';
import { createStreamHandler } from '@crm/app/streams';
import { createTableClient } from '@crm/dynamodb';
import { sqsWebhookScheduler } from '../webhooks/sqs-webhook-scheduler.js';

const logger = new Logger({ serviceName: 'crm-streams' });
const tableName = process.env.TABLE_NAME;
if (!tableName) throw new Error('TABLE_NAME is not set');
// Set only when the handler runs against DynamoDB Local; never in AWS.
const endpoint = process.env.DYNAMODB_ENDPOINT;
const webhookQueueUrl = process.env.WEBHOOK_QUEUE_URL;

/** Lambda entry for the table's DynamoDB stream (infra/lib/constructs/stream-consumer.ts). */
export const handler = createStreamHandler({
  reactions: createReactions({
    table: createTableClient({ tableName, ...(endpoint ? { endpoint } : {}) }),
    // The fan-out announces each delivery on the queue the webhook worker reads.
    ...(webhookQueueUrl ? { webhookScheduler: sqsWebhookScheduler({ queueUrl: webhookQueueUrl }) } : {}),
  }),
  logger,
});
