export type { NightlyRefitResult } from './analytics.jobs.js';
export { refitAllTenants } from './analytics.jobs.js';
export { customerScoresReaction } from './analytics.reactions.js';
export type {
  KnownOrders,
  RefitDispatch,
  RefitOutcome,
  RefitProgress,
  RefitRequest,
  RefitStep,
} from './analytics.service.js';
export { AnalyticsService, refitCursor } from './analytics.service.js';
