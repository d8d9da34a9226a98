export type { TenantPassOutcome } from './each-tenant.js';
export { forEachTenant } from './each-tenant.js';
export type {
  NightlyJob,
  NightlyJobDeps,
  NightlyResumePoint,
  NightlyRunOptions,
  NightlyRunResult,
  TenantNightlyOutcome,
} from './nightly-jobs.js';
export { nightlyJobs, runNightlyAllTenants, runNightlyForTenant } from './nightly-jobs.js';
