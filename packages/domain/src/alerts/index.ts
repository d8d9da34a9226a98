export type {
  Alert,
  AlertAssign,
  AlertKind,
  AlertReason,
  AlertSnooze,
  AlertStatus,
  AlertType,
} from './alert.schema.js';
export {
  AlertAssignSchema,
  AlertReasonSchema,
  AlertSchema,
  AlertSnoozeSchema,
  AlertStatusSchema,
  AlertTypeSchema,
  alertKinds,
  alertStatuses,
  alertTypes,
} from './alert.schema.js';
export { alertTypesHiddenFrom } from './alert-visibility.js';
