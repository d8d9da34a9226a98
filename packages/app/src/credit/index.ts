export type { CreditReviewResult } from './credit.jobs.js';
export { reviewCreditAllTenants } from './credit.jobs.js';
export { CreditService } from './credit.service.js';
export { indexCreditFilesStoredBefore } from './credit-files-index-catch-up.js';
