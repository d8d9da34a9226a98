import { Logger } from '@aws-lambda-powertools/logger';
import { SQSClient } from '@aws-sdk/client-sqs';
import { AnalyticsService, refitCursor } from '@crm/app/analytics';
import { createTableClient, createTenantScopedClientFactory, sharedClientFactory } from '@crm/dynamodb';
import type { Context } from 'aws-lambda';
import { traced, tracedTable } from '../tracing.js';
import { NIGHTLY_PIECE_RESERVE_MS, sqsNightlyContinuation } from './nightly-fanout.js';
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
// A refit that runs short goes on in the nightly worker, as a night does (issue 21).
const nightlyQueueUrl = process.env.NIGHTLY_QUEUE_URL;
if (!nightlyQueueUrl) throw new Error('NIGHTLY_QUEUE_URL is not set');
const continueWith = sqsNightlyContinuation(nightlyQueueUrl, traced(new SQSClient({})));

/**
 * Lambda entry of one tenant's on-demand refit, invoked asynchronously by the API for
 * `POST /v1/analytics/refit` (`refit-tenant`): the stored running record is worked on in pieces
 * (pages read, the fit, pages of scores) while 10 of the 15 minutes remain, as the nightly worker
 * does; the rest goes on the nightly queue as a refit-only continuation. The nightly refit of every
 * tenant is the nightly queue's work; any other event is refused, so it lands in the failure queue.
 */
export const handler = async (event: unknown, context: Pick<Context, 'getRemainingTimeInMillis'>) => {
  const { tenantId, fitId, startedAt } = RefitTenantEventSchema.parse(event);
  const analytics = new AnalyticsService({ tenantClient, clock: () => new Date() });
  const step = await analytics.completeDispatchedRefit(
    { tenantId, fitId, startedAt },
    { more: () => context.getRemainingTimeInMillis() > NIGHTLY_PIECE_RESERVE_MS },
  );
  if (step && !step.done) {
    await continueWith({
      tenantId,
      night: new Date().toISOString().slice(0, 10),
      resume: { job: 'refit', cursor: refitCursor(step.run) },
      only: ['refit'],
    });
    logger.info('tenant refit continues', { tenantId, fitId, progress: step.progress });
    return { tenantId, fitId, status: 'running' };
  }
  const status = step?.outcome.status ?? 'skipped';
  logger.info('tenant refit', { tenantId, fitId, status: step ? status : 'not running (skipped)' });
  return { tenantId, fitId, status };
};
