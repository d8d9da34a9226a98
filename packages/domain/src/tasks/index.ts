export type { CareContact, CareCustomer, CareReminder } from './care-plan.js';
export { birthdayWindow, plannedCareReminders, plannedContactBirthdays } from './care-plan.js';
export type {
  Task,
  TaskComplete,
  TaskCreate,
  TaskKind,
  TaskReassign,
  TaskSnooze,
  TaskStatus,
} from './task.schema.js';
export {
  TaskCompleteSchema,
  TaskCreateSchema,
  TaskKindSchema,
  TaskReassignSchema,
  TaskSchema,
  TaskSnoozeSchema,
  TaskStatusSchema,
  taskKinds,
  taskStatuses,
} from './task.schema.js';
export type { TaskPolicy } from './task-policy.schema.js';
export { defaultTaskPolicy, TaskPolicySchema } from './task-policy.schema.js';
