export type { ComplaintSlaReviewResult } from './complaints.jobs.js';
export { reviewComplaintSlasAllTenants } from './complaints.jobs.js';
