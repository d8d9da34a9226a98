import { type Complaint, type ComplaintSlaPolicy, isClosedComplaintStep } from './complaint.schema.js';

const HOUR_MS = 3_600_000;

/** When the complaint's current step runs out of time under `policy`; null once closed. */
export function stepDueAt(
  complaint: Pick<Complaint, 'step' | 'severity' | 'stepEnteredAt'>,
  policy: ComplaintSlaPolicy,
): string | null {
  if (isClosedComplaintStep(complaint.step)) return null;
  const allowedHours = policy.hours[complaint.step][complaint.severity];
  return new Date(Date.parse(complaint.stepEnteredAt) + allowedHours * HOUR_MS).toISOString();
}

/**
 * Past its step's due time at `now` (the clock is the caller's, so tests and the nightly pass
 * decide the same way). A closed complaint is never overdue.
 */
export function isComplaintOverdue(complaint: Pick<Complaint, 'step' | 'stepDueAt'>, now: Date): boolean {
  return (
    !isClosedComplaintStep(complaint.step) &&
    complaint.stepDueAt !== null &&
    Date.parse(complaint.stepDueAt) < now.getTime()
  );
}

/**
 * The complaint with an escalation raised for its current step, or undefined when there is
 * nothing to raise: not overdue at `now`, or already escalated for this visit of the step (the
 * nightly pass may run twice; it must not escalate twice).
 */
export function escalateIfOverdue(complaint: Complaint, now: Date): Complaint | undefined {
  if (!isComplaintOverdue(complaint, now) || complaint.stepDueAt === null) return undefined;
  const dueAt = complaint.stepDueAt;
  const raised = complaint.escalations.some(
    (escalation) => escalation.step === complaint.step && escalation.dueAt === dueAt,
  );
  if (raised && complaint.overdue) return undefined;
  const at = now.toISOString();
  return {
    ...complaint,
    overdue: true,
    escalations: raised
      ? complaint.escalations
      : [...complaint.escalations, { step: complaint.step, dueAt, at }],
    updatedAt: at,
    updatedBy: 'system:sla',
  };
}
