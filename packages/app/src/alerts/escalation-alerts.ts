/** An SLA escalation as complaints and service requests record it: the step it missed, and when. */
type Escalation = { step: string; dueAt: string };

/**
 * Keeps a record's SLA escalation alert (a complaint's, a service request's) in step with the
 * record, from one stream change: a deleted record, or one that left its step, has its alerts
 * resolved; a record that gained an escalation of the step it is still in has one raised (the
 * alert's id comes from the record and the missed due time, so a redelivered record finds it).
 * An escalation of a step the record has already left is history, not news.
 */
export async function syncEscalationAlert<Stored extends { id: string }, Raised extends Escalation>(change: {
  before: Stored | undefined;
  after: Stored | undefined;
  stepOf: (record: Stored) => string;
  escalationsOf: (record: Stored) => readonly Raised[];
  resolve: (recordId: string) => Promise<unknown>;
  raise: (record: Stored, latest: Raised) => Promise<unknown>;
}): Promise<void> {
  const { before, after } = change;
  if (!after) {
    if (before?.id) await change.resolve(before.id);
    return;
  }
  if (before && change.stepOf(before) !== change.stepOf(after)) await change.resolve(after.id);
  const escalations = change.escalationsOf(after);
  const latest = escalations.at(-1);
  const gained = escalations.length > (before ? change.escalationsOf(before).length : 0);
  if (!gained || !latest || latest.step !== change.stepOf(after)) return;
  await change.raise(after, latest);
}
