import { z } from 'zod';
import {
  CustomerScoresSchema,
  FitSampleSchema,
  PurchaseModelFitSchema,
  RfmCutoffsSchema,
} from './analytics.schema.js';
import { LifecycleStageSchema, RelationshipLevelSchema } from './customer.schema.js';

/**
 * What `GET /v1/customers/{id}/insights` answers: a customer's numbers recomputed now from its
 * timeline and the stored fit, each with the inputs, parameters and equation or rule that produced
 * it (docs/analytics.md). Numbers that are infinite in the maths travel as null (JSON has no ∞).
 */

const BgNbdParamsSchema = z.object({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number() });
const GammaGammaParamsSchema = z.object({ p: z.number(), q: z.number(), gamma: z.number() });
const ClvOptionsSchema = z.object({
  horizonMonths: z.number(),
  monthlyDiscountRate: z.number(),
  margin: z.number(),
});
/** BG/NBD's summary of a customer's repeat buying, in weeks: x repeat days, tx the last, T tenure. */
const RepeatBuyingSchema = z.object({ x: z.number().int(), tx: z.number(), T: z.number() });
const abcClass = z.enum(['A', 'B', 'C']);

const ModelPredictionSchema = z.object({
  value: z.number(),
  equation: z.string(),
  inputs: RepeatBuyingSchema,
  /** The purchase model the value comes from: the tenant's chosen one (issue 13). */
  model: PurchaseModelFitSchema.shape.model,
  /** Its parameters by name (r, alpha, a, b; k for CNBD; s, beta for Pareto/NBD). */
  params: z.record(z.string(), z.number()),
});

export const InsightsModelSchema = z
  .object({
    fitId: z.string(),
    fittedAt: z.string(),
    calibration: z.object({ from: z.string().nullable(), to: z.string() }).nullable(),
    currency: z.string().nullable(),
    bgnbd: BgNbdParamsSchema,
    gammaGamma: GammaGammaParamsSchema.nullable(),
    clv: ClvOptionsSchema.nullable(),
    /** The tenant's chosen purchase model (issue 13); absent for fits from before the choice. */
    purchaseModel: PurchaseModelFitSchema.optional(),
    /** The chosen model's customer-level MAE of holdout purchases; null without a comparison. */
    holdoutCustomerMae: z.number().nullable().optional(),
    /**
     * Present when these parameters were fitted on a seeded sample of the buyers (issue 21); this
     * customer was scored with them all the same.
     */
    sample: FitSampleSchema.optional(),
  })
  .meta({ id: 'InsightsModel', description: 'The stored parameters the insights were computed with' });
export type InsightsModel = z.infer<typeof InsightsModelSchema>;

export const CustomerInsightNumbersSchema = z
  .object({
    scores: CustomerScoresSchema,
    inputs: CustomerScoresSchema.shape.inputs.extend({
      unit: z.string(),
      recencyDays: z.number(),
      frequency: z.number(),
      orders: z.number().int(),
    }),
    pAlive: ModelPredictionSchema,
    expectedPurchases90d: ModelPredictionSchema,
    nextPurchase: z.object({
      /** YYYY-MM-DD; null when beyond reach. */
      date: z.string().nullable(),
      medianWeeks: z.number().nullable(),
      rule: z.string(),
      /** The next-purchase window under the chosen model (issue 13), with how it is computed. */
      window: CustomerScoresSchema.shape.nextPurchaseWindow.unwrap().extend({ rule: z.string() }).optional(),
    }),
    clv: z.object({
      value: z.number().nullable(),
      expectedSpend: z.number().nullable(),
      discountedPurchases: z.number().nullable(),
      spendInputs: z.object({ spendCount: z.number().int(), meanSpend: z.number() }),
      params: GammaGammaParamsSchema.nullable(),
      options: ClvOptionsSchema.nullable(),
      equation: z.string(),
    }),
    rfm: z
      .object({
        r: z.number(),
        f: z.number(),
        m: z.number(),
        fm: z.number(),
        segment: z.string(),
        code: z.string(),
        segmentName: z.string(),
        values: z.object({ recencyDays: z.number(), frequency: z.number(), monetary: z.number() }),
        cutoffs: RfmCutoffsSchema.nullable(),
      })
      .nullable(),
    abc: z.object({
      abcClass: abcClass.nullable(),
      /** The customer's total spend, minor units. */
      value: z.number(),
      cutoffs: z.object({ minA: z.number().nullable(), minB: z.number().nullable() }).nullable(),
      thresholds: z.object({ a: z.number(), b: z.number() }).nullable(),
    }),
    lifecycle: z.object({
      stage: LifecycleStageSchema,
      name: z.string(),
      rule: z.string(),
      inputs: z.object({
        tenureWeeks: z.number(),
        repeatPurchases: z.number().int(),
        pAlive: z.number(),
        trend: z.number().nullable(),
      }),
    }),
    relationship: z.object({
      level: RelationshipLevelSchema,
      name: z.string(),
      rule: z.string(),
      inputs: z.object({ customersInClass: z.number().int(), abcClass: abcClass, marginRate: z.number() }),
    }),
    valueIndex: z
      .object({
        index: z.number(),
        components: z.array(
          z.object({
            dimension: z.enum(['current', 'potential', 'influence', 'learning']),
            score: z.number(),
            weight: z.number(),
            normalisedWeight: z.number(),
            contribution: z.number(),
          }),
        ),
        inputs: z.record(
          z.enum(['current', 'potential', 'influence', 'learning']),
          z.object({ measure: z.string(), value: z.number().nullable() }),
        ),
      })
      .nullable(),
  })
  .meta({
    id: 'CustomerInsightNumbers',
    description: 'Every number recomputed now, with its inputs and rule',
  });
export type CustomerInsightNumbers = z.infer<typeof CustomerInsightNumbersSchema>;

export const CustomerInsightsSchema = z
  .object({
    customerId: z.string(),
    /** The day the numbers are computed for (YYYY-MM-DD); absent before the tenant's first fit. */
    asOf: z.string().optional(),
    /** The stored parameters used (null before the tenant's first fit). */
    model: InsightsModelSchema.nullable(),
    /** The scores on the customer item (written by the refit and the stream reaction). */
    stored: CustomerScoresSchema.nullable(),
    insights: CustomerInsightNumbersSchema.nullable(),
    /** Why there are no insights (no fit yet, no orders yet). */
    reason: z.string().nullable(),
  })
  .meta({ id: 'CustomerInsights' });
export type CustomerInsights = z.infer<typeof CustomerInsightsSchema>;
