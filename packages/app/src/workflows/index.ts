export type { WorkflowSummary } from './workflow.service.js';
export { WorkflowService } from './workflow.service.js';
export { renderWorkflowMail } from './workflow-mail.js';
export type { RunTrigger, WorkflowRunnerDeps } from './workflow-runner.js';
export {
  createWorkflowRunner,
  runView,
  WORKFLOW_RUN_TIMEOUT_MS,
  WorkflowRunner,
  workflowRunId,
} from './workflow-runner.js';
export { resumeDueWorkflowRuns, runScheduledWorkflows } from './workflows.jobs.js';
export { workflowReaction } from './workflows.reactions.js';
