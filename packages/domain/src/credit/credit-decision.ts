import type { CreditBlockingRules } from './credit-policy.schema.js';

export const creditStatuses = ['ok', 'watch', 'hold'] as const;
export type CreditStatus = (typeof creditStatuses)[number];

/** A reason carries its figures so the UI can say it in either language. */
export type CreditReason =
  | { code: 'over_limit'; exposure: number; limit: number }
  | { code: 'overdue_amount'; overdue: number; threshold: number }
  | { code: 'days_overdue'; days: number; threshold: number }
  | { code: 'near_limit'; exposure: number; limit: number; utilisation: number }
  | { code: 'overdue'; overdue: number; days: number };

export type CreditFigures = {
  limit: number;
  /** Open orders + unpaid receivables. */
  exposure: number;
  overdueAmount: number;
  maxDaysOverdue: number;
};

export type CreditAssessment = { status: CreditStatus; reasons: CreditReason[] };

/**
 * The credit decision table (Dynamics 365's blocking rules): each enabled rule that fires is a
 * reason to hold; near the limit or anything overdue is a reason to watch. Pure, so the stream
 * reaction, the nightly pass and `POST /v1/credit/check` agree by construction.
 */
export function assessCredit(figures: CreditFigures, rules: CreditBlockingRules): CreditAssessment {
  const holds: CreditReason[] = [];
  if (rules.overLimit && figures.exposure > figures.limit) {
    holds.push({ code: 'over_limit', exposure: figures.exposure, limit: figures.limit });
  }
  if (rules.overdueAmountAbove !== null && figures.overdueAmount > rules.overdueAmountAbove) {
    holds.push({
      code: 'overdue_amount',
      overdue: figures.overdueAmount,
      threshold: rules.overdueAmountAbove,
    });
  }
  if (rules.daysOverdueAbove !== null && figures.maxDaysOverdue > rules.daysOverdueAbove) {
    holds.push({ code: 'days_overdue', days: figures.maxDaysOverdue, threshold: rules.daysOverdueAbove });
  }
  if (holds.length > 0) return { status: 'hold', reasons: holds };

  const watches: CreditReason[] = [];
  const utilisation = figures.limit === 0 ? (figures.exposure > 0 ? 1 : 0) : figures.exposure / figures.limit;
  if (figures.exposure > 0 && utilisation >= rules.watchUtilisation) {
    watches.push({ code: 'near_limit', exposure: figures.exposure, limit: figures.limit, utilisation });
  }
  if (figures.overdueAmount > 0) {
    watches.push({ code: 'overdue', overdue: figures.overdueAmount, days: figures.maxDaysOverdue });
  }
  return { status: watches.length > 0 ? 'watch' : 'ok', reasons: watches };
}

/** Would one more order of `amount` pass? The same table with the order added to the exposure. */
export function checkOrder(
  figures: CreditFigures,
  rules: CreditBlockingRules,
  amount: number,
): CreditAssessment {
  return assessCredit({ ...figures, exposure: figures.exposure + amount }, rules);
}

export type HoldTransition =
  | { kind: 'none' }
  | { kind: 'place'; reasons: CreditReason[] }
  /** The figures no longer hold the customer; released now, or queued for a risk manager. */
  | { kind: 'release'; approval: 'automatic' | 'required' }
  /** Still held, for reasons that changed. */
  | { kind: 'keep'; reasons: CreditReason[] };

/**
 * How a hold moves when the figures change: placed the moment a rule fires, released when none
 * does (or queued for approval if the policy says so). A release waiting for approval keeps the
 * hold in force until someone releases it.
 */
export function holdTransition(
  held: boolean,
  assessment: CreditAssessment,
  releaseNeedsApproval: boolean,
): HoldTransition {
  if (!held)
    return assessment.status === 'hold' ? { kind: 'place', reasons: assessment.reasons } : { kind: 'none' };
  if (assessment.status === 'hold') return { kind: 'keep', reasons: assessment.reasons };
  return { kind: 'release', approval: releaseNeedsApproval ? 'required' : 'automatic' };
}
