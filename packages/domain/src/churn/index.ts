export {
  isDueWithin,
  nextAnniversary,
  reorderReminderDate,
  reorderReminderDateFromWindow,
} from './care-reminders.js';
export type { ChurnFile } from './churn-file.schema.js';
export { ChurnFileSchema } from './churn-file.schema.js';
export type { ChurnPolicy } from './churn-policy.schema.js';
export { ChurnPolicySchema, defaultChurnPolicy } from './churn-policy.schema.js';
export type {
  ChurnAssessment,
  ChurnInputs,
  ChurnState,
  ChurnTransition,
  CustomerWorth,
  WinBackAction,
} from './churn-state.js';
export {
  assessChurn,
  churnStates,
  churnTransition,
  isValuable,
  suggestWinBack,
  winBackActions,
} from './churn-state.js';
