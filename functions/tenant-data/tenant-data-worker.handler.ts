import { Logger } from '@aws-lambda-powertools/logger';
import { createServices, inMemorySigningKey } from '@crm/app';
import { createTableClient } from '@crm/dynamodb';
import { s3ImportUploads } from '../imports/s3-import-uploads.js';
import { s3ExportArchives } from './s3-export-archives.js';
import { TenantDataEventSchema } from './tenant-data-request.js';

/** Longer than the worker's 15 min timeout: a deletion requested before is not running any more. */
const RUNNING_JOB_MS = 20 * 60_000;
const logger = new Logger({ serviceName: 'crm-tenant-data' });
const tableName = process.env.TABLE_NAME;
const exportBucket = process.env.EXPORT_BUCKET;
const importBucket = process.env.IMPORT_BUCKET;
if (!tableName) throw new Error('TABLE_NAME is not set');
if (!exportBucket) throw new Error('EXPORT_BUCKET is not set');
const table = createTableClient({ tableName });

const services = createServices({
  table,
  // The worker signs no token; the services' constructor wants a key all the same.
  signingKey: inMemorySigningKey(),
  exportArchives: s3ExportArchives(exportBucket),
  ...(importBucket
    ? {
        importQueue: {
          uploads: s3ImportUploads(importBucket),
          dispatch: async () => {
            throw new Error('the tenant data worker does not queue imports');
          },
        },
      }
    : {}),
  tenantDataDispatch: async () => {
    throw new Error('the tenant data worker starts no other job');
  },
});

/**
 * Lambda entry of the tenant data worker: builds one export or runs one deletion the API
 * accepted (202), with the same services the local server runs in its own process. Both jobs
 * are idempotent, so Lambda's retries of an async invocation are harmless.
 */
export const handler = async (event: unknown) => {
  const job = TenantDataEventSchema.parse(event);
  if (job.kind === 'resumeDeletions') {
    // A job still running (this worker lives 15 min at most) is left alone.
    const outcome = await services.tenantData.deletion.resumePending({
      requestedBefore: new Date(Date.now() - RUNNING_JOB_MS),
    });
    logger.info('tenant deletions resumed', { ...outcome });
    return { kind: job.kind, ...outcome };
  }
  await services.tenantData.run(job);
  logger.info('tenant data job', { ...job });
  return { ...job, status: 'done' };
};
