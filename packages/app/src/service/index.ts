export type { ServicePlanRunResult } from './service.jobs.js';
export { runServicePlansAllTenants, SERVICE_PLAN_ACTOR } from './service.jobs.js';
export type { ServiceSlaReviewResult } from './service-sla.jobs.js';
export { reviewServiceSlasAllTenants } from './service-sla.jobs.js';
export { backfillServiceDueTimes } from './service-sla-backfill.js';
