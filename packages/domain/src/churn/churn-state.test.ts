import { describe, expect, it } from 'vitest';
import { ChurnPolicySchema, defaultChurnPolicy } from './churn-policy.schema.js';
import { assessChurn, churnTransition, suggestWinBack } from './churn-state.js';

const policy = defaultChurnPolicy;
const weekly = { meanGapDays: 7, pAlive: 0.9 };

describe('assessChurn', () => {
  it('measures the gap against the customer’s own rhythm, at each boundary', () => {
    expect(assessChurn({ ...weekly, daysSinceLastOrder: 10 }, policy).state).toBe('active');
    expect(assessChurn({ ...weekly, daysSinceLastOrder: 10.5 }, policy).state).toBe('at_risk');
    expect(assessChurn({ ...weekly, daysSinceLastOrder: 21 }, policy).state).toBe('dormant');
    expect(assessChurn({ ...weekly, daysSinceLastOrder: 42 }, policy)).toEqual({
      state: 'lost',
      gapRatio: 6,
      gapDays: 7,
      decidedBy: 'gap',
    });
  });

  it('finds 60 quiet days normal for a yearly buyer and alarming for a weekly one', () => {
    expect(assessChurn({ meanGapDays: 365, pAlive: 0.9, daysSinceLastOrder: 60 }, policy).state).toBe(
      'active',
    );
    expect(assessChurn({ ...weekly, daysSinceLastOrder: 60 }, policy).state).toBe('lost');
  });

  it('uses the default gap for a customer with one order', () => {
    expect(assessChurn({ meanGapDays: null, pAlive: null, daysSinceLastOrder: 134 }, policy).state).toBe(
      'active',
    );
    expect(assessChurn({ meanGapDays: null, pAlive: null, daysSinceLastOrder: 135 }, policy)).toMatchObject({
      state: 'at_risk',
      gapDays: 90,
    });
  });

  it('lets a low P(alive) make the state more severe, never less', () => {
    expect(assessChurn({ meanGapDays: 30, pAlive: 0.2, daysSinceLastOrder: 5 }, policy)).toMatchObject({
      state: 'dormant',
      decidedBy: 'p_alive',
    });
    expect(assessChurn({ meanGapDays: 30, pAlive: 0.04, daysSinceLastOrder: 5 }, policy).state).toBe('lost');
    expect(assessChurn({ meanGapDays: 7, pAlive: 0.99, daysSinceLastOrder: 50 }, policy).state).toBe('lost');
  });

  it('trusts the gap alone right after an order, before the next fit', () => {
    expect(assessChurn({ meanGapDays: 30, pAlive: 0.01, daysSinceLastOrder: 0 }, policy, true)).toMatchObject(
      {
        state: 'active',
        decidedBy: 'none',
      },
    );
  });
});

describe('churnTransition', () => {
  const valuable = { abcClass: 'A' as const, clvDecile: 3 };
  const ordinary = { abcClass: 'C' as const, clvDecile: 7 };

  it('raises an alert when a valuable customer leaves active', () => {
    expect(churnTransition('active', 'at_risk', valuable)).toEqual({
      kind: 'raise',
      from: 'active',
      to: 'at_risk',
    });
    expect(churnTransition(null, 'dormant', { abcClass: null, clvDecile: 1 })).toEqual({
      kind: 'raise',
      from: 'active',
      to: 'dormant',
    });
  });

  it('moves quietly for others and for further decline', () => {
    expect(churnTransition('active', 'at_risk', ordinary)).toEqual({
      kind: 'move',
      from: 'active',
      to: 'at_risk',
    });
    expect(churnTransition('at_risk', 'dormant', valuable)).toEqual({
      kind: 'move',
      from: 'at_risk',
      to: 'dormant',
    });
  });

  it('clears on the way back to active, and does nothing without a change', () => {
    expect(churnTransition('dormant', 'active', ordinary)).toEqual({ kind: 'clear', from: 'dormant' });
    expect(churnTransition('lost', 'lost', valuable)).toEqual({ kind: 'none' });
  });
});

describe('suggestWinBack', () => {
  it('suggests heavier steps for valuable customers', () => {
    const valuable = { abcClass: 'A' as const, clvDecile: null };
    const ordinary = { abcClass: 'B' as const, clvDecile: 5 };
    expect(suggestWinBack('at_risk', valuable)).toBe('personal_call');
    expect(suggestWinBack('at_risk', ordinary)).toBe('care_message');
    expect(suggestWinBack('dormant', valuable)).toBe('visit');
    expect(suggestWinBack('dormant', ordinary)).toBe('offer');
    expect(suggestWinBack('lost', ordinary)).toBe('survey');
  });
});

describe('ChurnPolicySchema', () => {
  it('accepts the default and wants thresholds in order', () => {
    expect(ChurnPolicySchema.parse(defaultChurnPolicy)).toEqual(defaultChurnPolicy);
    const muddled = { ...defaultChurnPolicy, dormantGapRatio: 10, lostBelowPAlive: 0.3 };
    expect(ChurnPolicySchema.safeParse(muddled).error?.issues.map((issue) => issue.message)).toEqual([
      'gap ratios must rise: at risk < dormant < lost',
      'P(alive) thresholds must fall: at risk > dormant > lost',
    ]);
  });
});
