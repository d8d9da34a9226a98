import { describe, expect, it } from 'vitest';
import { effectiveLimit, limitChangeNeedsApproval, suggestLimit } from './credit-limit.js';

const band = { grade: 'A', minScore: 70, limit: 1_000_000, termDays: 30 };

describe('effectiveLimit', () => {
  it('takes the override over the grade, the term from the grade', () => {
    expect(effectiveLimit(band, null)).toEqual({ limit: 1_000_000, source: 'grade', termDays: 30 });
    const override = { limit: 5, reason: 'new owner', setBy: 'u1', setAt: '2026-01-01T00:00:00Z' };
    expect(effectiveLimit(band, override)).toEqual({ limit: 5, source: 'override', termDays: 30 });
  });
});

describe('limitChangeNeedsApproval', () => {
  it('asks for approval only when raising above the grade and the policy wants it', () => {
    expect(limitChangeNeedsApproval(1_000_001, band, true)).toBe(true);
    expect(limitChangeNeedsApproval(1_000_000, band, true)).toBe(false);
    expect(limitChangeNeedsApproval(5_000_000, band, false)).toBe(false);
  });
});

describe('suggestLimit', () => {
  it('is the expected need in one term, scaled by payment behaviour', () => {
    const suggestion = suggestLimit({
      expectedOrdersInTerm: 2,
      averageOrderValue: 50_000,
      clv: 1_000_000,
      onTimeShare: 0.5,
      termDays: 30,
    });
    expect(suggestion).toEqual({
      limit: 50_000,
      steps: [
        { step: 'expected_need', amount: 100_000 },
        { step: 'payment_behaviour', amount: 50_000 },
      ],
    });
  });

  it('never suggests more than a year’s expected value', () => {
    const suggestion = suggestLimit({
      expectedOrdersInTerm: 10,
      averageOrderValue: 50_000,
      clv: 120_000,
      onTimeShare: 1,
      termDays: 60,
    });
    expect(suggestion.limit).toBe(120_000);
    expect(suggestion.steps.at(-1)).toEqual({ step: 'clv_cap', amount: 120_000 });
  });

  it('grants a reliable payer at least one ordinary order', () => {
    const suggestion = suggestLimit({
      expectedOrdersInTerm: 0.1,
      averageOrderValue: 30_050,
      clv: null,
      onTimeShare: 0.95,
      termDays: 30,
    });
    expect(suggestion.limit).toBe(30_100);
  });

  it('suggests nothing to a customer who is not expected to buy and has no record', () => {
    expect(
      suggestLimit({ expectedOrdersInTerm: 0, averageOrderValue: 0, clv: 0, onTimeShare: null, termDays: 0 })
        .limit,
    ).toBe(0);
  });
});
