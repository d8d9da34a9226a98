import { describe, expect, it } from 'vitest';
import { type Complaint, defaultComplaintSlaPolicy } from './complaint.schema.js';
import { escalateIfOverdue, isComplaintOverdue, stepDueAt } from './complaint-sla.js';
import { recordedComplaint } from './recorded-complaint.fixture.js';

const RECORDED_AT = new Date('2026-03-02T09:00:00.000Z');

function recorded(severity: Complaint['severity']): Complaint {
  return recordedComplaint({ now: RECORDED_AT, severity, summary: 'Late delivery', role: 'member' });
}

describe('complaint SLAs', () => {
  it.each([
    ['critical', '2026-03-02T13:00:00.000Z'],
    ['high', '2026-03-02T17:00:00.000Z'],
    ['medium', '2026-03-03T09:00:00.000Z'],
    ['low', '2026-03-04T09:00:00.000Z'],
  ] as const)('gives a %s complaint until %s to be judged', (severity, due) => {
    expect(recorded(severity).stepDueAt).toBe(due);
  });

  it('follows the tenant’s own hours', () => {
    const policy = {
      ...defaultComplaintSlaPolicy,
      hours: { ...defaultComplaintSlaPolicy.hours, recorded: { critical: 1, high: 2, medium: 3, low: 4 } },
    };

    expect(stepDueAt(recorded('medium'), policy)).toBe('2026-03-02T12:00:00.000Z');
  });

  it('is overdue only after the due time, and never once closed', () => {
    const complaint = recorded('critical');

    expect(isComplaintOverdue(complaint, new Date('2026-03-02T13:00:00.000Z'))).toBe(false);
    expect(isComplaintOverdue(complaint, new Date('2026-03-02T13:00:00.001Z'))).toBe(true);
    expect(isComplaintOverdue({ step: 'rejected', stepDueAt: null }, new Date('2030-01-01T00:00:00Z'))).toBe(
      false,
    );
  });

  it('escalates an overdue step once, however often the nightly pass runs', () => {
    const late = new Date('2026-03-03T00:00:00.000Z');
    const first = escalateIfOverdue(recorded('critical'), late);

    expect(first?.overdue).toBe(true);
    expect(first?.escalations).toEqual([
      { step: 'recorded', dueAt: '2026-03-02T13:00:00.000Z', at: '2026-03-03T00:00:00.000Z' },
    ]);
    expect(first && escalateIfOverdue(first, new Date('2026-03-04T00:00:00.000Z'))).toBeUndefined();
  });

  it('raises nothing for a complaint still within its SLA', () => {
    expect(escalateIfOverdue(recorded('low'), new Date('2026-03-03T00:00:00.000Z'))).toBeUndefined();
  });
});
