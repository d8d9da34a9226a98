import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error.js';
import { ComplaintFollowUpRecordSchema } from './complaint.schema.js';
import { recordComplaintFollowUp } from './complaint-follow-up.js';
import { recordedComplaint } from './recorded-complaint.fixture.js';

const CLOSED_AT = new Date('2026-03-02T09:00:00.000Z');
const CALLED_AT = new Date('2026-03-16T10:30:00.000Z');

function closedComplaint(followUp: 'scheduled' | 'done' | null = 'scheduled') {
  const recorded = recordedComplaint({ now: CLOSED_AT });
  return {
    ...recorded,
    step: 'closed' as const,
    outcome: 'resolved' as const,
    followUp: followUp ? { dueAt: '2026-03-16T09:00:00.000Z', status: followUp } : null,
  };
}

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'other';
  }
  return 'ok';
};

describe('recording the service-recovery call', () => {
  it('marks the call done with who, when, the outcome and the note, and adds it to the trail', () => {
    const complaint = closedComplaint();
    const next = recordComplaintFollowUp(
      complaint,
      { outcome: 'won_back', note: 'Ordered again' },
      { actorId: 'u-member', role: 'member' },
      CALLED_AT,
    );
    expect(next.followUp).toEqual({
      dueAt: '2026-03-16T09:00:00.000Z',
      status: 'done',
      doneAt: '2026-03-16T10:30:00.000Z',
      doneBy: 'u-member',
      outcome: 'won_back',
      note: 'Ordered again',
    });
    expect(next.step).toBe('closed');
    expect(next.trail.at(-1)).toEqual({
      at: '2026-03-16T10:30:00.000Z',
      by: 'u-member',
      action: 'follow_up',
      from: 'closed',
      to: 'closed',
      details: { outcome: 'won_back', note: 'Ordered again' },
    });
    expect(next.trail).toHaveLength(complaint.trail.length + 1);
  });

  it('takes the outcome once, only on a closed complaint with a call scheduled, and never from a partner', () => {
    const actor = { actorId: 'u', role: 'admin' };
    const record =
      (complaint: ReturnType<typeof closedComplaint>, role = 'admin') =>
      () =>
        recordComplaintFollowUp(complaint, { outcome: 'unreachable' }, { ...actor, role }, CALLED_AT);
    expect(codeOf(record(closedComplaint('done')))).toBe('invalid_state');
    expect(codeOf(record(closedComplaint(null)))).toBe('invalid_state');
    expect(codeOf(record({ ...closedComplaint(), step: 'carried_out' } as never))).toBe('invalid_state');
    expect(codeOf(record(closedComplaint(), 'partner'))).toBe('forbidden');
    expect(codeOf(record(closedComplaint()))).toBe('ok');
  });

  it('keeps the customer’s score after the call, when asked, on the follow-up and in the trail', () => {
    const next = recordComplaintFollowUp(
      closedComplaint(),
      { outcome: 'still_unhappy', score: 2 },
      { actorId: 'u-admin', role: 'admin' },
      CALLED_AT,
    );
    expect(next.followUp).toMatchObject({ status: 'done', outcome: 'still_unhappy', score: 2 });
    expect(next.trail.at(-1)?.details).toEqual({ outcome: 'still_unhappy', score: 2 });
  });
});

describe('the follow-up call’s record (the API’s body)', () => {
  it.each([
    [{ outcome: 'won_back', score: 5 }, true],
    [{ outcome: 'won_back' }, true],
    [{ outcome: 'won_back', score: 0 }, false],
    [{ outcome: 'won_back', score: 6 }, false],
    [{ outcome: 'won_back', score: 3.5 }, false],
    [{ outcome: 'unreachable', score: 3 }, false],
    [{ outcome: 'unreachable' }, true],
  ])('%j is %s', (body, valid) => {
    expect(ComplaintFollowUpRecordSchema.safeParse(body).success).toBe(valid);
  });
});
