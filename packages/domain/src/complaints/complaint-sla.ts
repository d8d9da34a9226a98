import { dueAfterHours, escalateStepIfOverdue, isStepPastDue } from '../sla/step-sla.js';
import { type Complaint, type ComplaintSlaPolicy, isClosedComplaintStep } from './complaint.schema.js';

/** When the complaint's current step runs out of time under `policy`; null once closed. */
export function stepDueAt(
  complaint: Pick<Complaint, 'step' | 'severity' | 'stepEnteredAt'>,
  policy: ComplaintSlaPolicy,
): string | null {
  if (isClosedComplaintStep(complaint.step)) return null;
  return dueAfterHours(complaint.stepEnteredAt, policy.hours[complaint.step][complaint.severity]);
}

/**
 * Past its step's due time at `now` (the clock is the caller's, so tests and the nightly pass
 * decide the same way). A closed complaint is never overdue.
 */
export function isComplaintOverdue(complaint: Pick<Complaint, 'step' | 'stepDueAt'>, now: Date): boolean {
  return isStepPastDue(complaint.stepDueAt, !isClosedComplaintStep(complaint.step), now);
}

/**
 * The complaint with an escalation raised for its current step, or undefined when there is
 * nothing to raise: not overdue at `now`, or already escalated for this visit of the step (the
 * nightly pass may run twice; it must not escalate twice).
 */
export function escalateIfOverdue(complaint: Complaint, now: Date): Complaint | undefined {
  return escalateStepIfOverdue(
    complaint,
    { step: complaint.step, open: !isClosedComplaintStep(complaint.step) },
    now,
    'system:sla',
  );
}
