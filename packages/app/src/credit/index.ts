export type { CreditReviewResult } from './credit.jobs.js';
export { reviewCreditAllTenants } from './credit.jobs.js';
export { CreditService } from './credit.service.js';
