import { z } from 'zod';

/** Limits and amounts are integer minor units of the tenant's default currency. */
const MinorUnits = z.number().int().min(0).max(1e15);
const Weight = z.number().min(0).max(100);

/**
 * The six factors of the credit score (信用等级评定: a weighted average of risk factors, DOMAIN.md
 * §5): four financial, one from the value model, one an admin's judgement (non-financial file).
 */
export const creditFactors = [
  'paymentHistory',
  'daysOverdue',
  'utilisation',
  'tenure',
  'value',
  'rating',
] as const;
export type CreditFactor = (typeof creditFactors)[number];

export const CreditGradeBandSchema = z
  .strictObject({
    grade: z.string().trim().min(1).max(8),
    /** The lowest score (0–100) that earns this grade. */
    minScore: z.number().int().min(0).max(100),
    /** 赊销额度: how much may be owed at once. */
    limit: MinorUnits,
    /** 信用期限: days allowed to pay an invoice. */
    termDays: z.number().int().min(0).max(365),
  })
  .meta({ id: 'CreditGradeBand' });
export type CreditGradeBand = z.infer<typeof CreditGradeBandSchema>;

export const CreditBlockingRulesSchema = z
  .strictObject({
    /** Hold when exposure (open orders + unpaid invoices) exceeds the limit. */
    overLimit: z.boolean(),
    /** Hold when the overdue amount exceeds this; null: the rule is off. */
    overdueAmountAbove: MinorUnits.nullable(),
    /** Hold when the oldest overdue receivable is more than this many days past its due date. */
    daysOverdueAbove: z.number().int().min(0).max(3650).nullable(),
    /** Watch (no hold) once exposure uses this share of the limit. */
    watchUtilisation: z.number().min(0).max(1),
  })
  .meta({ id: 'CreditBlockingRules' });
export type CreditBlockingRules = z.infer<typeof CreditBlockingRulesSchema>;

export const CreditPolicyInputSchema = z
  .strictObject({
    weights: z
      .strictObject(
        Object.fromEntries(creditFactors.map((factor) => [factor, Weight])) as Record<
          CreditFactor,
          typeof Weight
        >,
      )
      .refine((weights) => Object.values(weights).some((weight) => weight > 0), {
        message: 'at least one weight must be above 0',
      }),
    /** Highest grade first; the last band must start at score 0 so every score has a grade. */
    grades: z
      .array(CreditGradeBandSchema)
      .min(1)
      .max(12)
      .superRefine((bands, context) => {
        bands.forEach((band, index) => {
          const previous = bands[index - 1];
          if (previous && band.minScore >= previous.minScore) {
            context.addIssue({
              code: 'custom',
              path: [index, 'minScore'],
              message: 'must be below the previous grade’s minScore (highest grade first)',
            });
          }
          if (bands.findIndex((other) => other.grade === band.grade) !== index) {
            context.addIssue({ code: 'custom', path: [index, 'grade'], message: 'must not repeat' });
          }
        });
        const last = bands[bands.length - 1];
        if (last && last.minScore !== 0) {
          context.addIssue({
            code: 'custom',
            path: [bands.length - 1, 'minScore'],
            message: 'the lowest grade must start at 0',
          });
        }
      }),
    /** Days past the due date before a receivable counts as overdue (Odoo's maturity margin). */
    maturityMarginDays: z.number().int().min(0).max(90),
    blocking: CreditBlockingRulesSchema,
    /** Releasing a hold waits for a risk manager instead of happening when the figures allow. */
    releaseNeedsApproval: z.boolean(),
    /** A manual limit above the grade's waits for a second admin (SAP: a limit change needs approval). */
    limitOverrideNeedsApproval: z.boolean(),
    /** Where a receivable starts: at the invoice, or at the order for tenants that invoice on order. */
    receivableFrom: z.enum(['invoice', 'order']),
  })
  .meta({ id: 'CreditPolicyInput' });
export type CreditPolicyInput = z.infer<typeof CreditPolicyInputSchema>;

/**
 * A small business's sensible start: payment behaviour weighs most, limits in the tenant's minor
 * units (e.g. 分), terms from 60 days for the best grade down to cash only for C.
 */
export const defaultCreditPolicy: CreditPolicyInput = {
  weights: { paymentHistory: 35, daysOverdue: 25, utilisation: 15, tenure: 10, value: 10, rating: 5 },
  grades: [
    { grade: 'AAA', minScore: 90, limit: 50_000_00, termDays: 60 },
    { grade: 'AA', minScore: 80, limit: 20_000_00, termDays: 45 },
    { grade: 'A', minScore: 70, limit: 10_000_00, termDays: 30 },
    { grade: 'B', minScore: 55, limit: 3_000_00, termDays: 15 },
    { grade: 'C', minScore: 0, limit: 0, termDays: 0 },
  ],
  maturityMarginDays: 3,
  blocking: { overLimit: true, overdueAmountAbove: null, daysOverdueAbove: 30, watchUtilisation: 0.8 },
  releaseNeedsApproval: false,
  limitOverrideNeedsApproval: true,
  receivableFrom: 'order',
};
