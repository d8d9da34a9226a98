import { z } from 'zod';
import {
  CustomerStatusSchema,
  LifecycleStageSchema,
  RelationshipLevelSchema,
  TagSchema,
} from '../customer.schema.js';
import { isEventType } from '../events/event-catalog.js';
import { idSchema } from '../ids.js';
import { WebhookFilterSchema } from '../webhooks/webhook-endpoint-record.schema.js';
import { ConditionSchema } from './workflow-condition.schema.js';

export const workflowStatuses = ['draft', 'active', 'inactive'] as const;
export const WorkflowStatusSchema = z
  .enum(workflowStatuses)
  .describe('draft: edited, never runs · active: runs · inactive: kept, does not run');
export type WorkflowStatus = z.infer<typeof WorkflowStatusSchema>;

/** What starts a run: a catalog event (optionally narrowed), a daily schedule, or a person on one customer. */
export const WorkflowTriggerSchema = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('event'),
      event: z
        .string()
        .max(100)
        .refine(isEventType, 'must be an event name from the catalog (GET /v1/events/catalog)'),
      filter: WebhookFilterSchema.optional().describe(
        'Only when one of `changed` changed, and `data` holds the `equals` values',
      ),
    }),
    z.strictObject({
      type: z.literal('schedule'),
      hourUtc: z
        .number()
        .int()
        .min(0)
        .max(23)
        .describe('Runs daily at this hour (UTC) over every live customer'),
    }),
    z.strictObject({ type: z.literal('manual').describe('Started by a person on one customer') }),
  ])
  .meta({ id: 'WorkflowTrigger' });
export type WorkflowTrigger = z.infer<typeof WorkflowTriggerSchema>;

export const workflowMailTemplates = ['complaint_acknowledgement', 'customer_notice'] as const;

/** What a run does, in order. Every action concerns the customer the event is about. */
export const WorkflowActionSchema = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('webhook'),
      endpointId: idSchema('a webhook endpoint id'),
    }),
    z.strictObject({
      type: z.literal('task'),
      assignTo: z
        .enum(['owner', 'admins'])
        .describe("owner: the customer's owner (the team's when none) · admins: each owner and admin"),
      title: z.string().trim().min(1, 'is required').max(200),
      dueInHours: z.number().int().min(0).max(720).default(24),
    }),
    z
      .strictObject({
        type: z.literal('update_customer'),
        status: CustomerStatusSchema.optional(),
        ownerId: idSchema('a user id').optional(),
        lifecycleStage: LifecycleStageSchema.optional(),
        relationshipLevel: RelationshipLevelSchema.optional(),
        addTags: z.array(TagSchema).max(10).optional(),
        removeTags: z.array(TagSchema).max(10).optional(),
        customFields: z
          .record(
            z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'custom field keys are lower_snake_case'),
            z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]),
          )
          .refine((fields) => Object.keys(fields).length <= 20, 'at most 20 fields')
          .optional(),
      })
      .refine((action) => Object.keys(action).some((key) => key !== 'type'), {
        message:
          'must change something: status, ownerId, lifecycleStage, relationshipLevel, tags or customFields',
      }),
    z.strictObject({
      type: z.literal('email'),
      template: z.enum(workflowMailTemplates),
      note: z.string().trim().max(1000).optional().describe('A line added to the template'),
    }),
    z.strictObject({
      type: z.literal('complaint'),
      summary: z.string().trim().min(1, 'is required').max(500),
      severity: z.enum(['low', 'medium', 'high', 'critical']).default('medium'),
    }),
    z
      .strictObject({
        type: z.literal('wait'),
        hours: z.number().int().min(0).max(720).default(0),
        days: z.number().int().min(0).max(30).default(0),
      })
      .refine((wait) => wait.hours + wait.days * 24 > 0, {
        message: 'must wait at least one hour',
        path: ['hours'],
      })
      .refine((wait) => wait.hours + wait.days * 24 <= 720, {
        message: 'must wait at most 30 days',
        path: ['days'],
      }),
  ])
  .meta({ id: 'WorkflowAction' });
export type WorkflowAction = z.output<typeof WorkflowActionSchema>;
export type WorkflowActionInput = z.input<typeof WorkflowActionSchema>;

const definitionFields = {
  name: z.string().trim().min(1, 'is required').max(200),
  description: z.string().trim().max(1000).optional(),
  trigger: WorkflowTriggerSchema,
  conditions: ConditionSchema.optional().describe('None: every triggering event runs the actions'),
  actions: z.array(WorkflowActionSchema).min(1, 'needs at least one action').max(20),
};

export const WorkflowCreateSchema = z
  .strictObject({ ...definitionFields, status: WorkflowStatusSchema.default('draft') })
  .meta({ id: 'WorkflowCreate' });
export type WorkflowCreate = z.input<typeof WorkflowCreateSchema>;

export const WorkflowPatchSchema = z
  .strictObject({
    name: definitionFields.name.optional(),
    description: definitionFields.description,
    trigger: definitionFields.trigger.optional(),
    conditions: ConditionSchema.nullable().optional().describe('null removes the conditions'),
    actions: definitionFields.actions.optional(),
    status: WorkflowStatusSchema.optional(),
    version: z.number().int().min(1).max(1e9).optional().describe('The version you read (or send If-Match)'),
  })
  .meta({ id: 'WorkflowPatch' });
export type WorkflowPatch = z.input<typeof WorkflowPatchSchema>;

export const WorkflowSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().optional(),
    status: WorkflowStatusSchema,
    trigger: WorkflowTriggerSchema,
    conditions: ConditionSchema.optional(),
    actions: z.array(WorkflowActionSchema),
    /** The template it was created from, if any. */
    template: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    createdBy: z.string(),
    updatedBy: z.string(),
    /** Every edit bumps it; runs are idempotent per (workflow, version, event). */
    version: z.number().int(),
  })
  .meta({ id: 'Workflow' });
export type Workflow = z.output<typeof WorkflowSchema>;
