import { z } from 'zod';
import { comparisonOps } from './workflow-condition.schema.js';

const traceFields = {
  op: z.enum(['all', 'any', 'not', ...comparisonOps]),
  matched: z.boolean(),
  path: z.string().optional(),
  actual: z.unknown().optional().describe('The value found at the path'),
  expected: z.unknown().optional(),
};
const TraceLeafSchema = z.object(traceFields);
const TraceInnerSchema = z.object({ ...traceFields, of: z.array(TraceLeafSchema).optional() });
/** How each condition came out (groups list their members under `of`). */
export const ConditionTraceSchema = z
  .object({ ...traceFields, of: z.array(TraceInnerSchema).optional() })
  .meta({ id: 'WorkflowConditionTrace' });

export const PlannedStepSchema = z
  .object({
    index: z.number().int().describe('Position in the workflow’s actions, from 0'),
    type: z.enum(['webhook', 'task', 'update_customer', 'email', 'complaint', 'wait']),
    summary: z.string().describe('What the action does, in words'),
    effect: z.record(z.string(), z.unknown()).describe('What it would write or send'),
  })
  .meta({ id: 'WorkflowPlannedStep' });
export type PlannedStep = z.infer<typeof PlannedStepSchema>;

/** Outcome of a workflow on one event: the same for a dry run and a real run (`planWorkflow`). */
export const WorkflowPlanSchema = z
  .object({
    eventId: z.string(),
    eventType: z.string(),
    triggerMatched: z.boolean().describe('The event is the trigger’s and passes its filter'),
    matched: z.boolean().describe('The trigger matched and the conditions hold: the actions run'),
    conditions: ConditionTraceSchema,
    customerId: z.string().optional().describe('The customer the actions concern'),
    actions: z.array(PlannedStepSchema),
  })
  .meta({ id: 'WorkflowPlan' });
export type WorkflowPlan = z.infer<typeof WorkflowPlanSchema>;

export const workflowRunStatuses = ['running', 'waiting', 'completed', 'failed', 'stopped'] as const;
export type WorkflowRunStatus = (typeof workflowRunStatuses)[number];

export const WorkflowRunStepSchema = z
  .object({
    index: z.number().int(),
    type: PlannedStepSchema.shape.type,
    status: z.enum(['done', 'failed', 'waiting']),
    summary: z.string(),
    result: z.record(z.string(), z.unknown()).optional().describe('What was written: ids, versions'),
    error: z.string().optional(),
    at: z.string(),
    ms: z.number().int().min(0),
  })
  .meta({ id: 'WorkflowRunStep' });
export type WorkflowRunStep = z.infer<typeof WorkflowRunStepSchema>;

export const WorkflowRunSchema = z
  .object({
    id: z.string(),
    workflowId: z.string(),
    workflowVersion: z.number().int(),
    trigger: z.enum(['event', 'schedule', 'manual']),
    eventId: z.string(),
    eventType: z.string(),
    customerId: z.string().optional(),
    status: z
      .enum(workflowRunStatuses)
      .describe('stopped: not run, the depth limit was reached (a workflow triggering itself)'),
    /** 1 for a run caused by a person or the system; a run caused by a workflow's write is one deeper. */
    depth: z.number().int(),
    plan: WorkflowPlanSchema,
    steps: z.array(WorkflowRunStepSchema).describe('The actions taken so far, in order'),
    nextStep: z.number().int().describe('The next action to take (= actions taken when finished)'),
    resumeAt: z.string().optional().describe('While waiting: when the run continues'),
    error: z.string().optional(),
    startedAt: z.string(),
    finishedAt: z.string().optional(),
    durationMs: z.number().int().optional().describe('Working time, waits excluded'),
  })
  .meta({ id: 'WorkflowRun' });
export type WorkflowRun = z.infer<typeof WorkflowRunSchema>;

export const WorkflowTestSchema = z
  .strictObject({
    event: z
      .strictObject({
        type: z.string().max(100).optional().describe('Default: the trigger’s event'),
        data: z
          .record(z.string().max(64), z.unknown())
          .refine((data) => JSON.stringify(data).length <= 20_000, 'must be at most 20 KB')
          .describe('The entity after the change'),
        previous: z.record(z.string().max(64), z.unknown()).optional(),
        changedFields: z.array(z.string().max(64)).max(100).optional(),
      })
      .optional()
      .describe('A sample event'),
    eventId: z
      .string()
      .max(64)
      .regex(/^[A-Za-z0-9_:-]+$/, 'must be an event id')
      .optional()
      .describe('A real past event that ran (or was stopped in) any workflow'),
    customerId: z
      .string()
      .max(26)
      .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a customer id (ULID)')
      .optional()
      .describe('Schedule and manual workflows: the customer as it is now'),
  })
  .refine((input) => [input.event, input.eventId, input.customerId].filter(Boolean).length === 1, {
    message: 'give exactly one of event, eventId or customerId',
    path: ['event'],
  })
  .meta({ id: 'WorkflowTest' });
export type WorkflowTest = z.infer<typeof WorkflowTestSchema>;
