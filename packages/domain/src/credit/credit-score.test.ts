import { describe, expect, it } from 'vitest';
import { defaultCreditPolicy } from './credit-policy.schema.js';
import { type CreditScoreInputs, creditScore, gradeFor } from './credit-score.js';

const reliable: CreditScoreInputs = {
  settledOnTime: 20,
  settledTotal: 20,
  maxDaysOverdue: 0,
  exposure: 0,
  currentLimit: 100_000,
  tenureDays: 800,
  abcClass: 'A',
  rating: 5,
};
const weights = defaultCreditPolicy.weights;

describe('creditScore', () => {
  it('gives a spotless long-standing A customer 100', () => {
    expect(creditScore(reliable, weights).score).toBe(100);
  });

  it('scores a customer with no evidence in the middle', () => {
    const unknown: CreditScoreInputs = {
      settledOnTime: 0,
      settledTotal: 0,
      maxDaysOverdue: 0,
      exposure: 0,
      currentLimit: null,
      tenureDays: 0,
      abcClass: null,
      rating: null,
    };
    // Neutral everywhere except days overdue (1, nothing late) and tenure (0, new).
    const score = creditScore(unknown, weights);
    expect(score.score).toBe(Math.round(((35 * 0.5 + 25 + 15 * 0.5 + 0 + 10 * 0.5 + 5 * 0.5) / 100) * 100));
  });

  it('falls with late payments, overdue days and a used-up limit', () => {
    const base = creditScore(reliable, weights).score;
    expect(creditScore({ ...reliable, settledOnTime: 10 }, weights).score).toBeLessThan(base);
    expect(creditScore({ ...reliable, maxDaysOverdue: 45 }, weights).score).toBeLessThan(base);
    expect(creditScore({ ...reliable, exposure: 100_000 }, weights).score).toBe(base - 15);
  });

  it('keeps each factor with its weight and basis', () => {
    const { factors } = creditScore({ ...reliable, settledOnTime: 15 }, weights);
    expect(factors.find((factor) => factor.factor === 'paymentHistory')).toEqual({
      factor: 'paymentHistory',
      value: 0.75,
      weight: 35,
      basis: '15 of 20 paid on time',
    });
  });

  it('uses only the weighted factors', () => {
    const onlyRating = { paymentHistory: 0, daysOverdue: 0, utilisation: 0, tenure: 0, value: 0, rating: 1 };
    expect(creditScore({ ...reliable, rating: 3 }, onlyRating).score).toBe(50);
  });
});

describe('gradeFor', () => {
  it('finds the highest band the score reaches, at each boundary', () => {
    const grades = defaultCreditPolicy.grades;
    expect(gradeFor(100, grades).grade).toBe('AAA');
    expect(gradeFor(90, grades).grade).toBe('AAA');
    expect(gradeFor(89, grades).grade).toBe('AA');
    expect(gradeFor(55, grades).grade).toBe('B');
    expect(gradeFor(54, grades).grade).toBe('C');
    expect(gradeFor(0, grades).grade).toBe('C');
  });
});
