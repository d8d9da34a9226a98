import { DomainError } from '../domain-error.js';
import type { Complaint, ComplaintFollowUpRecord } from './complaint.schema.js';

/** Who may record the call: the tenant's own people, never a partner. */
const CALLERS = new Set(['owner', 'admin', 'member']);

/**
 * Records how the service-recovery call (服务补救回访) went on a closed complaint whose call is
 * still scheduled: the follow-up is done, with who, when, the outcome and the note, and the trail
 * says so; the customer's `score` after the call, when given, is service recovery's outcome on
 * the satisfaction figure (the service adds it in the same write). Once only: a second record is
 * 409, as is a complaint with no call to make.
 */
export function recordComplaintFollowUp(
  complaint: Complaint,
  input: Omit<ComplaintFollowUpRecord, 'version'>,
  actor: { actorId: string; role: string },
  now: Date,
): Complaint {
  if (!CALLERS.has(actor.role)) {
    throw new DomainError('forbidden', 'Only owners, admins and members may record a follow-up call');
  }
  const followUp = complaint.followUp;
  if (complaint.step !== 'closed' || followUp?.status !== 'scheduled') {
    throw new DomainError(
      'invalid_state',
      followUp?.status === 'done'
        ? 'The follow-up call was recorded already'
        : 'Only a closed complaint with a scheduled follow-up call takes its outcome',
      { details: { step: complaint.step, followUp: followUp ?? null } },
    );
  }
  const at = now.toISOString();
  return {
    ...complaint,
    followUp: {
      ...followUp,
      status: 'done',
      doneAt: at,
      doneBy: actor.actorId,
      outcome: input.outcome,
      ...(input.note ? { note: input.note } : {}),
      ...(input.score !== undefined ? { score: input.score } : {}),
    },
    updatedAt: at,
    updatedBy: actor.actorId,
    trail: [
      ...complaint.trail,
      {
        at,
        by: actor.actorId,
        action: 'follow_up',
        from: 'closed',
        to: 'closed',
        details: {
          outcome: input.outcome,
          ...(input.note ? { note: input.note } : {}),
          ...(input.score !== undefined ? { score: input.score } : {}),
        },
      },
    ],
  };
}
