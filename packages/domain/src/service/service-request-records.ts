import { DomainError } from '../domain-error.js';
import type { Role } from '../user.schema.js';
import {
  type ServiceRequest,
  type ServiceRequestCreate,
  type ServiceVisit,
  type ServiceVisitInput,
  type ServiceVisitPatch,
  visitableServiceRequestStatuses,
} from './service-request.schema.js';
import {
  invalidServiceFields,
  isAssignedTo,
  type ServiceActor,
  serviceDeskRoles,
  serviceDueAt,
  serviceHeadOfficeRoles,
} from './service-request-transitions.js';
import { enterServiceStatus, type ServiceSlaPolicy } from './service-sla.js';

const utc = (instant: string) => new Date(Date.parse(instant)).toISOString();

/**
 * Step 1 (受理): a new request at `received`, its trail begun. A plan's nightly run passes
 * `plan` so the request names the plan and the occurrence it serves.
 *
 * @example
 * receiveServiceRequest({ id, input, actor: { actorId, role: 'member' }, now, policy }).status // 'received'
 */
export function receiveServiceRequest(args: {
  id: string;
  input: ServiceRequestCreate;
  actor: { actorId: string; role: Role };
  now: Date;
  plan?: { planId: string; dueOn: string };
  /** The tenant's service SLA policy: the first status's due time. */
  policy: ServiceSlaPolicy;
}): ServiceRequest {
  const { id, input, actor, now, plan, policy } = args;
  if (!serviceDeskRoles.includes(actor.role)) {
    throw new DomainError('forbidden', `Only ${serviceDeskRoles.join(', ')} may receive a service request`);
  }
  const at = now.toISOString();
  const request: ServiceRequest = {
    id,
    customerId: input.customerId,
    summary: input.summary,
    ...(input.description ? { description: input.description } : {}),
    category: input.category,
    priority: input.priority,
    channel: input.channel,
    requestedWindow: input.requestedWindow
      ? { from: utc(input.requestedWindow.from), to: utc(input.requestedWindow.to) }
      : null,
    status: 'received',
    stepEnteredAt: at,
    stepDueAt: null,
    overdue: false,
    escalations: [],
    assignee: null,
    dueAt: null,
    visits: [],
    result: null,
    followUp: null,
    planId: plan?.planId ?? null,
    planDueOn: plan?.dueOn ?? null,
    trail: [
      {
        at,
        by: actor.actorId,
        action: 'receive',
        from: null,
        to: 'received',
        details: plan ? { planId: plan.planId, dueOn: plan.dueOn } : {},
      },
    ],
    receivedAt: at,
    receivedBy: actor.actorId,
    createdAt: at,
    updatedAt: at,
    updatedBy: actor.actorId,
    version: 1,
  };
  request.dueAt = serviceDueAt(request);
  return enterServiceStatus(request, at, policy);
}

function requireVisitable(request: ServiceRequest, actor: ServiceActor): void {
  if (!visitableServiceRequestStatuses.includes(request.status)) {
    throw new DomainError(
      'invalid_state',
      `Visits are planned and recorded while a request is ${visitableServiceRequestStatuses.join(', ')}; this one is ${request.status}`,
    );
  }
  const desk = actor.role === 'partner' ? false : serviceDeskRoles.includes(actor.role);
  const headOffice = serviceHeadOfficeRoles.includes(actor.role);
  if (!(headOffice || (desk && request.status === 'planned') || isAssignedTo(request, actor))) {
    throw new DomainError(
      'forbidden',
      'Only head office or the assignee may record visits of a dispatched request',
    );
  }
}

/** Adds a visit (start, end, notes): planned ahead, or recorded as done while in progress. */
export function addServiceVisit(
  request: ServiceRequest,
  input: Omit<ServiceVisitInput, 'version'>,
  actor: ServiceActor,
  now: Date,
  visitId: string,
): ServiceRequest {
  requireVisitable(request, actor);
  const at = now.toISOString();
  const assigneeUser = request.assignee && request.assignee.kind !== 'team' ? request.assignee.userId : null;
  const visit: ServiceVisit = {
    id: visitId,
    start: utc(input.start),
    end: utc(input.end),
    technicianId: input.technicianId ?? assigneeUser,
    ...(input.notes ? { notes: input.notes } : {}),
    createdAt: at,
    createdBy: actor.actorId,
    updatedAt: at,
  };
  const next: ServiceRequest = {
    ...request,
    visits: [...request.visits, visit].sort((a, b) => a.start.localeCompare(b.start)),
    updatedAt: at,
    updatedBy: actor.actorId,
  };
  next.dueAt = serviceDueAt(next);
  return next;
}

/**
 * Changes a visit's times, technician or notes; the times must still end after they start. A
 * move (new start or end) is recorded in the trail, with the times it had before.
 */
export function updateServiceVisit(
  request: ServiceRequest,
  visitId: string,
  patch: Omit<ServiceVisitPatch, 'version'>,
  actor: ServiceActor,
  now: Date,
): ServiceRequest {
  const current = request.visits.find((visit) => visit.id === visitId);
  if (!current) throw new DomainError('not_found', 'Visit not found');
  requireVisitable(request, actor);
  const at = now.toISOString();
  const { technicianId, ...rest } = patch;
  const visit: ServiceVisit = {
    ...current,
    ...(rest.start ? { start: utc(rest.start) } : {}),
    ...(rest.end ? { end: utc(rest.end) } : {}),
    ...(rest.notes !== undefined ? { notes: rest.notes } : {}),
    ...(technicianId !== undefined ? { technicianId } : {}),
    updatedAt: at,
  };
  if (Date.parse(visit.start) >= Date.parse(visit.end)) {
    throw invalidServiceFields([{ path: 'end', message: 'must end after it starts' }]);
  }
  const moved = visit.start !== current.start || visit.end !== current.end;
  const next: ServiceRequest = {
    ...request,
    visits: request.visits
      .map((candidate) => (candidate.id === visitId ? visit : candidate))
      .sort((a, b) => a.start.localeCompare(b.start)),
    // A visit moved to another time is part of the request's story: who moved it, from when to when.
    trail: moved
      ? [
          ...request.trail,
          {
            at,
            by: actor.actorId,
            action: 'move_visit',
            from: request.status,
            to: request.status,
            details: {
              visitId,
              fromStart: current.start,
              fromEnd: current.end,
              start: visit.start,
              end: visit.end,
            },
          },
        ]
      : request.trail,
    updatedAt: at,
    updatedBy: actor.actorId,
  };
  next.dueAt = serviceDueAt(next);
  return next;
}
