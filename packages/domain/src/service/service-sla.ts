import { z } from 'zod';
import { dueAfterHours, escalateStepIfOverdue, isStepPastDue } from '../sla/step-sla.js';
import {
  isClosedServiceRequestStatus,
  type ServicePriority,
  type ServiceRequest,
  type ServiceRequestStatus,
  servicePriorities,
} from './service-request.schema.js';

/**
 * The statuses a request waits in for someone's next step, each with an SLA: received (to be
 * planned), planned (to be dispatched), dispatched (to be started), in progress (the work done and
 * its result recorded), resolved (head office's follow-up, 回访). Closed ones have none.
 */
export const slaServiceRequestStatuses = [
  'received',
  'planned',
  'dispatched',
  'in_progress',
  'resolved',
] as const;
export type SlaServiceRequestStatus = (typeof slaServiceRequestStatuses)[number];

/** Hours allowed in one status, per priority. */
const StatusHoursSchema = z.strictObject(
  Object.fromEntries(
    servicePriorities.map((priority) => [
      priority,
      z
        .number()
        .int('must be a whole number of hours')
        .min(1, 'must be at least 1 hour')
        .max(24 * 365, 'must be at most a year'),
    ]),
  ) as Record<ServicePriority, z.ZodNumber>,
);

export const ServiceSlaPolicySchema = z
  .strictObject({
    /** How long a request may wait in each open status before it is overdue, per priority. */
    hours: z.strictObject(
      Object.fromEntries(slaServiceRequestStatuses.map((status) => [status, StatusHoursSchema])) as Record<
        SlaServiceRequestStatus,
        typeof StatusHoursSchema
      >,
    ),
  })
  .meta({ id: 'ServiceSlaPolicy' });
export type ServiceSlaPolicy = z.infer<typeof ServiceSlaPolicySchema>;

const hours = (urgent: number, high: number, normal: number, low: number) => ({ urgent, high, normal, low });

/**
 * A small business's start: an urgent request is planned within 2 hours and done within a day; a
 * low one has a week for the work. Follow-ups (回访) within two days to a week of the result.
 */
export const defaultServiceSlaPolicy: ServiceSlaPolicy = {
  hours: {
    received: hours(2, 8, 24, 48),
    planned: hours(4, 24, 48, 72),
    dispatched: hours(8, 24, 48, 96),
    in_progress: hours(24, 48, 96, 168),
    resolved: hours(48, 72, 120, 168),
  },
};

export function isSlaServiceRequestStatus(status: ServiceRequestStatus): status is SlaServiceRequestStatus {
  return (slaServiceRequestStatuses as readonly string[]).includes(status);
}

/** When the request's current status runs out of time under `policy`; null once closed. */
export function serviceStepDueAt(
  request: Pick<ServiceRequest, 'status' | 'priority' | 'stepEnteredAt'>,
  policy: ServiceSlaPolicy,
): string | null {
  if (!isSlaServiceRequestStatus(request.status)) return null;
  return dueAfterHours(request.stepEnteredAt, policy.hours[request.status][request.priority]);
}

/** Past its status's due time at `now`; a closed request never is. */
export function isServiceRequestOverdue(
  request: Pick<ServiceRequest, 'status' | 'stepDueAt'>,
  now: Date,
): boolean {
  return isStepPastDue(request.stepDueAt, !isClosedServiceRequestStatus(request.status), now);
}

/**
 * The request with an escalation raised for its current status, or undefined when there is
 * nothing to raise (not late at `now`, or already escalated for this visit of the status).
 */
export function escalateServiceRequestIfOverdue(
  request: ServiceRequest,
  now: Date,
): ServiceRequest | undefined {
  return escalateStepIfOverdue(
    request,
    { step: request.status, open: !isClosedServiceRequestStatus(request.status) },
    now,
    'system:service-sla',
  );
}

/**
 * The request entering a new status at `at`: its SLA clock restarts, the overdue flag is cleared
 * (the late step is behind it), and its due time comes from the policy in force now.
 */
export function enterServiceStatus(
  request: ServiceRequest,
  at: string,
  policy: ServiceSlaPolicy,
): ServiceRequest {
  const entered = { ...request, stepEnteredAt: at, overdue: false };
  return { ...entered, stepDueAt: serviceStepDueAt(entered, policy) };
}
