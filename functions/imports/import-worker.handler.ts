import { Logger } from '@aws-lambda-powertools/logger';
import { ImportService } from '@crm/app/imports';
import { createTenantScopedClientFactory } from '@crm/dynamodb';
import { tracedTable } from '../tracing.js';
import { ImportEventSchema } from './import-request.js';
import { s3ImportUploads } from './s3-import-uploads.js';

const logger = new Logger({ serviceName: 'crm-imports' });
const tableName = process.env.TABLE_NAME;
const bucket = process.env.IMPORT_BUCKET;
if (!tableName) throw new Error('TABLE_NAME is not set');
if (!bucket) throw new Error('IMPORT_BUCKET is not set');
// The tenant-scoped role (infra's TenantScopedRole): each call works for one tenant, so it
// reads and writes with that tenant's session (IAM LeadingKeys) and has no table rights of its own.
const roleArn = process.env.TENANT_ROLE_ARN;
if (!roleArn) throw new Error('TENANT_ROLE_ARN is not set');

const imports = new ImportService({
  tenantClient: createTenantScopedClientFactory({ tableName, roleArn, instrument: tracedTable }),
  clock: () => new Date(),
  queue: {
    uploads: s3ImportUploads(bucket),
    dispatch: async () => {
      throw new Error('the import worker does not queue imports');
    },
  },
});

/**
 * Lambda entry of the import worker: runs one import the API accepted (202) from the file it
 * stored in S3, with the same ImportService the local server runs in the request.
 */
export const handler = async (event: unknown) => {
  const request = ImportEventSchema.parse(event);
  const report = await imports.runQueued(request);
  logger.info('import', {
    tenantId: request.tenantId,
    importId: request.importId,
    status: report?.status ?? 'not queued (skipped)',
    rowsWritten: report?.rowsWritten,
    rowsRejected: report?.rowsRejected,
  });
  return { importId: request.importId, status: report?.status ?? 'skipped' };
};
