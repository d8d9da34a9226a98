import { Logger } from '@aws-lambda-powertools/logger';
import { AnalyticsService, refitAllTenants } from '@crm/app/analytics';
import { reviewChurnAllTenants } from '@crm/app/churn';
import { reviewComplaintSlasAllTenants } from '@crm/app/complaints';
import { reviewCreditAllTenants } from '@crm/app/credit';
import { runServicePlansAllTenants } from '@crm/app/service';
import { createCareTasksAllTenants } from '@crm/app/tasks';
import { createTableClient, sharedClientFactory } from '@crm/dynamodb';
import { RefitTenantEventSchema } from './refit-request.js';

const logger = new Logger({ serviceName: 'crm-scheduled' });
const tableName = process.env.TABLE_NAME;
if (!tableName) throw new Error('TABLE_NAME is not set');
// Set only when the handler runs against DynamoDB Local; never in AWS.
const endpoint = process.env.DYNAMODB_ENDPOINT;
const table = createTableClient({ tableName, ...(endpoint ? { endpoint } : {}) });
const tenantClient = sharedClientFactory(table);

/**
 * Lambda entry of the analytics refit, for two callers:
 * - the API, asynchronously, for one tenant's `POST /v1/analytics/refit` (`refit-tenant`): the
 *   stored running record is completed;
 * - EventBridge Scheduler at 02:00 UTC (infra/lib/stacks/scheduled-stack.ts), any other event:
 *   every registered tenant's BG/NBD and Gamma-Gamma models are refitted and every customer
 *   rescored. Failed fits are stored per tenant and reported here. Then the nightly credit pass
 *   re-evaluates every customer whose receivables time alone has made overdue (after the refit,
 *   so credit reads the fresh ABC classes), and the churn pass moves customers whose time since
 *   the last order has grown (after the refit too: it reads the fresh P(alive) and ABC class).
 */
export const handler = async (event: unknown) => {
  const request = RefitTenantEventSchema.safeParse(event);
  if (request.success) {
    const { tenantId, fitId, startedAt } = request.data;
    const analytics = new AnalyticsService({ tenantClient, clock: () => new Date() });
    const outcome = await analytics.completeDispatchedRefit({ tenantId, fitId, startedAt });
    logger.info('tenant refit', { tenantId, fitId, status: outcome?.status ?? 'not running (skipped)' });
    return { tenantId, fitId, status: outcome?.status ?? 'skipped' };
  }
  const result = await refitAllTenants({
    table,
    tenantClient,
    log: (message, details) => logger.info(message, details ?? {}),
  });
  logger.info('nightly refit done', { ...result });
  const credit = await reviewCreditAllTenants({
    table,
    tenantClient,
    log: (message, details) => logger.info(message, details ?? {}),
  });
  logger.info('nightly credit review done', { ...credit });
  const churn = await reviewChurnAllTenants({
    table,
    tenantClient,
    log: (message, details) => logger.info(message, details ?? {}),
  });
  logger.info('nightly churn review done', { ...churn });
  const complaints = await reviewComplaintSlasAllTenants({
    table,
    tenantClient,
    log: (message, details) => logger.info(message, details ?? {}),
  });
  logger.info('nightly complaint SLA review done', { ...complaints });
  const servicePlans = await runServicePlansAllTenants({
    table,
    tenantClient,
    log: (message, details) => logger.info(message, details ?? {}),
  });
  logger.info('nightly service plan run done', { ...servicePlans });
  // After credit's pass: its overdue marks reach the stream, which creates the 催付 tasks.
  const care = await createCareTasksAllTenants({
    table,
    tenantClient,
    log: (message, details) => logger.info(message, details ?? {}),
  });
  logger.info('nightly care tasks done', { ...care });
  return { ...result, credit, churn, complaints, servicePlans, care };
};
