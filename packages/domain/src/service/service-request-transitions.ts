import { z } from 'zod';
import { DomainError } from '../domain-error.js';
import type { FieldIssue } from '../error-body.schema.js';
import { fieldIssueDetailOf } from '../field-issue-detail.js';
import type { Role } from '../user.schema.js';
import {
  type ServiceAction,
  ServiceAssigneeSchema,
  ServiceInstantSchema,
  type ServiceNextStep,
  type ServiceRequest,
  type ServiceRequestStatus,
  type ServiceTransitionRequest,
  type ServiceVisit,
} from './service-request.schema.js';
import { enterServiceStatus, type ServiceSlaPolicy } from './service-sla.js';

const Required = (max: number) => z.string().trim().min(1, 'is required').max(max);

/** Who receives, plans and dispatches requests (the service desk). */
export const serviceDeskRoles: readonly Role[] = ['owner', 'admin', 'member'];
/** Head office (总部): follow-ups and cancellations need an admin-level role. */
export const serviceHeadOfficeRoles: readonly Role[] = ['owner', 'admin'];
/** Who may do the work: the desk, and a partner user the request was dispatched to. */
export const serviceWorkerRoles: readonly Role[] = ['owner', 'admin', 'member', 'partner'];

/**
 * One legal move: from where to where, who may make it, what it must say. `assignedOnly`: a
 * member or partner must be the assignee (or, for a team, one of its members); head office
 * always may.
 */
export type ServiceTransitionRule = {
  readonly from: ServiceRequestStatus;
  readonly to: ServiceRequestStatus;
  readonly action: ServiceAction;
  readonly roles: readonly Role[];
  readonly assignedOnly: boolean;
  readonly fields: z.ZodType<Record<string, unknown>>;
  readonly fieldNames: readonly { name: string; required: boolean }[];
};

const rule = (
  from: ServiceRequestStatus,
  to: ServiceRequestStatus,
  action: ServiceAction,
  shape: z.ZodRawShape,
  options: {
    roles?: readonly Role[];
    assignedOnly?: boolean;
    refine?: (fields: z.ZodObject) => z.ZodType<Record<string, unknown>>;
  } = {},
): ServiceTransitionRule => {
  const object = z.strictObject(shape);
  return {
    from,
    to,
    action,
    roles: options.roles ?? serviceDeskRoles,
    assignedOnly: options.assignedOnly ?? false,
    fields: options.refine ? options.refine(object) : object,
    fieldNames: Object.entries(shape).map(([name, schema]) => ({
      name,
      required: !(schema as z.ZodType).safeParse(undefined).success,
    })),
  };
};

const openStatuses: ServiceRequestStatus[] = ['received', 'planned', 'dispatched', 'in_progress'];

/** The whole process (DOMAIN.md §8). Order matters: the first rule from a status is the usual path. */
export const serviceTransitionRules: readonly ServiceTransitionRule[] = [
  rule(
    'received',
    'planned',
    'plan',
    {
      scheduledStart: ServiceInstantSchema,
      scheduledEnd: ServiceInstantSchema,
      notes: z.string().trim().max(5000).optional(),
    },
    {
      refine: (fields) =>
        fields.refine(
          (value) => Date.parse(String(value.scheduledStart)) < Date.parse(String(value.scheduledEnd)),
          { message: 'must end after it starts', path: ['scheduledEnd'] },
        ) as z.ZodType<Record<string, unknown>>,
    },
  ),
  rule('planned', 'dispatched', 'dispatch', {
    assignee: ServiceAssigneeSchema,
    note: z.string().trim().max(5000).optional(),
  }),
  rule(
    'dispatched',
    'in_progress',
    'start',
    { note: z.string().trim().max(5000).optional() },
    { roles: serviceWorkerRoles, assignedOnly: true },
  ),
  rule(
    'in_progress',
    'resolved',
    'resolve',
    { result: Required(5000) },
    { roles: serviceWorkerRoles, assignedOnly: true },
  ),
  rule(
    'resolved',
    'followed_up',
    'follow_up',
    {
      score: z.number().int('must be a whole number').min(1, 'must be 1–5').max(5, 'must be 1–5'),
      note: Required(5000),
      method: z.enum(['call', 'visit']).default('call'),
    },
    { roles: serviceHeadOfficeRoles },
  ),
  ...openStatuses.map((from) =>
    rule(from, 'cancelled', 'cancel', { reason: Required(2000) }, { roles: serviceHeadOfficeRoles }),
  ),
];

/** The statuses the process allows next from `status`, whoever asks. */
export function nextServiceStatuses(status: ServiceRequestStatus): ServiceRequestStatus[] {
  return serviceTransitionRules.filter((candidate) => candidate.from === status).map((r) => r.to);
}

export type ServiceActor = {
  actorId: string;
  role: Role;
  /** Departments (teams) the actor belongs to. */
  teamIds: readonly string[];
};

/** The request is the actor's to work: assigned to them, or to a team they are in. */
export function isAssignedTo(request: Pick<ServiceRequest, 'assignee'>, actor: ServiceActor): boolean {
  const assignee = request.assignee;
  if (!assignee) return false;
  if (assignee.kind === 'team') return actor.teamIds.includes(assignee.departmentId);
  return assignee.userId === actor.actorId;
}

/** Partners see only the requests dispatched to them; everyone else of the tenant sees all. */
export function canSeeServiceRequest(
  request: Pick<ServiceRequest, 'assignee'>,
  actor: ServiceActor,
): boolean {
  return actor.role !== 'partner' || isAssignedTo(request, actor);
}

function permits(transition: ServiceTransitionRule, request: ServiceRequest, actor: ServiceActor): boolean {
  if (!transition.roles.includes(actor.role)) return false;
  if (!transition.assignedOnly) return true;
  return serviceHeadOfficeRoles.includes(actor.role) || isAssignedTo(request, actor);
}

/** The moves this actor may make now, with their fields (the transition dialog's form). */
export function serviceNextStepsFor(request: ServiceRequest, actor: ServiceActor): ServiceNextStep[] {
  return serviceTransitionRules
    .filter((candidate) => candidate.from === request.status && permits(candidate, request, actor))
    .map((transition) => ({
      to: transition.to,
      action: transition.action,
      fields: transition.fieldNames.map((field) => ({ ...field })),
    }));
}

export function serviceFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    ...(issue.code === 'unrecognized_keys'
      ? { path: issue.keys.join(', '), message: 'is not a field of this step' }
      : { path: issue.path.map(String).join('.') || '(body)', message: issue.message }),
    ...fieldIssueDetailOf(issue),
  }));
}

export function invalidServiceFields(fields: FieldIssue[]): DomainError {
  return new DomainError(
    'validation_failed',
    `Invalid body: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`,
    { fields },
  );
}

/** When the work is due: the last planned visit's end, else the requested window's end. */
export function serviceDueAt(request: Pick<ServiceRequest, 'visits' | 'requestedWindow'>): string | null {
  const ends = request.visits.map((visit) => visit.end).sort();
  return ends.at(-1) ?? request.requestedWindow?.to ?? null;
}

const utc = (instant: string) => new Date(Date.parse(instant)).toISOString();

/**
 * Moves a request one step: the status must be next (409 `invalid_state` with `details.allowed`),
 * the actor allowed (403), the fields there (400, field by field). Pure: returns the request as it
 * should be stored, trail entry included, its SLA clock restarted for the new status under
 * `policy`. Planning adds the first visit; resolving needs one.
 *
 * @example
 * transitionServiceRequest(received, { to: 'planned', scheduledStart, scheduledEnd }, desk, now, ids, policy).status // 'planned'
 */
export function transitionServiceRequest(
  request: ServiceRequest,
  input: ServiceTransitionRequest,
  actor: ServiceActor,
  now: Date,
  newVisitId: () => string,
  policy: ServiceSlaPolicy,
): ServiceRequest {
  const allowed = nextServiceStatuses(request.status);
  const transition = serviceTransitionRules.find(
    (candidate) => candidate.from === request.status && candidate.to === input.to,
  );
  if (!transition) {
    throw new DomainError(
      'invalid_state',
      `A service request at ${request.status} cannot move to ${input.to}; next: ${allowed.join(', ') || 'none'}`,
      { details: { status: request.status, allowed } },
    );
  }
  if (!permits(transition, request, actor)) {
    const who = transition.assignedOnly
      ? `${serviceHeadOfficeRoles.join(', ')} or the assignee`
      : transition.roles.join(', ');
    throw new DomainError(
      'forbidden',
      `Only ${who} may ${transition.action.replace('_', ' ')} a service request`,
    );
  }
  const { to: _to, version: _version, ...given } = input;
  const parsed = transition.fields.safeParse(
    Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)),
  );
  if (!parsed.success) throw invalidServiceFields(serviceFieldIssues(parsed.error));
  const fields = parsed.data;
  if (transition.action === 'resolve' && request.visits.length === 0) {
    throw invalidServiceFields([{ path: 'visits', message: 'record at least one visit before resolving' }]);
  }
  const at = now.toISOString();
  const details: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      details[name] = value;
    } else {
      // The assignee is an object: the trail keeps it flat, as `kind:id`.
      const assignee = ServiceAssigneeSchema.parse(value);
      details[name] =
        `${assignee.kind}:${assignee.kind === 'team' ? assignee.departmentId : assignee.userId}`;
    }
  }
  const next: ServiceRequest = {
    ...request,
    status: transition.to,
    updatedAt: at,
    updatedBy: actor.actorId,
    trail: [
      ...request.trail,
      { at, by: actor.actorId, action: transition.action, from: request.status, to: transition.to, details },
    ],
  };
  switch (transition.action) {
    case 'plan': {
      const visit: ServiceVisit = {
        id: newVisitId(),
        start: utc(String(fields.scheduledStart)),
        end: utc(String(fields.scheduledEnd)),
        technicianId: null,
        ...(fields.notes ? { notes: String(fields.notes) } : {}),
        createdAt: at,
        createdBy: actor.actorId,
        updatedAt: at,
      };
      next.visits = [...request.visits, visit];
      break;
    }
    case 'dispatch': {
      const assignee = ServiceAssigneeSchema.parse(fields.assignee);
      next.assignee = assignee;
      // One person going: the planned visits are theirs unless someone else was named.
      if (assignee.kind !== 'team') {
        next.visits = next.visits.map((visit) =>
          visit.technicianId ? visit : { ...visit, technicianId: assignee.userId },
        );
      }
      break;
    }
    case 'resolve':
      next.result = { summary: String(fields.result), at, by: actor.actorId };
      break;
    case 'follow_up':
      next.followUp = {
        method: fields.method === 'visit' ? 'visit' : 'call',
        score: Number(fields.score),
        note: String(fields.note),
        at,
        by: actor.actorId,
      };
      break;
    case 'cancel':
      next.cancelReason = String(fields.reason);
      break;
    default:
      break;
  }
  next.dueAt = serviceDueAt(next);
  return enterServiceStatus(next, at, policy);
}
