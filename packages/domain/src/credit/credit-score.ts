import type { CreditFactor, CreditGradeBand, CreditPolicyInput } from './credit-policy.schema.js';

/** What the score is computed from; every figure is kept with the decision so it can be explained. */
export type CreditScoreInputs = {
  /** Receivables settled on time (by due date + margin) and in all, over the customer's history. */
  settledOnTime: number;
  settledTotal: number;
  /** Days past due of the oldest overdue receivable now. */
  maxDaysOverdue: number;
  exposure: number;
  /** The limit in force before this evaluation (null: none granted yet). */
  currentLimit: number | null;
  /** Days since the first order (客户关系的长度). */
  tenureDays: number;
  /** ABC class from the value model (null: not scored yet). */
  abcClass: 'A' | 'B' | 'C' | null;
  /** An admin's 1–5 judgement of the non-financial file (relationship, reputation); null: none. */
  rating: number | null;
};

export type CreditFactorScore = {
  factor: CreditFactor;
  /** 0 (worst) … 1 (best). */
  value: number;
  weight: number;
  /** Why this value, in the stable terms the UI translates. */
  basis: string;
};

export type CreditScore = { score: number; factors: CreditFactorScore[] };

/** Unknown evidence is neither rewarded nor punished. */
const NEUTRAL = 0.5;
/** Two years of history earn the full tenure factor. */
const FULL_TENURE_DAYS = 730;
/** 90 days late is the worst the overdue factor can get. */
const WORST_DAYS_OVERDUE = 90;

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

function factorValues(inputs: CreditScoreInputs): Record<CreditFactor, { value: number; basis: string }> {
  return {
    paymentHistory:
      inputs.settledTotal === 0
        ? { value: NEUTRAL, basis: 'no settled receivables yet' }
        : {
            value: inputs.settledOnTime / inputs.settledTotal,
            basis: `${inputs.settledOnTime} of ${inputs.settledTotal} paid on time`,
          },
    daysOverdue: {
      value: 1 - clamp01(inputs.maxDaysOverdue / WORST_DAYS_OVERDUE),
      basis: `${inputs.maxDaysOverdue} days overdue`,
    },
    utilisation:
      inputs.currentLimit === null || inputs.currentLimit === 0
        ? inputs.exposure === 0
          ? { value: NEUTRAL, basis: 'no limit and nothing owed' }
          : { value: 0, basis: 'owes without a limit' }
        : {
            value: 1 - clamp01(inputs.exposure / inputs.currentLimit),
            basis: `${Math.round((inputs.exposure / inputs.currentLimit) * 100)}% of the limit used`,
          },
    tenure: {
      value: clamp01(inputs.tenureDays / FULL_TENURE_DAYS),
      basis: `${inputs.tenureDays} days a customer`,
    },
    value:
      inputs.abcClass === null
        ? { value: NEUTRAL, basis: 'not scored yet' }
        : { value: { A: 1, B: 0.6, C: 0.3 }[inputs.abcClass], basis: `ABC class ${inputs.abcClass}` },
    rating:
      inputs.rating === null
        ? { value: NEUTRAL, basis: 'no rating' }
        : { value: clamp01((inputs.rating - 1) / 4), basis: `rated ${inputs.rating} of 5` },
  };
}

/**
 * 信用评分: the weighted average of the factors, 0–100 (higher pays more reliably). Each factor is
 * kept with its value, weight and basis, so the grade can always answer "why".
 */
export function creditScore(inputs: CreditScoreInputs, weights: CreditPolicyInput['weights']): CreditScore {
  const values = factorValues(inputs);
  const factors = (Object.keys(values) as CreditFactor[]).map((factor) => ({
    factor,
    value: values[factor].value,
    weight: weights[factor],
    basis: values[factor].basis,
  }));
  const totalWeight = factors.reduce((sum, factor) => sum + factor.weight, 0);
  const weighted = factors.reduce((sum, factor) => sum + factor.value * factor.weight, 0);
  return { score: totalWeight === 0 ? 0 : Math.round((weighted / totalWeight) * 100), factors };
}

/** The grade band a score earns: the first (highest) whose minScore it reaches. */
export function gradeFor(score: number, grades: readonly CreditGradeBand[]): CreditGradeBand {
  const band = grades.find((candidate) => score >= candidate.minScore) ?? grades[grades.length - 1];
  if (!band) throw new Error('a credit policy has at least one grade');
  return band;
}
