import { describe, expect, it } from 'vitest';
import {
  birthdayWindow,
  type CareCustomer,
  plannedCareReminders,
  plannedContactBirthdays,
} from './care-plan.js';
import { defaultTaskPolicy, type TaskPolicy } from './task-policy.schema.js';

const customer = (overrides: Partial<CareCustomer> = {}): CareCustomer => ({
  customFields: {},
  stats: { lastOrderAt: '2026-01-10T09:00:00.000Z' },
  scores: { nextPurchaseAt: '2026-02-10', pAlive: 0.9 },
  ...overrides,
});
const policy = (overrides: Partial<TaskPolicy> = {}): TaskPolicy => ({ ...defaultTaskPolicy, ...overrides });

describe('plannedCareReminders', () => {
  it('reminds of the re-order from the lead day before the expected date, keyed by the last order', () => {
    expect(plannedCareReminders(customer(), policy(), '2026-02-06T01:00:00Z')).toEqual([]);
    const [reminder] = plannedCareReminders(customer(), policy(), '2026-02-07T01:00:00Z');
    expect(reminder).toEqual({
      kind: 'reorder',
      dueOn: '2026-02-10',
      ref: null,
      key: '2026-01-10',
      details: { expectedOn: '2026-02-10', lastOrderOn: '2026-01-10', daysUntil: 3, pAlive: 0.9 },
    });
    // A moved estimate in the same purchase cycle keeps the key, so the task id stays the same.
    const moved = plannedCareReminders(
      customer({ scores: { nextPurchaseAt: '2026-02-11', pAlive: 0.9 } }),
      policy(),
      '2026-02-09T01:00:00Z',
    );
    expect(moved[0]?.key).toBe('2026-01-10');
  });

  it('gives no re-order reminder once the expected date has passed, without scores, or when switched off', () => {
    expect(plannedCareReminders(customer(), policy(), '2026-02-11T01:00:00Z')).toEqual([]);
    expect(plannedCareReminders(customer({ scores: undefined }), policy(), '2026-02-08')).toEqual([]);
    const off = policy({ kinds: { ...defaultTaskPolicy.kinds, reorder: false } });
    expect(plannedCareReminders(customer(), off, '2026-02-08')).toEqual([]);
  });

  it('reminds lead days before the next-purchase window’s start, not its median (issue 13)', () => {
    // Window 2026-02-01 … 2026-02-20, median 2026-02-10; lead 3 days: due from 2026-01-29.
    const windowed = customer({
      scores: {
        nextPurchaseAt: '2026-02-10',
        pAlive: 0.9,
        nextPurchaseWindow: { start: '2026-02-01', median: '2026-02-10', end: '2026-02-20' },
      },
    });
    expect(plannedCareReminders(windowed, policy(), '2026-01-28T23:00:00Z')).toEqual([]);
    const [reminder] = plannedCareReminders(windowed, policy(), '2026-01-29T01:00:00Z');
    expect(reminder).toEqual({
      kind: 'reorder',
      dueOn: '2026-02-01',
      ref: null,
      key: '2026-01-10',
      details: {
        expectedOn: '2026-02-10',
        windowStart: '2026-02-01',
        windowEnd: '2026-02-20',
        lastOrderOn: '2026-01-10',
        daysUntil: 3,
        pAlive: 0.9,
      },
    });
    // A lead of 10 days moves it to 2026-01-22; inside the window it stays due until the median.
    expect(plannedCareReminders(windowed, policy({ reorderLeadDays: 10 }), '2026-01-22')).toHaveLength(1);
    expect(plannedCareReminders(windowed, policy({ reorderLeadDays: 10 }), '2026-01-21')).toEqual([]);
    expect(plannedCareReminders(windowed, policy(), '2026-02-10')).toHaveLength(1);
    expect(plannedCareReminders(windowed, policy(), '2026-02-11')).toEqual([]);
    // A window without a start (beyond reach) gives no reminder, whatever the median says.
    const beyond = customer({
      scores: {
        nextPurchaseAt: '2026-02-10',
        pAlive: 0.9,
        nextPurchaseWindow: { start: null, median: null, end: null },
      },
    });
    expect(plannedCareReminders(beyond, policy(), '2026-02-08')).toEqual([]);
  });

  it('reminds of a birthday within the lead days, on its next occurrence, once a year', () => {
    const born = customer({ birthday: '1980-03-02', scores: undefined });
    expect(plannedCareReminders(born, policy(), '2026-02-26')).toEqual([]);
    expect(plannedCareReminders(born, policy(), '2026-02-27')).toEqual([
      {
        kind: 'birthday',
        dueOn: '2026-03-02',
        ref: null,
        key: '2026-03-02',
        details: { date: '1980-03-02', years: 46 },
      },
    ]);
    expect(plannedCareReminders(born, policy(), '2026-03-02')).toHaveLength(1);
    expect(plannedCareReminders(born, policy(), '2026-03-03')).toEqual([]);
  });

  it('reminds of anniversaries only from the date fields the policy names', () => {
    const partner = customer({
      scores: undefined,
      customFields: { partner_since: '2019-05-20', founded: '2001-05-21', note: 'not a date' },
    });
    const named = policy({ anniversaryFields: ['partner_since', 'note'] });
    const reminders = plannedCareReminders(partner, named, '2026-05-18');
    expect(reminders).toEqual([
      {
        kind: 'anniversary',
        dueOn: '2026-05-20',
        ref: 'partner_since',
        key: 'partner_since|2026-05-20',
        details: { date: '2019-05-20', years: 7 },
      },
    ]);
  });

  it('plans nothing for an archived customer', () => {
    expect(
      plannedCareReminders(
        customer({ archivedAt: '2026-01-01T00:00:00Z', birthday: '1980-02-08' }),
        policy(),
        '2026-02-07',
      ),
    ).toEqual([]);
  });
});

describe('plannedContactBirthdays', () => {
  const li = { id: '01JCONTACT0000000000000001', name: 'Li Wei 李伟', birthday: '1980-03-02' };
  it("greets a contact within the lead days, keyed by the contact and the date, with the person's name", () => {
    expect(plannedContactBirthdays([li], policy(), '2026-02-26T08:00:00Z')).toEqual([]);
    expect(plannedContactBirthdays([li], policy(), '2026-02-27T08:00:00Z')).toEqual([
      {
        kind: 'birthday',
        dueOn: '2026-03-02',
        ref: 'contact:01JCONTACT0000000000000001',
        key: 'contact:01JCONTACT0000000000000001|2026-03-02',
        details: { date: '1980-03-02', years: 46, contactName: 'Li Wei 李伟' },
      },
    ]);
    expect(
      plannedContactBirthdays([{ ...li, birthday: undefined }], policy(), '2026-02-27T08:00:00Z'),
    ).toEqual([]);
    expect(
      plannedContactBirthdays(
        [li],
        policy({ kinds: { ...defaultTaskPolicy.kinds, birthday: false } }),
        '2026-02-27T08:00:00Z',
      ),
    ).toEqual([]);
  });

  it('reads the birthday index over the lead days, across the new year', () => {
    expect(birthdayWindow('2026-02-27T08:00:00Z', 3)).toEqual({ from: '02-27', to: '03-02' });
    expect(birthdayWindow('2026-12-30T08:00:00Z', 3)).toEqual({ from: '12-30', to: '01-02' });
  });
});
