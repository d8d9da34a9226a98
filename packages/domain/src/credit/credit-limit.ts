import type { CreditGradeBand } from './credit-policy.schema.js';

/** A limit an admin set by hand, with the reason the file keeps. */
export type LimitOverride = { limit: number; reason: string; setBy: string; setAt: string };

export type EffectiveLimit = { limit: number; source: 'grade' | 'override'; termDays: number };

/** The override wins over the grade's limit; the term always comes from the grade. */
export function effectiveLimit(band: CreditGradeBand, override: LimitOverride | null): EffectiveLimit {
  return override
    ? { limit: override.limit, source: 'override', termDays: band.termDays }
    : { limit: band.limit, source: 'grade', termDays: band.termDays };
}

/**
 * A manual limit needs a second person when the policy says so and it raises the limit above
 * the grade's: lowering a limit only reduces risk, so it never waits.
 */
export function limitChangeNeedsApproval(
  requested: number,
  band: CreditGradeBand,
  limitOverrideNeedsApproval: boolean,
): boolean {
  return limitOverrideNeedsApproval && requested > band.limit;
}

export type SuggestedLimitInputs = {
  /** Expected orders within the credit term (BG/NBD's expected purchases scaled to the term). */
  expectedOrdersInTerm: number;
  averageOrderValue: number;
  /** 12-month CLV in minor units (null without a spend model). */
  clv: number | null;
  /** Share of settled receivables paid on time (null: no history). */
  onTimeShare: number | null;
  termDays: number;
};

export type SuggestedLimit = {
  limit: number;
  /** Each step of the reasoning, in order, with the figure it produced. */
  steps: { step: 'expected_need' | 'payment_behaviour' | 'clv_cap' | 'minimum_one_order'; amount: number }[];
};

/** Amounts are rounded up to whole hundreds of minor units (a limit of ¥1,234.00, not ¥1,233.87). */
const roundUp = (amount: number) => Math.ceil(amount / 100) * 100;

/**
 * A suggested limit: what the customer is expected to buy on credit within one term, scaled by
 * how reliably they pay, never above a year's expected value, and at least one ordinary order for
 * a reliable payer. An admin accepts or overrides it; nothing applies it by itself.
 */
export function suggestLimit(inputs: SuggestedLimitInputs): SuggestedLimit {
  const steps: SuggestedLimit['steps'] = [];
  const need = Math.max(0, inputs.expectedOrdersInTerm) * Math.max(0, inputs.averageOrderValue);
  steps.push({ step: 'expected_need', amount: roundUp(need) });
  // Unknown behaviour is trusted halfway; a perfect record in full.
  const behaviour = inputs.onTimeShare ?? 0.5;
  let limit = need * behaviour;
  steps.push({ step: 'payment_behaviour', amount: roundUp(limit) });
  if (inputs.clv !== null && limit > inputs.clv) {
    limit = Math.max(0, inputs.clv);
    steps.push({ step: 'clv_cap', amount: roundUp(limit) });
  }
  if (inputs.termDays > 0 && behaviour >= 0.9 && limit < inputs.averageOrderValue) {
    limit = inputs.averageOrderValue;
    steps.push({ step: 'minimum_one_order', amount: roundUp(limit) });
  }
  return { limit: roundUp(limit), steps };
}
