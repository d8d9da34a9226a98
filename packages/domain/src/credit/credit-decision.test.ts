import { describe, expect, it } from 'vitest';
import { assessCredit, checkOrder, holdTransition } from './credit-decision.js';
import type { CreditBlockingRules } from './credit-policy.schema.js';

const rules: CreditBlockingRules = {
  overLimit: true,
  overdueAmountAbove: 50_000,
  daysOverdueAbove: 30,
  watchUtilisation: 0.8,
};
const clean = { limit: 100_000, exposure: 0, overdueAmount: 0, maxDaysOverdue: 0 };

describe('assessCredit, rule by rule and at each boundary', () => {
  it('is ok with nothing owed', () => {
    expect(assessCredit(clean, rules)).toEqual({ status: 'ok', reasons: [] });
  });

  it('holds above the limit, not at it', () => {
    expect(assessCredit({ ...clean, exposure: 100_000 }, rules).status).toBe('watch');
    expect(assessCredit({ ...clean, exposure: 100_001 }, rules)).toEqual({
      status: 'hold',
      reasons: [{ code: 'over_limit', exposure: 100_001, limit: 100_000 }],
    });
  });

  it('ignores the limit when the over-limit rule is off', () => {
    expect(assessCredit({ ...clean, exposure: 500_000 }, { ...rules, overLimit: false }).status).toBe(
      'watch',
    );
  });

  it('holds when the overdue amount exceeds its threshold, not at it', () => {
    expect(assessCredit({ ...clean, overdueAmount: 50_000, maxDaysOverdue: 5 }, rules).status).toBe('watch');
    expect(assessCredit({ ...clean, overdueAmount: 50_001, maxDaysOverdue: 5 }, rules).reasons).toEqual([
      { code: 'overdue_amount', overdue: 50_001, threshold: 50_000 },
    ]);
  });

  it('holds when days overdue exceed the threshold, not at it', () => {
    expect(assessCredit({ ...clean, overdueAmount: 10, maxDaysOverdue: 30 }, rules).status).toBe('watch');
    expect(assessCredit({ ...clean, overdueAmount: 10, maxDaysOverdue: 31 }, rules).reasons).toEqual([
      { code: 'days_overdue', days: 31, threshold: 30 },
    ]);
  });

  it('turns a rule off with null', () => {
    const off = { ...rules, overdueAmountAbove: null, daysOverdueAbove: null };
    expect(assessCredit({ ...clean, overdueAmount: 90_000, maxDaysOverdue: 200 }, off).status).toBe('watch');
  });

  it('gives every reason that fires, not only the first', () => {
    const all = assessCredit(
      { limit: 100, exposure: 200_000, overdueAmount: 60_000, maxDaysOverdue: 45 },
      rules,
    );
    expect(all.reasons.map((reason) => reason.code)).toEqual([
      'over_limit',
      'overdue_amount',
      'days_overdue',
    ]);
  });

  it('watches from the utilisation threshold on', () => {
    expect(assessCredit({ ...clean, exposure: 79_999 }, rules).status).toBe('ok');
    expect(assessCredit({ ...clean, exposure: 80_000 }, rules)).toEqual({
      status: 'watch',
      reasons: [{ code: 'near_limit', exposure: 80_000, limit: 100_000, utilisation: 0.8 }],
    });
  });

  it('treats any exposure against a zero limit as over it', () => {
    expect(assessCredit({ ...clean, limit: 0, exposure: 1 }, rules).status).toBe('hold');
    expect(assessCredit({ ...clean, limit: 0 }, rules).status).toBe('ok');
  });

  it('watches anything overdue within the thresholds', () => {
    expect(assessCredit({ ...clean, overdueAmount: 1, maxDaysOverdue: 4 }, rules)).toEqual({
      status: 'watch',
      reasons: [{ code: 'overdue', overdue: 1, days: 4 }],
    });
  });
});

describe('checkOrder', () => {
  it('adds the order to the exposure before deciding', () => {
    const figures = { ...clean, exposure: 60_000 };
    expect(checkOrder(figures, rules, 40_000).status).toBe('watch');
    expect(checkOrder(figures, rules, 40_001).reasons[0]).toEqual({
      code: 'over_limit',
      exposure: 100_001,
      limit: 100_000,
    });
  });
});

describe('holdTransition', () => {
  const hold = assessCredit({ ...clean, exposure: 200_000 }, rules);
  const ok = assessCredit(clean, rules);

  it('places a hold when a rule fires on a customer not held', () => {
    expect(holdTransition(false, hold, false)).toEqual({ kind: 'place', reasons: hold.reasons });
    expect(holdTransition(false, ok, false)).toEqual({ kind: 'none' });
  });

  it('keeps a hold while a rule still fires', () => {
    expect(holdTransition(true, hold, false)).toEqual({ kind: 'keep', reasons: hold.reasons });
  });

  it('releases at once, or waits for approval when the policy asks', () => {
    expect(holdTransition(true, ok, false)).toEqual({ kind: 'release', approval: 'automatic' });
    expect(holdTransition(true, ok, true)).toEqual({ kind: 'release', approval: 'required' });
  });
});
