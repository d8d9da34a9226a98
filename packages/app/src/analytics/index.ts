export type { NightlyRefitResult } from './analytics.jobs.js';
export { refitAllTenants } from './analytics.jobs.js';
export { customerScoresReaction } from './analytics.reactions.js';
export type { RefitDispatch, RefitOutcome, RefitRequest } from './analytics.service.js';
export { AnalyticsService } from './analytics.service.js';
