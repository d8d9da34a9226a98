import { z } from 'zod';
import { churnStates, winBackActions } from './churn-state.js';

/**
 * Where a customer stands (活跃 / 风险 / 休眠 / 流失) and what it was read from. Kept beside the
 * customer item in its partition, never on it, so churn never contends with orders or edits.
 */
export const ChurnFileSchema = z
  .object({
    customerId: z.string(),
    state: z.enum(churnStates),
    /** When the customer entered this state. */
    since: z.string(),
    /** When the customer last left `active` (the churn episode an alert belongs to); null while active. */
    leftActiveAt: z.string().nullable(),
    lastOrderAt: z.string().nullable(),
    daysSinceLastOrder: z.number().nullable(),
    /** The customer's usual gap between orders in days (the default gap for one order). */
    gapDays: z.number().nullable(),
    gapRatio: z.number().nullable(),
    pAlive: z.number().nullable(),
    decidedBy: z.enum(['gap', 'p_alive', 'none']),
    abcClass: z.enum(['A', 'B', 'C']).nullable(),
    valuable: z.boolean(),
    /** The first win-back step suggested while not active. */
    suggestion: z.enum(winBackActions).nullable(),
    evaluatedAt: z.string(),
  })
  .meta({ id: 'ChurnFile' });
export type ChurnFile = z.infer<typeof ChurnFileSchema>;
