import { inMemorySigningKey, rateLimitsFromEnv } from '@crm/app';
import { createTableClient, createTenantScopedClientFactory } from '@crm/dynamodb';
import { createApp } from '@crm/http';
import { handle } from 'hono/aws-lambda';
import { s3ImportUploads } from '../imports/s3-import-uploads.js';
import { sesMailer } from '../mail/ses-mailer.js';
import { channelMailer, snsSmsSender } from '../mail/sns-sms.js';
import { s3ExportArchives } from '../tenant-data/s3-export-archives.js';
import { tracedTable } from '../tracing.js';
import { sqsWebhookScheduler } from '../webhooks/sqs-webhook-scheduler.js';
import { lambdaClientAddress } from './client-address.js';
import { lambdaImportDispatch } from './lambda-import-dispatch.js';
import { lambdaRefitDispatch } from './lambda-refit-dispatch.js';
import { lambdaTenantDataDispatch } from './lambda-tenant-data-dispatch.js';
import { secretsManagerOriginSecret } from './secrets-manager-origin-secret.js';
import { secretsManagerSigningKey } from './secrets-manager-signing-key.js';

const tableName = process.env.TABLE_NAME;
if (!tableName) throw new Error('TABLE_NAME is not set');
// Set only when the handler runs against DynamoDB Local (tests); never in AWS.
const endpoint = process.env.DYNAMODB_ENDPOINT;
const secretArn = process.env.JWT_SECRET_ARN;
const roleArn = process.env.TENANT_ROLE_ARN;
const refitFunctionName = process.env.REFIT_FUNCTION_NAME;
const importBucket = process.env.IMPORT_BUCKET;
const importFunctionName = process.env.IMPORT_FUNCTION_NAME;
// The SPA's address (CloudFront or the custom domain): the only base of links in mails.
const publicUrl = process.env.PUBLIC_URL;
const mailFrom = process.env.MAIL_FROM;
const mailConfigurationSet = process.env.MAIL_CONFIGURATION_SET;
// Campaign SMS through SNS (context `campaignSms`); without it they count bounced.
const smsEnabled = process.env.SMS_ENABLED === 'true';
const webhookQueueUrl = process.env.WEBHOOK_QUEUE_URL;
// CloudFront adds this header with the secret's value; without both, every caller is served.
const originVerifyHeader = process.env.ORIGIN_VERIFY_HEADER;
const originVerifySecretArn = process.env.ORIGIN_VERIFY_SECRET_ARN;
const exportBucket = process.env.EXPORT_BUCKET;
const tenantDataFunctionName = process.env.TENANT_DATA_FUNCTION_NAME;
if (!endpoint && !secretArn) throw new Error('JWT_SECRET_ARN is not set');

/** Lambda entry for the HTTP API: the same Hono app the local runtime serves. */
export const handler = handle(
  createApp({
    table: tracedTable(createTableClient({ tableName, ...(endpoint ? { endpoint } : {}) })),
    ...(roleArn && !endpoint
      ? { tenantClient: createTenantScopedClientFactory({ tableName, roleArn, instrument: tracedTable }) }
      : {}),
    signingKey: secretArn ? secretsManagerSigningKey(secretArn) : inMemorySigningKey(),
    version: process.env.APP_VERSION ?? 'dev',
    clientAddress: lambdaClientAddress,
    ...(originVerifyHeader && originVerifySecretArn
      ? {
          originGuard: {
            header: originVerifyHeader,
            acceptedValues: secretsManagerOriginSecret(originVerifySecretArn),
          },
        }
      : {}),
    // Unset variables keep the defaults; a bad value fails the cold start, not a request.
    rateLimits: rateLimitsFromEnv(process.env),
    ...(publicUrl ? { publicUrl } : {}),
    // Without a sender (tests on DynamoDB Local) mails stay in the table's outbox.
    ...(mailFrom
      ? {
          mailer: channelMailer({
            email: sesMailer({
              from: mailFrom,
              ...(mailConfigurationSet ? { configurationSet: mailConfigurationSet } : {}),
              table: tracedTable(createTableClient({ tableName })),
            }),
            sms: smsEnabled ? snsSmsSender() : undefined,
          }),
        }
      : {}),
    ...(refitFunctionName ? { refitDispatch: lambdaRefitDispatch(refitFunctionName) } : {}),
    // Resend, recover and ping queue their attempts here (tenant-scoped credentials may write no
    // platform item, which the local runtime's due-tenant list is).
    ...(webhookQueueUrl
      ? { webhooks: { scheduler: sqsWebhookScheduler({ queueUrl: webhookQueueUrl }) } }
      : {}),
    ...(importBucket && importFunctionName
      ? {
          importQueue: {
            uploads: s3ImportUploads(importBucket),
            dispatch: lambdaImportDispatch(importFunctionName),
          },
        }
      : {}),
    // Exports and deletions run in the tenant data worker; archives wait in S3 for one presigned GET.
    ...(exportBucket ? { exportArchives: s3ExportArchives(exportBucket) } : {}),
    ...(tenantDataFunctionName
      ? { tenantDataDispatch: lambdaTenantDataDispatch(tenantDataFunctionName) }
      : {}),
  }),
);
