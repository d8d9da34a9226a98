import { Logger } from '@aws-lambda-powertools/logger';
import { createWorkflowRunner, resumeDueWorkflowRuns, runScheduledWorkflows } from '@crm/app/workflows';
import { createTableClient, sharedClientFactory } from '@crm/dynamodb';
import { tracedTable } from '../tracing.js';
import { sqsWebhookScheduler } from '../webhooks/sqs-webhook-scheduler.js';

const logger = new Logger({ serviceName: 'crm-workflows' });
const tableName = process.env.TABLE_NAME;
if (!tableName) throw new Error('TABLE_NAME is not set');
// Set only when the handler runs against DynamoDB Local; never in AWS.
const endpoint = process.env.DYNAMODB_ENDPOINT;
const webhookQueueUrl = process.env.WEBHOOK_QUEUE_URL;
const table = tracedTable(createTableClient({ tableName, ...(endpoint ? { endpoint } : {}) }));
const clock = () => new Date();
const runner = createWorkflowRunner({
  table,
  clock,
  // A workflow's webhook action goes through the same delivery queue as the fan-out.
  ...(webhookQueueUrl ? { webhookScheduler: sqsWebhookScheduler({ queueUrl: webhookQueueUrl }) } : {}),
});

/** How often EventBridge Scheduler invokes this (infra/lib/stacks/streams-stack.ts). */
export const WORKFLOW_SCHEDULER_MINUTES = 5;

/**
 * Lambda entry of the workflow scheduler, every 5 minutes: continues the waiting runs whose time
 * has come (docs/workflows.md, "Waits"), and in the first pass of each hour runs that hour's
 * schedule-triggered workflows (idempotent per day, hour and customer, so a retried pass adds none).
 */
export const handler = async (): Promise<Record<string, unknown>> => {
  const resumed = await resumeDueWorkflowRuns({ table, runner, clock, limit: 500 });
  logger.info('waiting workflow runs continued', { ...resumed });
  if (clock().getUTCMinutes() >= WORKFLOW_SCHEDULER_MINUTES) return { resumed };
  const scheduled = await runScheduledWorkflows({
    table,
    tenantClient: sharedClientFactory(table),
    runner,
    clock,
  });
  logger.info('scheduled workflows run', { ...scheduled });
  return { resumed, scheduled };
};
