const HOUR_MS = 3_600_000;

/** One escalation: the step that ran late, the due time it missed (which visit of the step), when raised. */
export type StepEscalation<Step extends string> = { step: Step; dueAt: string; at: string };

/**
 * A record worked through steps, each with an SLA (complaints, service requests): when the
 * current step runs out, whether the nightly pass flagged it, and the escalations raised so far.
 */
export type SlaTracked<Step extends string> = {
  stepDueAt: string | null;
  overdue: boolean;
  escalations: readonly StepEscalation<Step>[];
  updatedAt: string;
  updatedBy: string;
};

/** The instant `hours` after `enteredAt`, in UTC. */
export function dueAfterHours(enteredAt: string, hours: number): string {
  return new Date(Date.parse(enteredAt) + hours * HOUR_MS).toISOString();
}

/**
 * Past the step's due time at `now` (the clock is the caller's, so tests, answers and the
 * nightly pass decide the same way). A record that is no longer open is never overdue.
 */
export function isStepPastDue(stepDueAt: string | null, open: boolean, now: Date): boolean {
  return open && stepDueAt !== null && Date.parse(stepDueAt) < now.getTime();
}

/**
 * The record with an escalation raised for its current `step`, or undefined when there is
 * nothing to raise: not overdue at `now`, or already escalated for this visit of the step (a
 * visit is told apart by its due time; the nightly pass may run twice, it must not escalate twice).
 */
export function escalateStepIfOverdue<Step extends string, T extends SlaTracked<Step>>(
  record: T,
  current: { step: Step; open: boolean },
  now: Date,
  by: string,
): T | undefined {
  const dueAt = record.stepDueAt;
  if (dueAt === null || !isStepPastDue(dueAt, current.open, now)) return undefined;
  const raised = record.escalations.some(
    (escalation) => escalation.step === current.step && escalation.dueAt === dueAt,
  );
  if (raised && record.overdue) return undefined;
  const at = now.toISOString();
  return {
    ...record,
    overdue: true,
    escalations: raised ? record.escalations : [...record.escalations, { step: current.step, dueAt, at }],
    updatedAt: at,
    updatedBy: by,
  };
}
