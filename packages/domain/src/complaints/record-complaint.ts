import { DomainError } from '../domain-error.js';
import type { Role } from '../user.schema.js';
import type { Complaint, ComplaintCreate, ComplaintSlaPolicy } from './complaint.schema.js';
import { stepDueAt } from './complaint-sla.js';
import { complaintWorkerRoles } from './complaint-transitions.js';

/**
 * Step 1 (记录投诉): a new complaint at `recorded`, its trail begun and its first SLA running.
 *
 * @example
 * recordComplaint({ id, input, actor: { actorId, role: 'member' }, policy, now }).step // 'recorded'
 */
export function recordComplaint(args: {
  id: string;
  input: ComplaintCreate;
  actor: { actorId: string; role: Role };
  policy: ComplaintSlaPolicy;
  now: Date;
}): Complaint {
  const { id, input, actor, policy, now } = args;
  if (!complaintWorkerRoles.includes(actor.role)) {
    throw new DomainError('forbidden', `Only ${complaintWorkerRoles.join(', ')} may record a complaint`);
  }
  const at = now.toISOString();
  const complaint: Complaint = {
    id,
    customerId: input.customerId,
    summary: input.summary,
    ...(input.description ? { description: input.description } : {}),
    category: input.category,
    severity: input.severity,
    channel: input.channel,
    attachments: input.attachments,
    step: 'recorded',
    outcome: null,
    departmentId: null,
    stepEnteredAt: at,
    stepDueAt: null,
    overdue: false,
    escalations: [],
    followUp: null,
    trail: [{ at, by: actor.actorId, action: 'record', from: null, to: 'recorded', details: {} }],
    recordedAt: at,
    recordedBy: actor.actorId,
    createdAt: at,
    updatedAt: at,
    updatedBy: actor.actorId,
    version: 1,
  };
  complaint.stepDueAt = stepDueAt(complaint, policy);
  return complaint;
}
