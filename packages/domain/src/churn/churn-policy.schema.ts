import { z } from 'zod';

/**
 * When a customer counts as drifting (DOMAIN.md §6: tell active from dormant, win the lost back).
 * Gaps are measured against the customer's own rhythm: 60 days without an order is alarming for a
 * weekly buyer and normal for a yearly one.
 */
export const ChurnPolicySchema = z
  .strictObject({
    /** Days since the last order ÷ the customer's usual gap, from which each state starts. */
    atRiskGapRatio: z.number().min(1).max(20),
    dormantGapRatio: z.number().min(1).max(50),
    lostGapRatio: z.number().min(1).max(100),
    /** P(alive) below which each state starts, whatever the gap says. */
    atRiskBelowPAlive: z.number().min(0).max(1),
    dormantBelowPAlive: z.number().min(0).max(1),
    lostBelowPAlive: z.number().min(0).max(1),
    /** The gap assumed for a customer with one order (no rhythm of their own yet). */
    defaultGapDays: z.number().int().min(1).max(3650),
    /** Days before the expected re-order at which the owner gets the care reminder. */
    reorderReminderLeadDays: z.number().int().min(0).max(60),
  })
  .superRefine((policy, context) => {
    if (!(policy.atRiskGapRatio < policy.dormantGapRatio && policy.dormantGapRatio < policy.lostGapRatio)) {
      context.addIssue({
        code: 'custom',
        path: ['dormantGapRatio'],
        message: 'gap ratios must rise: at risk < dormant < lost',
      });
    }
    if (
      !(
        policy.atRiskBelowPAlive > policy.dormantBelowPAlive &&
        policy.dormantBelowPAlive > policy.lostBelowPAlive
      )
    ) {
      context.addIssue({
        code: 'custom',
        path: ['dormantBelowPAlive'],
        message: 'P(alive) thresholds must fall: at risk > dormant > lost',
      });
    }
  })
  .meta({ id: 'ChurnPolicy' });
export type ChurnPolicy = z.infer<typeof ChurnPolicySchema>;

export const defaultChurnPolicy: ChurnPolicy = {
  atRiskGapRatio: 1.5,
  dormantGapRatio: 3,
  lostGapRatio: 6,
  atRiskBelowPAlive: 0.5,
  dormantBelowPAlive: 0.25,
  lostBelowPAlive: 0.05,
  defaultGapDays: 90,
  reorderReminderLeadDays: 3,
};
