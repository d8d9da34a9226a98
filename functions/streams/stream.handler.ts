import { Logger } from '@aws-lambda-powertools/logger';
import { createStreamHandler } from './create-stream-handler.js';
import { createReactions } from './reactions.js';

const logger = new Logger({ serviceName: 'crm-streams' });

/** Lambda entry for the table's DynamoDB stream (infra/lib/constructs/stream-consumer.ts). */
export const handler = createStreamHandler({ reactions: createReactions(), logger });
