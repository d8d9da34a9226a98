import { z } from 'zod';
import { IdSchema } from '../ids.js';
import { CreditPolicyInputSchema, creditFactors } from './credit-policy.schema.js';

/** Amounts in minor units of the tenant's default currency. */
const Amount = z.number().int();

export const CreditReasonSchema = z
  .discriminatedUnion('code', [
    z.object({ code: z.literal('over_limit'), exposure: Amount, limit: Amount }),
    z.object({ code: z.literal('overdue_amount'), overdue: Amount, threshold: Amount }),
    z.object({ code: z.literal('days_overdue'), days: z.number().int(), threshold: z.number().int() }),
    z.object({ code: z.literal('near_limit'), exposure: Amount, limit: Amount, utilisation: z.number() }),
    z.object({ code: z.literal('overdue'), overdue: Amount, days: z.number().int() }),
  ])
  .meta({
    id: 'CreditReason',
    description: 'Why a customer is held or watched, with the figures that decided it.',
  });

export const CreditFactorScoreSchema = z
  .object({
    factor: z.enum(creditFactors),
    value: z.number().min(0).max(1),
    weight: z.number(),
    basis: z.string(),
  })
  .meta({ id: 'CreditFactorScore' });

export const AgeingSchema = z
  .object({
    notDue: Amount,
    d0_30: Amount,
    d31_60: Amount,
    d61_90: Amount,
    d91_120: Amount,
    d121Plus: Amount,
  })
  .meta({ id: 'Ageing', description: '账龄: open receivables by days past due.' });

export const LimitOverrideSchema = z
  .object({ limit: Amount, reason: z.string(), setBy: z.string(), setAt: z.string() })
  .meta({ id: 'CreditLimitOverride' });

export const PendingLimitSchema = z
  .object({ limit: Amount, reason: z.string(), requestedBy: z.string(), requestedAt: z.string() })
  .meta({ id: 'CreditPendingLimit', description: 'A raised limit waiting for a second admin.' });

/** 客户信用档案: the customer's standing, what decided it, and what it owes. */
export const CreditFileSchema = z
  .object({
    customerId: z.string(),
    status: z.enum(['ok', 'watch', 'hold']),
    score: z.number().int().min(0).max(100),
    grade: z.string(),
    limit: Amount,
    limitSource: z.enum(['grade', 'override']),
    termDays: z.number().int(),
    currency: z.string(),
    /** Open orders and unpaid invoices. */
    exposure: Amount,
    overdue: Amount,
    maxDaysOverdue: z.number().int(),
    reasons: z.array(CreditReasonSchema),
    factors: z.array(CreditFactorScoreSchema),
    ageing: AgeingSchema,
    /** A hold whose figures have cleared, waiting for a risk manager (policy: release needs approval). */
    releasePending: z.boolean(),
    heldSince: z.string().nullable(),
    override: LimitOverrideSchema.nullable(),
    pendingLimit: PendingLimitSchema.nullable(),
    /** An admin's 1–5 judgement of the non-financial file. */
    rating: z.number().int().min(1).max(5).nullable(),
    settledOnTime: z.number().int(),
    settledTotal: z.number().int(),
    /** Paid beyond what was owed, waiting for the next receivable. */
    unapplied: Amount,
    evaluatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'CreditFile' });
export type CreditFile = z.infer<typeof CreditFileSchema>;

export const CreditLimitSetSchema = z
  .strictObject({
    limit: z.number().int('must be an integer amount in minor units').min(0).max(1e15),
    reason: z.string().trim().min(1, 'is required').max(500),
  })
  .meta({ id: 'CreditLimitSet' });
export type CreditLimitSet = z.infer<typeof CreditLimitSetSchema>;

export const CreditCheckRequestSchema = z
  .strictObject({
    customerId: IdSchema,
    amount: z.number().int('must be an integer amount in minor units').min(0).max(1e15),
  })
  .meta({ id: 'CreditCheckRequest' });

export const CreditCheckResultSchema = z
  .object({
    pass: z.boolean(),
    status: z.enum(['ok', 'watch', 'hold']),
    reasons: z.array(CreditReasonSchema),
    limit: Amount,
    exposureAfter: Amount,
  })
  .meta({ id: 'CreditCheckResult' });

/** One entry of the file's history: each decision with its inputs, rule and reason. */
export const CreditDecisionSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    at: z.string(),
    kind: z.enum([
      'hold_placed',
      'hold_kept',
      'hold_released',
      'release_requested',
      'grade_changed',
      'limit_set',
      'limit_requested',
      'limit_approved',
      'status_changed',
      'order_rejected',
    ]),
    status: z.enum(['ok', 'watch', 'hold']),
    grade: z.string(),
    score: z.number().int(),
    limit: Amount,
    exposure: Amount,
    overdue: Amount,
    reasons: z.array(CreditReasonSchema),
    /** The interaction, nightly pass or user that caused it. */
    cause: z.string(),
    actorId: z.string().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'CreditDecision' });
export type CreditDecision = z.infer<typeof CreditDecisionSchema>;

export const ReceivableSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    issuedAt: z.string(),
    dueDate: z.string(),
    amount: Amount,
    paid: Amount,
    source: z.enum(['order', 'invoice']),
    currency: z.string(),
    settledAt: z.string().optional(),
    settledOnTime: z.boolean().optional(),
    /** When credit control first found it overdue (past due beyond the maturity margin, still open). */
    overdueAt: z.string().optional(),
  })
  .meta({ id: 'Receivable', description: '应收账款: what one invoice (or order) still owes.' });

export const CreditPolicyViewSchema = z
  .object({
    policy: CreditPolicyInputSchema,
    version: z.number().int().min(0),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'CreditPolicy' });

/** The suggested limit with its reasoning: each step's figure and the inputs it was read from. */
export const SuggestedLimitViewSchema = z
  .object({
    limit: Amount,
    steps: z.array(
      z.object({
        step: z.enum(['expected_need', 'payment_behaviour', 'clv_cap', 'minimum_one_order']),
        amount: Amount,
      }),
    ),
    inputs: z.object({
      expectedOrdersInTerm: z.number(),
      averageOrderValue: z.number().int(),
      clv: z.number().int().nullable(),
      onTimeShare: z.number().nullable(),
      termDays: z.number().int(),
    }),
    currency: z.string(),
  })
  .meta({
    id: 'SuggestedLimit',
    description:
      'A limit suggested from CLV, expected purchases in the term, order value and payment behaviour.',
  });
export type SuggestedLimitView = z.infer<typeof SuggestedLimitViewSchema>;

export const CreditOrderRejectSchema = z.strictObject({ reason: z.string().trim().min(1).max(500) }).meta({
  id: 'CreditOrderReject',
  description: 'Why a held order is refused (recorded in the decision history).',
});
export type CreditOrderReject = z.infer<typeof CreditOrderRejectSchema>;
