import { Logger } from '@aws-lambda-powertools/logger';
import { SQSClient } from '@aws-sdk/client-sqs';
import { calendarDay } from '@crm/domain';
import { createTableClient, TenantRepository } from '@crm/dynamodb';
import { enqueueNightlyTenants } from './nightly-fanout.js';

const logger = new Logger({ serviceName: 'crm-nightly' });
const tableName = process.env.TABLE_NAME;
if (!tableName) throw new Error('TABLE_NAME is not set');
const queueUrl = process.env.NIGHTLY_QUEUE_URL;
if (!queueUrl) throw new Error('NIGHTLY_QUEUE_URL is not set');
const table = createTableClient({ tableName });
const client = new SQSClient({});

/**
 * EventBridge Scheduler at 02:00 UTC (infra/lib/stacks/scheduled-stack.ts): one message per
 * registered tenant on the nightly queue, which the worker drains with bounded concurrency. It
 * only reads the tenant registry, so a night of 10,000 tenants takes it seconds, not hours.
 */
export const handler = async () => {
  const tenantIds = await new TenantRepository(table).listTenantIds();
  const night = calendarDay(new Date().toISOString());
  const result = await enqueueNightlyTenants({ tenantIds, night, queueUrl, client });
  logger.info('nightly jobs dispatched', { night, ...result });
  return { night, ...result };
};
