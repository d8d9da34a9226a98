export { DeletedTenants } from './deleted-tenants.js';
export type { ExportArchives } from './export-archives.js';
export { exportArchiveKey, inMemoryExportArchives } from './export-archives.js';
export { archiveCustomerCsvColumns, omittedEntityTypes, TenantArchiveWriter } from './tenant-archive.js';
export type { TenantDataDispatch, TenantDataJob } from './tenant-data-jobs.js';
export { InProcessTenantDataJobs } from './tenant-data-runner.js';
export { TenantDeletionService } from './tenant-deletion.service.js';
export { TenantExportService } from './tenant-export.service.js';
