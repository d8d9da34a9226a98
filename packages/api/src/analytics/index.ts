export type { RefitDispatch, RefitOutcome, RefitRequest } from './analytics.service.js';
export { AnalyticsService } from './analytics.service.js';
export { customerScoresReaction } from './customer-scores.reaction.js';
export type { NightlyRefitResult } from './nightly-refit.js';
export { refitAllTenants } from './nightly-refit.js';
