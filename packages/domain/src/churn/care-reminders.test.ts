import { describe, expect, it } from 'vitest';
import {
  isDueWithin,
  nextAnniversary,
  reorderReminderDate,
  reorderReminderDateFromWindow,
} from './care-reminders.js';

describe('reorderReminderDate', () => {
  it('reminds the lead days before the expected re-order', () => {
    expect(reorderReminderDate('2026-12-20', 3, '2026-12-01T09:00:00Z')).toBe('2026-12-17');
  });

  it('reminds today when the lead time has already begun, never for a date gone by', () => {
    expect(reorderReminderDate('2026-12-02', 3, '2026-12-01T09:00:00Z')).toBe('2026-12-01');
    expect(reorderReminderDate('2026-11-30', 3, '2026-12-01T09:00:00Z')).toBeNull();
    expect(reorderReminderDate(null, 3, '2026-12-01T09:00:00Z')).toBeNull();
  });
});

describe('nextAnniversary', () => {
  it('finds this year’s date, or next year’s once it has passed', () => {
    expect(nextAnniversary('1980-12-24', '2026-12-01')).toBe('2026-12-24');
    expect(nextAnniversary('1980-12-01', '2026-12-01')).toBe('2026-12-01');
    expect(nextAnniversary('1980-03-05', '2026-12-01')).toBe('2027-03-05');
  });

  it('keeps 29 February on 28 February in common years', () => {
    expect(nextAnniversary('1996-02-29', '2026-12-01')).toBe('2027-02-28');
    expect(nextAnniversary('1996-02-29', '2027-12-01')).toBe('2028-02-29');
  });
});

describe('isDueWithin', () => {
  it('is inclusive of both ends and false for the past', () => {
    expect(isDueWithin('2026-12-01', '2026-12-01', 7)).toBe(true);
    expect(isDueWithin('2026-12-08', '2026-12-01', 7)).toBe(true);
    expect(isDueWithin('2026-12-09', '2026-12-01', 7)).toBe(false);
    expect(isDueWithin('2026-11-30', '2026-12-01', 7)).toBe(false);
  });
});

describe('reorderReminderDateFromWindow', () => {
  const window = { start: '2026-12-20', until: '2026-12-28' };
  it('is the window start minus the lead days', () => {
    expect(reorderReminderDateFromWindow(window, 3, '2026-12-01T09:00:00Z')).toBe('2026-12-17');
    expect(reorderReminderDateFromWindow(window, 0, '2026-12-01')).toBe('2026-12-20');
  });
  it('is today once the lead time has begun, until the median has passed', () => {
    expect(reorderReminderDateFromWindow(window, 3, '2026-12-24')).toBe('2026-12-24');
    expect(reorderReminderDateFromWindow(window, 3, '2026-12-28')).toBe('2026-12-28');
    expect(reorderReminderDateFromWindow(window, 3, '2026-12-29')).toBeNull();
    expect(reorderReminderDateFromWindow({ start: '2026-12-20', until: null }, 3, '2026-12-21')).toBeNull();
  });
  it('is null without a start', () => {
    expect(reorderReminderDateFromWindow({ start: null, until: '2026-12-28' }, 3, '2026-12-01')).toBeNull();
  });
});
