export type { ChurnChunkResult, ChurnReviewResult } from './churn.jobs.js';
export { reviewChurnAllTenants, reviewChurnChunk } from './churn.jobs.js';
export type { ChurnPolicyView } from './churn.service.js';
export { ChurnService } from './churn.service.js';
