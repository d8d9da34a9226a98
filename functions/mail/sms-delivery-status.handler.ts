import { Logger } from '@aws-lambda-powertools/logger';
import { SmsDeliveryService } from '@crm/app';
import { createTableClient, createTenantScopedClientFactory } from '@crm/dynamodb';
import { tracedTable } from '../tracing.js';
import { smsDeliveryStatusHandler } from './sms-delivery-status.js';

const logger = new Logger({ serviceName: 'crm-sms-events' });
const tableName = process.env.TABLE_NAME;
if (!tableName) throw new Error('TABLE_NAME is not set');
const roleArn = process.env.TENANT_ROLE_ARN;
if (!roleArn) throw new Error('TENANT_ROLE_ARN is not set');

// Platform items (the SMS lookup, the suppression list) with the function's own rights, bound to
// those keys; the campaign's recipient through its tenant's session.
const table = tracedTable(createTableClient({ tableName }));

/**
 * Lambda entry subscribed to SNS's SMS delivery status log groups (CloudWatch Logs subscription
 * filters, infra/lib/constructs/sms-delivery-status.ts): a failed campaign SMS counts bounced, a
 * number that never takes SMS is suppressed (docs/campaigns.md, "SMS delivery status").
 */
export const handler = smsDeliveryStatusHandler({
  smsDelivery: new SmsDeliveryService({
    table,
    tenantClient: createTenantScopedClientFactory({ tableName, roleArn, instrument: tracedTable }),
    clock: () => new Date(),
  }),
  logger,
});
