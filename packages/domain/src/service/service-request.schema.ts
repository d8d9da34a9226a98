import { z } from 'zod';
import { idSchema } from '../ids.js';
import { channels } from '../interaction.schema.js';

/**
 * The service process (客户服务与支持, DOMAIN.md §8), named by the state each step leaves the
 * request in: received (受理) → planned → dispatched (派工) → in_progress (visits) → resolved (the
 * result recorded) → followed_up (回访 by head office, with a satisfaction score: closes it). An open
 * request may be `cancelled` instead.
 */
export const serviceRequestStatuses = [
  'received',
  'planned',
  'dispatched',
  'in_progress',
  'resolved',
  'followed_up',
  'cancelled',
] as const;
export const ServiceRequestStatusSchema = z.enum(serviceRequestStatuses).meta({ id: 'ServiceRequestStatus' });
export type ServiceRequestStatus = z.infer<typeof ServiceRequestStatusSchema>;

/** The statuses a request ends in. */
export const closedServiceRequestStatuses = ['followed_up', 'cancelled'] as const;
export function isClosedServiceRequestStatus(status: ServiceRequestStatus): boolean {
  return (closedServiceRequestStatuses as readonly ServiceRequestStatus[]).includes(status);
}
/** Statuses in which visits may be planned or recorded. */
export const visitableServiceRequestStatuses: readonly ServiceRequestStatus[] = [
  'planned',
  'dispatched',
  'in_progress',
];

export const serviceCategories = [
  'installation',
  'repair',
  'maintenance',
  'inspection',
  'training',
  'consultation',
  'other',
] as const;
export const ServiceCategorySchema = z.enum(serviceCategories).meta({ id: 'ServiceCategory' });
export type ServiceCategory = z.infer<typeof ServiceCategorySchema>;

export const servicePriorities = ['low', 'normal', 'high', 'urgent'] as const;
export const ServicePrioritySchema = z.enum(servicePriorities).meta({ id: 'ServicePriority' });
export type ServicePriority = z.infer<typeof ServicePrioritySchema>;

/** What each transition does: the trail names it, the UI labels it. */
export const serviceActions = [
  'receive',
  'plan',
  'dispatch',
  'start',
  'resolve',
  'follow_up',
  'cancel',
  /** Not a step: a visit moved to another time (the calendar); the status stays. */
  'move_visit',
] as const;
export const ServiceActionSchema = z.enum(serviceActions).meta({ id: 'ServiceAction' });
export type ServiceAction = z.infer<typeof ServiceActionSchema>;

const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/** An instant with its offset, stored in UTC. */
export const ServiceInstantSchema = z.iso
  .datetime({ offset: true, message: 'must be an ISO-8601 date-time, e.g. 2026-01-02T03:04:05Z' })
  .max(40);

/** When the customer would like the service: a window, start before end. */
export const ServiceWindowSchema = z
  .strictObject({ from: ServiceInstantSchema, to: ServiceInstantSchema })
  .refine((window) => Date.parse(window.from) < Date.parse(window.to), {
    message: 'must end after it starts',
    path: ['to'],
  })
  .meta({ id: 'ServiceWindow' });
export type ServiceWindow = z.infer<typeof ServiceWindowSchema>;

/**
 * Who does the work: one technician (a user of the tenant), a team (a department, the same ones
 * complaints go to), or a partner user (a dealer or service station working for the tenant).
 */
export const ServiceAssigneeSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('user'), userId: idSchema('a user id') }),
    z.strictObject({ kind: z.literal('team'), departmentId: idSchema('a department id') }),
    z.strictObject({ kind: z.literal('partner'), userId: idSchema('a partner user id') }),
  ])
  .meta({ id: 'ServiceAssignee' });
export type ServiceAssignee = z.infer<typeof ServiceAssigneeSchema>;

export const ServiceVisitSchema = z
  .object({
    id: z.string(),
    start: z.string(),
    end: z.string(),
    /** The technician who goes (defaults to the assignee when it is one person). */
    technicianId: z.string().nullable(),
    notes: z.string().optional(),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ServiceVisit' });
export type ServiceVisit = z.infer<typeof ServiceVisitSchema>;

export const ServiceVisitInputSchema = z
  .strictObject({
    start: ServiceInstantSchema,
    end: ServiceInstantSchema,
    technicianId: idSchema('a user id').optional(),
    notes: z.string().trim().max(5000).optional(),
    /** Optimistic concurrency: the request's version read; omitted, the visit is added to the current one. */
    version: z.number().int().min(1).max(1e9).optional(),
  })
  .refine((visit) => Date.parse(visit.start) < Date.parse(visit.end), {
    message: 'must end after it starts',
    path: ['end'],
  })
  .meta({ id: 'ServiceVisitInput' });
export type ServiceVisitInput = z.infer<typeof ServiceVisitInputSchema>;

export const ServiceVisitPatchSchema = z
  .strictObject({
    start: ServiceInstantSchema.optional(),
    end: ServiceInstantSchema.optional(),
    technicianId: idSchema('a user id').nullable().optional(),
    notes: z.string().trim().max(5000).optional(),
    /** The request's version read (or If-Match). */
    version: z.number().int().min(1).max(1e9).optional(),
  })
  .meta({ id: 'ServiceVisitPatch' });
export type ServiceVisitPatch = z.infer<typeof ServiceVisitPatchSchema>;

/** The result of the work (服务结果), recorded when the request is resolved. */
export const ServiceResultSchema = z
  .object({ summary: z.string(), at: z.string(), by: z.string() })
  .meta({ id: 'ServiceResult' });

/** Head office's follow-up (回访): a visit or call, the customer's satisfaction 1–5 and a note. */
export const ServiceFollowUpSchema = z
  .object({
    method: z.enum(['call', 'visit']),
    score: z.number().int(),
    note: z.string(),
    at: z.string(),
    by: z.string(),
  })
  .meta({ id: 'ServiceFollowUp' });
export type ServiceFollowUp = z.infer<typeof ServiceFollowUpSchema>;

export const ServiceRequestCreateSchema = z
  .strictObject({
    customerId: idSchema('a customer id'),
    summary: Text(500),
    description: z.string().trim().max(10_000).optional(),
    category: ServiceCategorySchema.default('other'),
    priority: ServicePrioritySchema.default('normal'),
    channel: z.enum(channels).default('other'),
    requestedWindow: ServiceWindowSchema.optional(),
  })
  .meta({ id: 'ServiceRequestCreate' });
export type ServiceRequestCreate = z.output<typeof ServiceRequestCreateSchema>;

/** An escalation: the status that ran past its SLA, the due time it missed, when the nightly pass raised it. */
export const ServiceEscalationSchema = z
  .object({ step: ServiceRequestStatusSchema, dueAt: z.string(), at: z.string() })
  .meta({ id: 'ServiceEscalation' });
export type ServiceEscalation = z.infer<typeof ServiceEscalationSchema>;

/** One step taken: who moved the request from where to where, when, and what they gave. */
export const ServiceTrailEntrySchema = z
  .object({
    at: z.string(),
    by: z.string(),
    action: ServiceActionSchema,
    from: ServiceRequestStatusSchema.nullable(),
    to: ServiceRequestStatusSchema,
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  })
  .meta({ id: 'ServiceTrailEntry' });
export type ServiceTrailEntry = z.infer<typeof ServiceTrailEntrySchema>;

export const ServiceRequestSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    summary: z.string(),
    description: z.string().optional(),
    category: ServiceCategorySchema,
    priority: ServicePrioritySchema,
    channel: z.enum(channels),
    requestedWindow: z.object({ from: z.string(), to: z.string() }).nullable(),
    status: ServiceRequestStatusSchema,
    /** When the request entered its status: the SLA clock of the status starts here. */
    stepEnteredAt: z.string(),
    /** When the current status's SLA runs out (the tenant's service SLA policy); null once closed. */
    stepDueAt: z.string().nullable(),
    /** The status outlived its SLA: past `stepDueAt` when answered, or flagged by the nightly pass; the next step clears it. */
    overdue: z.boolean(),
    /** One per late status visit, raised by the nightly SLA pass (the stream announces `service.overdue`). */
    escalations: z.array(ServiceEscalationSchema),
    assignee: ServiceAssigneeSchema.nullable(),
    /** When the work is due: the planned end, else the requested window's end. */
    dueAt: z.string().nullable(),
    visits: z.array(ServiceVisitSchema),
    result: ServiceResultSchema.nullable(),
    followUp: ServiceFollowUpSchema.nullable(),
    cancelReason: z.string().optional(),
    /** The service plan that generated it, and the occurrence (day) it serves. */
    planId: z.string().nullable(),
    planDueOn: z.string().nullable(),
    trail: z.array(ServiceTrailEntrySchema),
    receivedAt: z.string(),
    receivedBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'ServiceRequest' });
export type ServiceRequest = z.infer<typeof ServiceRequestSchema>;

/**
 * A transition request: `to` and the fields that step needs (service-request-transitions.ts says
 * which; the others are refused, field by field).
 */
export const ServiceTransitionRequestSchema = z
  .strictObject({
    /** Any string: a status that is not next is answered 409 with the ones that are. */
    to: z.string().trim().min(1).max(40),
    /** Optimistic concurrency: the version read (or If-Match); omitted, the current one. */
    version: z.number().int().min(1).max(1e9).optional(),
    scheduledStart: ServiceInstantSchema.optional(),
    scheduledEnd: ServiceInstantSchema.optional(),
    notes: z.string().max(5000).optional(),
    assignee: ServiceAssigneeSchema.optional(),
    note: z.string().max(5000).optional(),
    result: z.string().max(5000).optional(),
    score: z.number().optional(),
    method: z.enum(['call', 'visit']).optional(),
    reason: z.string().max(2000).optional(),
  })
  .meta({ id: 'ServiceTransitionRequest' });
export type ServiceTransitionRequest = z.infer<typeof ServiceTransitionRequestSchema>;

/** A move the caller may make now, with the fields it asks for. */
export const ServiceNextStepSchema = z
  .object({
    to: ServiceRequestStatusSchema,
    action: ServiceActionSchema,
    fields: z.array(z.object({ name: z.string(), required: z.boolean() })),
  })
  .meta({ id: 'ServiceNextStep' });
export type ServiceNextStep = z.infer<typeof ServiceNextStepSchema>;

/** A request as the API answers it; a single one also carries `next`, the caller's legal moves. */
export const ServiceRequestViewSchema = ServiceRequestSchema.extend({
  next: z.array(ServiceNextStepSchema).optional(),
}).meta({ id: 'ServiceRequestView' });
export type ServiceRequestView = z.infer<typeof ServiceRequestViewSchema>;
