import { Logger } from '@aws-lambda-powertools/logger';
import { refitAllTenants } from '@crm/api/analytics';
import { createTableClient, sharedClientFactory } from '@crm/dynamodb';

const logger = new Logger({ serviceName: 'crm-scheduled' });
const tableName = process.env.TABLE_NAME;
if (!tableName) throw new Error('TABLE_NAME is not set');
// Set only when the handler runs against DynamoDB Local; never in AWS.
const endpoint = process.env.DYNAMODB_ENDPOINT;
const table = createTableClient({ tableName, ...(endpoint ? { endpoint } : {}) });

/**
 * Lambda entry for the nightly analytics refit (EventBridge Scheduler, 02:00 UTC; see
 * infra/lib/stacks/scheduled-stack.ts): every registered tenant's BG/NBD and Gamma-Gamma models are
 * refitted and every customer rescored. Failed fits are stored per tenant and reported here.
 */
export const handler = async () => {
  const result = await refitAllTenants({
    table,
    tenantClient: sharedClientFactory(table),
    log: (message, details) => logger.info(message, details ?? {}),
  });
  logger.info('nightly refit done', { ...result });
  return result;
};
