import { Logger } from '@aws-lambda-powertools/logger';
import { createReactions } from '@crm/app/reactions';
import { createStreamHandler, tableRecordKeeper } from '@crm/app/streams';
import { createTableClient } from '@crm/dynamodb';
import { tracedTable } from '../tracing.js';
import { sqsWebhookScheduler } from '../webhooks/sqs-webhook-scheduler.js';

const logger = new Logger({ serviceName: 'crm-streams' });
const tableName = process.env.TABLE_NAME;
if (!tableName) throw new Error('TABLE_NAME is not set');
// Set only when the handler runs against DynamoDB Local; never in AWS.
const endpoint = process.env.DYNAMODB_ENDPOINT;
const webhookQueueUrl = process.env.WEBHOOK_QUEUE_URL;

const table = tracedTable(createTableClient({ tableName, ...(endpoint ? { endpoint } : {}) }));

/** Lambda entry for the table's DynamoDB stream (infra/lib/constructs/stream-consumer.ts). */
export const handler = createStreamHandler({
  reactions: createReactions({
    table,
    // The fan-out announces each delivery on the queue the webhook worker reads.
    ...(webhookQueueUrl ? { webhookScheduler: sqsWebhookScheduler({ queueUrl: webhookQueueUrl }) } : {}),
  }),
  logger,
  // A record failing again and again is kept whole for `npm run ops -- replay` and let go, so it
  // holds up neither its shard nor, after Lambda's retries, leaves only a pointer in the DLQ.
  keeper: tableRecordKeeper({ table }),
});
