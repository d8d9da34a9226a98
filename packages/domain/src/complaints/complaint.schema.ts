import { z } from 'zod';
import { idSchema } from '../ids.js';
import { channels } from '../interaction.schema.js';

/**
 * The eight steps of complaint handling (客户投诉管理, DOMAIN.md §7), named by the state each one
 * leaves the complaint in: 1 recorded (记录投诉), 2 validated (判断是否成立), 3 assigned (确定责任部门),
 * 4 analysed (分析原因), 5 proposed (提出处理方案), 6 approved (主管审批), 7 carried_out (实施处理),
 * 8 closed (总结评价). A complaint judged invalid at step 2 ends at once as `rejected`, with the
 * reason: closed too, but as its own step, so `closed` always means reviewed and rated.
 */
export const complaintSteps = [
  'recorded',
  'validated',
  'assigned',
  'analysed',
  'proposed',
  'approved',
  'carried_out',
  'closed',
  'rejected',
] as const;
export const ComplaintStepSchema = z.enum(complaintSteps).meta({ id: 'ComplaintStep' });
export type ComplaintStep = z.infer<typeof ComplaintStepSchema>;

/** The steps a complaint ends in. */
export const closedComplaintSteps = ['closed', 'rejected'] as const;
export type ClosedComplaintStep = (typeof closedComplaintSteps)[number];
export type OpenComplaintStep = Exclude<ComplaintStep, ClosedComplaintStep>;

export function isClosedComplaintStep(step: ComplaintStep): step is ClosedComplaintStep {
  return (closedComplaintSteps as readonly ComplaintStep[]).includes(step);
}

/** Steps a complaint waits in: each has an SLA; the closed ones have none. */
export const openComplaintSteps = complaintSteps.filter(
  (step): step is OpenComplaintStep => !isClosedComplaintStep(step),
);

export const complaintSeverities = ['low', 'medium', 'high', 'critical'] as const;
export const ComplaintSeveritySchema = z.enum(complaintSeverities).meta({ id: 'ComplaintSeverity' });
export type ComplaintSeverity = z.infer<typeof ComplaintSeveritySchema>;

export const complaintCategories = ['product', 'service', 'delivery', 'billing', 'staff', 'other'] as const;
export const ComplaintCategorySchema = z.enum(complaintCategories).meta({ id: 'ComplaintCategory' });
export type ComplaintCategory = z.infer<typeof ComplaintCategorySchema>;

/** What each transition does: the trail names it, the UI labels it. */
export const complaintActions = [
  'record',
  'accept',
  'reject',
  'assign',
  'analyse',
  'propose',
  'approve',
  'send_back',
  'carry_out',
  'review',
  // Not a step: the service-recovery call after closing, recorded on the closed complaint.
  'follow_up',
] as const;
export const ComplaintActionSchema = z.enum(complaintActions).meta({ id: 'ComplaintAction' });
export type ComplaintAction = z.infer<typeof ComplaintActionSchema>;

const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/** Attachments are links (a photo in the tenant's drive, a ticket elsewhere); files are not stored here. */
export const ComplaintAttachmentSchema = z
  .strictObject({
    url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2000),
    label: Text(200).optional(),
  })
  .meta({ id: 'ComplaintAttachment' });
export type ComplaintAttachment = z.infer<typeof ComplaintAttachmentSchema>;

export const ComplaintCreateSchema = z
  .strictObject({
    customerId: idSchema('a customer id'),
    summary: Text(500),
    description: z.string().trim().max(10_000).optional(),
    category: ComplaintCategorySchema.default('other'),
    severity: ComplaintSeveritySchema.default('medium'),
    channel: z.enum(channels).default('other'),
    attachments: z.array(ComplaintAttachmentSchema).max(20).default([]),
  })
  .meta({ id: 'ComplaintCreate' });
export type ComplaintCreate = z.output<typeof ComplaintCreateSchema>;

/** One step taken: who moved the complaint from where to where, when, and what they said. */
export const ComplaintTrailEntrySchema = z
  .object({
    at: z.string(),
    by: z.string(),
    action: ComplaintActionSchema,
    from: ComplaintStepSchema.nullable(),
    to: ComplaintStepSchema,
    /** The transition's fields as given (cause, resolution, comment, rating, …). */
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  })
  .meta({ id: 'ComplaintTrailEntry' });
export type ComplaintTrailEntry = z.infer<typeof ComplaintTrailEntrySchema>;

/** Raised when a step outlived its SLA (by the nightly pass, once per step visit). */
export const ComplaintEscalationSchema = z
  .object({ step: ComplaintStepSchema, dueAt: z.string(), at: z.string() })
  .meta({ id: 'ComplaintEscalation' });
export type ComplaintEscalation = z.infer<typeof ComplaintEscalationSchema>;

/** How the service-recovery call went: the customer won back, still unhappy, or never reached. */
export const complaintFollowUpOutcomes = ['won_back', 'still_unhappy', 'unreachable'] as const;
export const ComplaintFollowUpOutcomeSchema = z
  .enum(complaintFollowUpOutcomes)
  .meta({ id: 'ComplaintFollowUpOutcome' });
export type ComplaintFollowUpOutcome = z.infer<typeof ComplaintFollowUpOutcomeSchema>;

/** Service recovery (服务补救): a call-back after closing, to win the customer back. */
export const ComplaintFollowUpSchema = z
  .object({
    dueAt: z.string(),
    status: z.enum(['scheduled', 'done']),
    doneAt: z.string().optional(),
    doneBy: z.string().optional(),
    outcome: ComplaintFollowUpOutcomeSchema.optional(),
    note: z.string().optional(),
    /** The customer's satisfaction after the call (1–5), when asked: it joins the satisfaction figure. */
    score: z.number().int().optional(),
  })
  .meta({ id: 'ComplaintFollowUp' });
export type ComplaintFollowUp = z.infer<typeof ComplaintFollowUpSchema>;

/** The follow-up call's outcome, recorded once on a closed complaint. */
export const ComplaintFollowUpRecordSchema = z
  .strictObject({
    outcome: ComplaintFollowUpOutcomeSchema,
    note: z.string().trim().max(2000).optional(),
    /**
     * How satisfied the customer says it is now (1–5), asked on the call: service recovery's
     * outcome, added to the customer's satisfaction figure (满意度) beside the review's rating.
     * Not for a customer who could not be reached.
     */
    score: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(5, 'must be at most 5')
      .optional(),
    /** Optimistic concurrency: the version read; omitted, it applies to the current one. */
    version: z.number().int().min(1).max(1e9).optional(),
  })
  .superRefine((record, context) => {
    if (record.outcome === 'unreachable' && record.score !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['score'],
        message: 'a customer who could not be reached gave no score; leave it out',
      });
    }
  })
  .meta({ id: 'ComplaintFollowUpRecord' });
export type ComplaintFollowUpRecord = z.infer<typeof ComplaintFollowUpRecordSchema>;

export const ComplaintSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    summary: z.string(),
    description: z.string().optional(),
    category: ComplaintCategorySchema,
    severity: ComplaintSeveritySchema,
    channel: z.enum(channels),
    attachments: z.array(ComplaintAttachmentSchema),
    step: ComplaintStepSchema,
    /** How a closed complaint ended: resolved after review (`closed`), or `rejected` as invalid at step 2. */
    outcome: z.enum(['resolved', 'rejected']).nullable(),
    departmentId: z.string().nullable(),
    stepEnteredAt: z.string(),
    /** When the current step's SLA runs out; null once closed or rejected. */
    stepDueAt: z.string().nullable(),
    /** The current step outlived its SLA (set by the nightly pass, cleared by the next step). */
    overdue: z.boolean(),
    escalations: z.array(ComplaintEscalationSchema),
    rejectionReason: z.string().optional(),
    cause: z.string().optional(),
    resolution: z.string().optional(),
    approvalComment: z.string().optional(),
    actions: z.string().optional(),
    customerNotified: z.boolean().optional(),
    customerFeedback: z.string().optional(),
    /** The review's rating of how the complaint was handled, 1 (poor) to 5 (excellent). */
    rating: z.number().int().optional(),
    evaluation: z.string().optional(),
    followUp: ComplaintFollowUpSchema.nullable(),
    trail: z.array(ComplaintTrailEntrySchema),
    recordedAt: z.string(),
    recordedBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Complaint' });
export type Complaint = z.infer<typeof ComplaintSchema>;

/**
 * A transition request: `to` and the fields the transition needs (the rules in
 * complaint-transitions.ts say which; the others are refused).
 */
export const ComplaintTransitionRequestSchema = z
  .strictObject({
    /**
     * The step to move to. Any string: a step that is not next, or no step at all, is answered
     * 409 with the steps that are.
     */
    to: z.string().trim().min(1).max(40),
    /** Optimistic concurrency: the version read; omitted, the transition applies to the current one. */
    version: z.number().int().min(1).max(1e9).optional(),
    rejectionReason: z.string().max(2000).optional(),
    departmentId: z.string().max(26).optional(),
    cause: z.string().max(5000).optional(),
    resolution: z.string().max(5000).optional(),
    comment: z.string().max(2000).optional(),
    actions: z.string().max(5000).optional(),
    customerNotified: z.boolean().optional(),
    customerFeedback: z.string().max(5000).optional(),
    rating: z.number().optional(),
    evaluation: z.string().max(5000).optional(),
  })
  .meta({ id: 'ComplaintTransitionRequest' });
export type ComplaintTransitionRequest = z.infer<typeof ComplaintTransitionRequestSchema>;

export const DepartmentInputSchema = z
  .strictObject({
    name: Text(100),
    /** The tenant's users who work this department's complaints. */
    memberIds: z.array(idSchema('a user id')).max(200).default([]),
  })
  .meta({ id: 'DepartmentInput' });
export type DepartmentInput = z.output<typeof DepartmentInputSchema>;

export const DepartmentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    memberIds: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Department' });
export type Department = z.infer<typeof DepartmentSchema>;

/** Hours allowed in one step, per severity. */
const StepHoursSchema = z.strictObject(
  Object.fromEntries(
    complaintSeverities.map((severity) => [
      severity,
      z
        .number()
        .int('must be a whole number of hours')
        .min(1, 'must be at least 1 hour')
        .max(24 * 365, 'must be at most a year'),
    ]),
  ) as Record<ComplaintSeverity, z.ZodNumber>,
);

export const ComplaintSlaPolicySchema = z
  .strictObject({
    /** How long a complaint may wait in each open step before it is overdue, per severity. */
    hours: z.strictObject(
      Object.fromEntries(openComplaintSteps.map((step) => [step, StepHoursSchema])) as Record<
        OpenComplaintStep,
        typeof StepHoursSchema
      >,
    ),
    /** Days after closing when the service-recovery call-back (回访) is due. */
    followUpDays: z
      .number()
      .int('must be a whole number of days')
      .min(1, 'must be at least 1 day')
      .max(365, 'must be at most a year'),
  })
  .meta({ id: 'ComplaintSlaPolicy' });
export type ComplaintSlaPolicy = z.infer<typeof ComplaintSlaPolicySchema>;

const hours = (critical: number, high: number, medium: number, low: number) => ({
  critical,
  high,
  medium,
  low,
});

/** A small business's start: a critical complaint is judged within 4 hours, a low one within 2 days. */
export const defaultComplaintSlaPolicy: ComplaintSlaPolicy = {
  hours: {
    recorded: hours(4, 8, 24, 48),
    validated: hours(4, 8, 24, 48),
    assigned: hours(24, 48, 72, 120),
    analysed: hours(24, 48, 72, 120),
    proposed: hours(8, 24, 48, 72),
    approved: hours(24, 48, 72, 120),
    carried_out: hours(48, 72, 120, 168),
  },
  followUpDays: 14,
};

/**
 * The customer's satisfaction from closed complaints' ratings and service follow-ups' scores (both
 * 1–5), kept apart from the customer item.
 */
export const CustomerSatisfactionSchema = z
  .object({
    customerId: z.string(),
    ratings: z.number().int(),
    /** Mean rating 1–5; null before the first rated complaint. */
    mean: z.number().nullable(),
    lastRating: z.number().int().nullable(),
    lastRatedAt: z.string().nullable(),
  })
  .meta({ id: 'CustomerSatisfaction' });
export type CustomerSatisfaction = z.infer<typeof CustomerSatisfactionSchema>;

/** A move the caller may make now: where to, what it is called, and the fields it asks for. */
export const ComplaintNextStepSchema = z
  .object({
    to: ComplaintStepSchema,
    action: ComplaintActionSchema,
    fields: z.array(z.object({ name: z.string(), required: z.boolean() })),
  })
  .meta({ id: 'ComplaintNextStep' });
export type ComplaintNextStep = z.infer<typeof ComplaintNextStepSchema>;

/**
 * A complaint as the API answers it: `overdue` also when the step's due time has passed since the
 * nightly pass, and (on a single complaint) `next`, the moves the caller may make.
 */
export const ComplaintViewSchema = ComplaintSchema.extend({
  next: z.array(ComplaintNextStepSchema).optional(),
}).meta({ id: 'ComplaintView' });
export type ComplaintView = z.infer<typeof ComplaintViewSchema>;
