import { describe, expect, it } from 'vitest';
import { CreditPolicyInputSchema, defaultCreditPolicy } from './credit-policy.schema.js';

const issues = (input: unknown) =>
  CreditPolicyInputSchema.safeParse(input).error?.issues.map(
    (issue) => `${issue.path.join('.')}: ${issue.message}`,
  );

describe('CreditPolicyInputSchema', () => {
  it('accepts the default policy', () => {
    expect(CreditPolicyInputSchema.parse(defaultCreditPolicy)).toEqual(defaultCreditPolicy);
  });

  it('wants grades highest first, unique, down to score 0', () => {
    const grades = [
      { grade: 'A', minScore: 50, limit: 100, termDays: 30 },
      { grade: 'A', minScore: 60, limit: 100, termDays: 30 },
      { grade: 'C', minScore: 10, limit: 0, termDays: 0 },
    ];
    expect(issues({ ...defaultCreditPolicy, grades })).toEqual([
      'grades.1.minScore: must be below the previous grade’s minScore (highest grade first)',
      'grades.1.grade: must not repeat',
      'grades.2.minScore: the lowest grade must start at 0',
    ]);
  });

  it('refuses all-zero weights and unknown fields', () => {
    const zero = { paymentHistory: 0, daysOverdue: 0, utilisation: 0, tenure: 0, value: 0, rating: 0 };
    expect(issues({ ...defaultCreditPolicy, weights: zero })).toEqual([
      'weights: at least one weight must be above 0',
    ]);
    expect(issues({ ...defaultCreditPolicy, extra: 1 })?.[0]).toMatch(/extra/);
  });

  it('bounds limits and terms', () => {
    const grades = [{ grade: 'C', minScore: 0, limit: -1, termDays: 400 }];
    expect(issues({ ...defaultCreditPolicy, grades })).toHaveLength(2);
  });
});
