export type { ConditionSubject, ConditionTrace } from './evaluate-condition.js';
export { evaluateCondition, valueAt } from './evaluate-condition.js';
export type { WorkflowEvent } from './plan-workflow.js';
export {
  customerIdOf,
  MANUAL_EVENT,
  MAX_WORKFLOW_DEPTH,
  planWorkflow,
  SCHEDULE_EVENT,
  workflowActor,
  workflowRunOfActor,
} from './plan-workflow.js';
export type {
  Workflow,
  WorkflowAction,
  WorkflowActionInput,
  WorkflowCreate,
  WorkflowPatch,
  WorkflowStatus,
  WorkflowTrigger,
} from './workflow.schema.js';
export {
  WorkflowActionSchema,
  WorkflowCreateSchema,
  WorkflowPatchSchema,
  WorkflowSchema,
  WorkflowStatusSchema,
  WorkflowTriggerSchema,
  workflowMailTemplates,
  workflowStatuses,
} from './workflow.schema.js';
export type { Comparison, ComparisonOp, Condition, ConditionInput } from './workflow-condition.schema.js';
export { ComparisonSchema, ConditionSchema, comparisonOps } from './workflow-condition.schema.js';
export type {
  PlannedStep,
  WorkflowPlan,
  WorkflowRun,
  WorkflowRunStatus,
  WorkflowRunStep,
  WorkflowTest,
} from './workflow-run.schema.js';
export {
  ConditionTraceSchema,
  PlannedStepSchema,
  WorkflowPlanSchema,
  WorkflowRunSchema,
  WorkflowRunStepSchema,
  WorkflowTestSchema,
  workflowRunStatuses,
} from './workflow-run.schema.js';
export type { WorkflowTemplate, WorkflowTemplateId } from './workflow-templates.js';
export {
  sayIn,
  WorkflowFromTemplateSchema,
  WorkflowTemplateSchema,
  workflowTemplateIds,
  workflowTemplates,
} from './workflow-templates.js';
