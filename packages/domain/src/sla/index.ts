export type { SlaTracked, StepEscalation } from './step-sla.js';
export { dueAfterHours, escalateStepIfOverdue, isStepPastDue } from './step-sla.js';
