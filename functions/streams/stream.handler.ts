import { Logger } from '@aws-lambda-powertools/logger';
import { createReactions } from '@crm/app/reactions';
import { createStreamHandler } from '@crm/app/streams';
import { createTableClient } from '@crm/dynamodb';

const logger = new Logger({ serviceName: 'crm-streams' });
const tableName = process.env.TABLE_NAME;
if (!tableName) throw new Error('TABLE_NAME is not set');
// Set only when the handler runs against DynamoDB Local; never in AWS.
const endpoint = process.env.DYNAMODB_ENDPOINT;

/** Lambda entry for the table's DynamoDB stream (infra/lib/constructs/stream-consumer.ts). */
export const handler = createStreamHandler({
  reactions: createReactions({ table: createTableClient({ tableName, ...(endpoint ? { endpoint } : {}) }) }),
  logger,
});
