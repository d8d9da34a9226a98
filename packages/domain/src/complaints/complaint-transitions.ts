import { z } from 'zod';
import { DomainError } from '../domain-error.js';
import type { FieldIssue } from '../error-body.schema.js';
import type { Role } from '../user.schema.js';
import type {
  Complaint,
  ComplaintAction,
  ComplaintNextStep,
  ComplaintSlaPolicy,
  ComplaintStep,
  ComplaintTransitionRequest,
} from './complaint.schema.js';
import { stepDueAt } from './complaint-sla.js';

const Required = (max: number) => z.string().trim().min(1, 'is required').max(max);

/** Who may act on a complaint at all: partners only see customers shared with them, never complaints. */
export const complaintWorkerRoles: readonly Role[] = ['owner', 'admin', 'member'];
/** A supervisor's decision (主管审批) needs an admin-level role. */
export const complaintSupervisorRoles: readonly Role[] = ['owner', 'admin'];

/**
 * One legal move of the process: from where to where, who may make it, and what it must say.
 * `departmentOnly`: a member must belong to the assigned department (supervisors always may).
 */
export type ComplaintTransitionRule = {
  readonly from: ComplaintStep;
  readonly to: ComplaintStep;
  readonly action: ComplaintAction;
  readonly roles: readonly Role[];
  readonly departmentOnly: boolean;
  readonly fields: z.ZodObject;
};

const rule = (
  from: ComplaintStep,
  to: ComplaintStep,
  action: ComplaintAction,
  fields: z.ZodRawShape,
  options: { roles?: readonly Role[]; departmentOnly?: boolean } = {},
): ComplaintTransitionRule => ({
  from,
  to,
  action,
  roles: options.roles ?? complaintWorkerRoles,
  departmentOnly: options.departmentOnly ?? false,
  fields: z.strictObject(fields),
});

/** The whole process, step by step (DOMAIN.md §7). Order matters: the first rule is the usual path. */
export const complaintTransitionRules: readonly ComplaintTransitionRule[] = [
  rule('recorded', 'validated', 'accept', { comment: z.string().trim().max(2000).optional() }),
  rule('recorded', 'rejected', 'reject', { rejectionReason: Required(2000) }),
  rule('validated', 'assigned', 'assign', { departmentId: z.string().trim().min(1, 'is required').max(26) }),
  rule('assigned', 'analysed', 'analyse', { cause: Required(5000) }, { departmentOnly: true }),
  rule('analysed', 'proposed', 'propose', { resolution: Required(5000) }, { departmentOnly: true }),
  rule(
    'proposed',
    'approved',
    'approve',
    { comment: z.string().trim().max(2000).optional() },
    { roles: complaintSupervisorRoles },
  ),
  // Sent back: the department proposes again, with the supervisor's comment to go on.
  rule('proposed', 'analysed', 'send_back', { comment: Required(2000) }, { roles: complaintSupervisorRoles }),
  rule(
    'approved',
    'carried_out',
    'carry_out',
    {
      actions: Required(5000),
      customerNotified: z.literal(true, 'the customer must be notified before the step is done'),
      customerFeedback: Required(5000),
    },
    { departmentOnly: true },
  ),
  rule('carried_out', 'closed', 'review', {
    rating: z.number().int('must be a whole number').min(1, 'must be 1–5').max(5, 'must be 1–5'),
    evaluation: Required(5000),
  }),
];

/** The steps the process allows next from `step`, whoever asks. */
export function nextComplaintSteps(step: ComplaintStep): ComplaintStep[] {
  return complaintTransitionRules.filter((candidate) => candidate.from === step).map((r) => r.to);
}

export type ComplaintActor = {
  actorId: string;
  role: Role;
  /** The actor belongs to the complaint's assigned department. */
  inDepartment: boolean;
};

function permits(transition: ComplaintTransitionRule, actor: ComplaintActor): boolean {
  if (!transition.roles.includes(actor.role)) return false;
  if (!transition.departmentOnly) return true;
  return complaintSupervisorRoles.includes(actor.role) || actor.inDepartment;
}

/** The transitions this actor may make now: what the UI offers. */
export function transitionsFor(complaint: Pick<Complaint, 'step'>, actor: ComplaintActor) {
  return complaintTransitionRules.filter(
    (candidate) => candidate.from === complaint.step && permits(candidate, actor),
  );
}

/** The moves this actor may make now, with the fields each asks for (the transition dialog's form). */
export function nextStepsFor(complaint: Pick<Complaint, 'step'>, actor: ComplaintActor): ComplaintNextStep[] {
  return transitionsFor(complaint, actor).map((transition) => ({
    to: transition.to,
    action: transition.action,
    fields: Object.entries(transition.fields.shape).map(([name, schema]) => ({
      name,
      required: !(schema as z.ZodType).safeParse(undefined).success,
    })),
  }));
}

function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) =>
    // A field another step asks for, sent here: name it, so the client sees which.
    issue.code === 'unrecognized_keys'
      ? { path: issue.keys.join(', '), message: 'is not a field of this step' }
      : { path: issue.path.map(String).join('.') || '(body)', message: issue.message },
  );
}

/**
 * Moves a complaint one step: the step must be next (409 `invalid_state` with `details.allowed`),
 * the actor's role must be allowed (403), the fields must be there (400, field by field). Pure:
 * returns the complaint as it should be stored, trail entry, SLA and follow-up included.
 *
 * @example
 * transitionComplaint(recorded, { to: 'validated' }, owner, policy, now).step // 'validated'
 */
export function transitionComplaint(
  complaint: Complaint,
  request: ComplaintTransitionRequest,
  actor: ComplaintActor,
  policy: ComplaintSlaPolicy,
  now: Date,
): Complaint {
  const allowed = nextComplaintSteps(complaint.step);
  const transition = complaintTransitionRules.find(
    (candidate) => candidate.from === complaint.step && candidate.to === request.to,
  );
  if (!transition) {
    throw new DomainError(
      'invalid_state',
      `A complaint at step ${complaint.step} cannot move to ${request.to}; next: ${allowed.join(', ') || 'none'}`,
      { details: { step: complaint.step, allowed } },
    );
  }
  if (!permits(transition, actor)) {
    const who = transition.departmentOnly
      ? `${transition.roles.join(', ')} of the assigned department`
      : transition.roles.join(', ');
    throw new DomainError('forbidden', `Only ${who} may ${transition.action.replace('_', ' ')} a complaint`);
  }
  const { to: _to, version: _version, ...given } = request;
  const parsed = transition.fields.safeParse(given);
  if (!parsed.success) {
    const fields = fieldIssues(parsed.error);
    throw new DomainError(
      'validation_failed',
      `Invalid body: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`,
      { fields },
    );
  }
  const fields = parsed.data as Record<string, string | number | boolean | undefined>;
  const at = now.toISOString();
  const details = Object.fromEntries(
    Object.entries(fields).filter(
      (entry): entry is [string, string | number | boolean] => entry[1] !== undefined,
    ),
  );
  const next: Complaint = {
    ...complaint,
    step: transition.to,
    stepEnteredAt: at,
    stepDueAt: null,
    overdue: false,
    updatedAt: at,
    updatedBy: actor.actorId,
    trail: [
      ...complaint.trail,
      { at, by: actor.actorId, action: transition.action, from: complaint.step, to: transition.to, details },
    ],
  };
  switch (transition.action) {
    case 'reject':
      next.rejectionReason = String(fields.rejectionReason);
      next.outcome = 'rejected';
      break;
    case 'assign':
      next.departmentId = String(fields.departmentId);
      break;
    case 'analyse':
      next.cause = String(fields.cause);
      break;
    case 'propose':
      next.resolution = String(fields.resolution);
      break;
    case 'approve':
    case 'send_back':
      if (fields.comment !== undefined) next.approvalComment = String(fields.comment);
      break;
    case 'carry_out':
      next.actions = String(fields.actions);
      next.customerNotified = true;
      next.customerFeedback = String(fields.customerFeedback);
      break;
    case 'review': {
      next.rating = Number(fields.rating);
      next.evaluation = String(fields.evaluation);
      next.outcome = 'resolved';
      const due = new Date(now.getTime() + policy.followUpDays * 86_400_000);
      next.followUp = { dueAt: due.toISOString(), status: 'scheduled' };
      break;
    }
    default:
      break;
  }
  next.stepDueAt = stepDueAt(next, policy);
  return next;
}
