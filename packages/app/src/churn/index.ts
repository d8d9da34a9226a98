export type { ChurnReviewResult } from './churn.jobs.js';
export { reviewChurnAllTenants } from './churn.jobs.js';
export type { ChurnPolicyView } from './churn.service.js';
export { ChurnService } from './churn.service.js';
