import { Logger } from '@aws-lambda-powertools/logger';
import { AnalyticsService } from '@crm/app/analytics';
import { createTableClient, createTenantScopedClientFactory, sharedClientFactory } from '@crm/dynamodb';
import { tracedTable } from '../tracing.js';
import { RefitTenantEventSchema } from './refit-request.js';

const logger = new Logger({ serviceName: 'crm-scheduled' });
const tableName = process.env.TABLE_NAME;
if (!tableName) throw new Error('TABLE_NAME is not set');
// Set only when the handler runs against DynamoDB Local; never in AWS.
const endpoint = process.env.DYNAMODB_ENDPOINT;
const roleArn = process.env.TENANT_ROLE_ARN;
// In AWS the refit reads and writes with its tenant's session only (the tenant-scoped role,
// IAM LeadingKeys): the function's own role holds no table rights. DynamoDB Local has no IAM.
const tenantClient =
  roleArn && !endpoint
    ? createTenantScopedClientFactory({ tableName, roleArn, instrument: tracedTable })
    : sharedClientFactory(createTableClient({ tableName, ...(endpoint ? { endpoint } : {}) }));

/**
 * Lambda entry of one tenant's on-demand refit, invoked asynchronously by the API for
 * `POST /v1/analytics/refit` (`refit-tenant`): the stored running record is completed. The
 * nightly refit of every tenant is the nightly queue's work (nightly-dispatcher and
 * nightly-worker handlers); any other event is refused, so it lands in the failure queue.
 */
export const handler = async (event: unknown) => {
  const { tenantId, fitId, startedAt } = RefitTenantEventSchema.parse(event);
  const analytics = new AnalyticsService({ tenantClient, clock: () => new Date() });
  const outcome = await analytics.completeDispatchedRefit({ tenantId, fitId, startedAt });
  logger.info('tenant refit', { tenantId, fitId, status: outcome?.status ?? 'not running (skipped)' });
  return { tenantId, fitId, status: outcome?.status ?? 'skipped' };
};
