import { z } from 'zod';

/**
 * What the analytics fit (issue 6, docs/analytics.md "In the product") stores: a tenant's model
 * fit with its diagnostics and tenant-level summary, and each customer's scores. Numbers that may
 * be infinite or undefined in the maths are stored as null (DynamoDB has no ∞ or NaN).
 */

const Quartet = z.tuple([z.number(), z.number(), z.number(), z.number()]);

export const RfmCutoffsSchema = z
  .object({ recencyDays: Quartet, frequency: Quartet, monetary: Quartet })
  .meta({ id: 'RfmCutoffs', description: '20/40/60/80 % quantiles of each measure (type 7)' });

export const BgNbdFitSchema = z
  .object({
    r: z.number(),
    alpha: z.number(),
    a: z.number(),
    b: z.number(),
    logLikelihood: z.number(),
    iterations: z.number().int(),
    gradientNorm: z.number(),
    method: z.string(),
  })
  .meta({
    id: 'BgNbdFit',
    description: 'BG/NBD (Fader, Hardie & Lee 2005) maximum-likelihood fit, time in weeks',
  });

export const GammaGammaFitSchema = z
  .object({
    p: z.number(),
    q: z.number(),
    gamma: z.number(),
    logLikelihood: z.number(),
    iterations: z.number().int(),
    customers: z.number().int(),
    /** pγ/(q−1) in minor units; null when q ≤ 1 (no finite mean). */
    populationMeanSpend: z.number().nullable(),
  })
  .meta({ id: 'GammaGammaFit', description: 'Gamma-Gamma spend model fit, amounts in minor units' });

export const ModelSummarySchema = z
  .object({
    asOf: z.string(),
    currency: z.string(),
    customers: z.object({
      total: z.number().int(),
      withOrders: z.number().int(),
      repeaters: z.number().int(),
    }),
    /** Deciles of stats.orderValue over customers with orders, highest decile first. */
    valueDistribution: z.array(
      z.object({
        decile: z.number().int(),
        customers: z.number().int(),
        min: z.number(),
        max: z.number(),
        total: z.number(),
        share: z.number(),
      }),
    ),
    abc: z.object({
      thresholds: z.object({ a: z.number(), b: z.number() }),
      counts: z.object({ A: z.number().int(), B: z.number().int(), C: z.number().int() }),
      shares: z.object({ A: z.number(), B: z.number(), C: z.number() }),
    }),
    segments: z.array(z.object({ segment: z.string(), name: z.string(), customers: z.number().int() })),
    lifecycle: z.array(z.object({ stage: z.string(), name: z.string(), customers: z.number().int() })),
    /** Per calendar month (UTC): 客户维持率 and 新客户获得率, defined in docs/analytics.md. */
    months: z.array(
      z.object({
        month: z.string(),
        activeCustomers: z.number().int(),
        retainedCustomers: z.number().int(),
        /** Buyers of the previous month who bought again this month ÷ buyers of the previous month. */
        retentionRate: z.number().nullable(),
        newCustomers: z.number().int(),
        /** Customers (with an order) at the month's end. */
        customerBase: z.number().int(),
        /** New customers of the month ÷ customer base at the month's end. */
        acquisitionRate: z.number().nullable(),
      }),
    ),
    expectedRevenue: z.object({
      horizonMonths: z.number().int(),
      monthlyDiscountRate: z.number(),
      /** Σ CLV over the horizon, minor units. */
      clvSum: z.number(),
      /** Σ expected purchases in the next 90 days. */
      expectedPurchases90d: z.number(),
    }),
  })
  .meta({ id: 'AnalyticsSummary' });
export type ModelSummary = z.infer<typeof ModelSummarySchema>;

const purchaseModelNames = ['bgnbd', 'mbgnbd', 'bgcnbd', 'mbgcnbd', 'paretonbd'] as const;

export const PurchaseModelFitSchema = z
  .object({
    model: z.enum(purchaseModelNames),
    /** Erlang shape of the inter-purchase times (1 = Poisson timing). */
    k: z.number().int(),
    /** The model's parameters by name (r, alpha, a, b; k for CNBD; s, beta for Pareto/NBD). */
    params: z.record(z.string(), z.number()),
    logLikelihood: z.number(),
    /**
     * holdout: chosen by the holdout comparison; pinned; too-little-history: BG/NBD by default;
     * too-little-evidence: compared, but on too few repeat buyers to leave BG/NBD.
     */
    reason: z.enum(['holdout', 'pinned', 'too-little-history', 'too-little-evidence']),
  })
  .meta({
    id: 'PurchaseModelFit',
    description: 'The purchase model chosen for the tenant (issue 13), refitted on all the data',
  });

export const ModelCandidateSchema = z
  .object({
    model: z.enum(purchaseModelNames),
    k: z.number().int(),
    logLikelihood: z.number().nullable(),
    /** Holdout errors; null when the candidate could not be fitted (see error). */
    customerMae: z.number().nullable(),
    customerRmse: z.number().nullable(),
    bucketMae: z.number().nullable(),
    cumulativeEndError: z.number().nullable(),
    cumulativeMape: z.number().nullable(),
    totalActual: z.number().nullable(),
    totalExpected: z.number().nullable(),
    /** Brier score of P(at least one purchase in the holdout) against who bought. */
    activeBrier: z.number().nullable(),
    /**
     * Expected cumulative repeat purchases at the choice's `tracking.weeks` (the tracking plot);
     * absent when the candidate failed or the fit predates the curves.
     */
    trackingExpected: z.array(z.number().nullable()).optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  })
  .meta({ id: 'ModelCandidate', description: 'One candidate purchase model scored on the holdout' });

export const ModelChoiceSchema = z
  .object({
    /** Last calibration day (YYYY-MM-DD); the holdout runs from the next day to the fit's cutoff. */
    calibrationCutoff: z.string(),
    holdoutWeeks: z.number(),
    criterion: z.literal('customerMae'),
    chosen: z.object({ model: z.enum(purchaseModelNames), k: z.number().int() }),
    candidates: z.array(ModelCandidateSchema),
    /**
     * The tracking plot (Fader, Hardie & Lee 2005, Figure 3): cumulative repeat purchases of the
     * cohort by week since its first purchase (`start`), actual here and each candidate's expected
     * in `trackingExpected`; weeks after `calibrationWeeks` are the holdout. Weekly up to 156
     * points, every n-th week beyond.
     */
    tracking: z
      .object({
        start: z.string(),
        calibrationWeeks: z.number(),
        weeks: z.array(z.number().int()),
        actual: z.array(z.number()),
      })
      .optional(),
  })
  .meta({
    id: 'ModelChoice',
    description: 'Why the tenant’s purchase model won: every candidate’s holdout errors',
  });

/**
 * The sample a fit's parameters (and its model choice) were fitted on, when the tenant has more
 * buyers than a fit takes (issue 21): `customers` of the `of` buyers read, drawn by a hash of the
 * customer id salted with `seed`, so a rerun draws the same. Every buyer is still scored. Shown
 * wherever a fit's parameters are (the fit, the summary, a customer's insights), so nobody takes
 * them for a fit on everyone.
 */
export const FitSampleSchema = z
  .object({
    /** Buyers the fit saw. */
    customers: z.number().int(),
    /** Buyers read: the whole book the scores cover. */
    of: z.number().int(),
    seed: z.string(),
  })
  .meta({
    id: 'FitSample',
    description: 'The seeded sample of buyers a fit was made on (absent: the fit saw every buyer)',
  });
export type FitSample = z.infer<typeof FitSampleSchema>;

export const ModelFitSchema = z
  .object({
    id: z.string(),
    status: z.enum(['running', 'succeeded', 'failed']),
    /** Who started the fit: a user (api), the nightly schedule, or the demo seed. */
    trigger: z.enum(['api', 'schedule', 'seed']),
    startedAt: z.string(),
    /** When the fit finished (succeeded or failed). */
    fittedAt: z.string().optional(),
    /** Calibration window: first order day … cutoff day (YYYY-MM-DD). */
    calibration: z.object({ from: z.string().nullable(), to: z.string() }).optional(),
    currency: z.string().optional(),
    bgnbd: BgNbdFitSchema.optional(),
    /** The chosen purchase model (issue 13); fits from before it have none. */
    purchaseModel: PurchaseModelFitSchema.optional(),
    /** The holdout comparison behind the choice (absent when pinned or the history is too short). */
    modelChoice: ModelChoiceSchema.optional(),
    gammaGamma: GammaGammaFitSchema.optional(),
    diagnostics: z
      .object({
        converged: z.boolean(),
        customers: z.number().int(),
        repeaters: z.number().int(),
        customersRead: z.number().int(),
        orders: z.number().int(),
        readMs: z.number(),
        fitMs: z.number(),
        scoreMs: z.number(),
        totalMs: z.number(),
      })
      .partial()
      .optional(),
    rfm: RfmCutoffsSchema.optional(),
    abc: z
      .object({
        thresholds: z.object({ a: z.number(), b: z.number() }),
        /** Smallest total of an A / B customer, minor units; null when the class is empty. */
        cutoffs: z.object({ minA: z.number().nullable(), minB: z.number().nullable() }),
      })
      .optional(),
    clv: z
      .object({ horizonMonths: z.number(), monthlyDiscountRate: z.number(), margin: z.number() })
      .optional(),
    valueIndex: z
      .object({
        weights: z.object({
          current: z.number(),
          potential: z.number(),
          influence: z.number(),
          learning: z.number(),
        }),
        /** 0, 5, …, 100 % quantiles of total spend and of CLV: the scale of the 0–100 scores. */
        currentQuantiles: z.array(z.number()),
        potentialQuantiles: z.array(z.number()),
      })
      .optional(),
    summary: ModelSummarySchema.optional(),
    /**
     * Present when the parameters (and the model choice) were fitted on a sample of the buyers
     * (issue 21: at most 200,000, drawn by a seeded hash of the customer id, so a rerun draws the
     * same); every customer is still scored with them, and the summary counts everyone but its
     * monthly rates, which are the sample's.
     */
    sample: FitSampleSchema.optional(),
    /**
     * How far a running refit has come (issue 21: a large tenant's refit runs in pieces, possibly
     * over several invocations): reading customers' orders page by page, fitting once, then writing
     * the scores page by page. `heldUntil`: the run counts as lost (interrupted) after this.
     */
    progress: z
      .object({
        phase: z.enum(['reading', 'fitting', 'scoring']),
        pagesRead: z.number().int(),
        customersRead: z.number().int(),
        pagesScored: z.number().int(),
        customersScored: z.number().int(),
        updatedAt: z.string(),
        heldUntil: z.string(),
      })
      .optional(),
    /** Things that did not stop the fit, e.g. a spend model that could not be fitted. */
    warnings: z.array(z.string()).optional(),
    error: z
      .object({
        code: z.string(),
        message: z.string(),
        details: z.record(z.string(), z.unknown()).optional(),
      })
      .optional(),
  })
  .meta({ id: 'ModelFit', description: 'A tenant model fit (BG/NBD + Gamma-Gamma) with diagnostics' });
export type ModelFit = z.infer<typeof ModelFitSchema>;

export const CustomerScoresSchema = z
  .object({
    /** RFM segment (scores.segment: the customer list filter reads it). */
    segment: z.string().nullable(),
    rfm: z
      .object({ r: z.number(), f: z.number(), m: z.number(), fm: z.number(), code: z.string() })
      .nullable(),
    abcClass: z.enum(['A', 'B', 'C']).nullable(),
    pAlive: z.number(),
    expectedPurchases90d: z.number(),
    /** Median date of the next purchase if alive (YYYY-MM-DD); null when beyond reach. */
    nextPurchaseAt: z.string().nullable(),
    /**
     * The next-purchase window under the tenant's chosen purchase model: the 10 %, 50 % and 90 %
     * quantiles of the wait if alive (YYYY-MM-DD; null when beyond reach). Absent in scores written
     * before issue 13.
     */
    nextPurchaseWindow: z
      .object({
        model: z.enum(purchaseModelNames),
        k: z.number().int(),
        start: z.string().nullable(),
        median: z.string().nullable(),
        end: z.string().nullable(),
        /** P(alive) under the same model: the window is for a customer who is still there. */
        pAlive: z.number(),
      })
      .optional(),
    /** 12-month CLV, minor units; null without a spend model. */
    clv: z.number().nullable(),
    /**
     * The CLV is in the tenant's top tenth (at or above the 90 % point of the refit's CLV scale):
     * with ABC class A, what makes a customer "valuable" to the churn alerts. Absent in scores
     * written before it.
     */
    clvTopDecile: z.boolean().optional(),
    expectedSpend: z.number().nullable(),
    valueIndex: z.number().nullable(),
    lifecycleSuggestion: z.object({ stage: z.string(), name: z.string(), rule: z.string() }),
    /** What the numbers were computed from (same-day orders merged; weeks). */
    inputs: z.object({
      x: z.number().int(),
      tx: z.number(),
      T: z.number(),
      firstOrderOn: z.string(),
      lastOrderOn: z.string(),
      totalAmount: z.number(),
      spendCount: z.number().int(),
      meanSpend: z.number(),
    }),
    scoredAt: z.string(),
    modelFittedAt: z.string(),
    fitId: z.string(),
  })
  .meta({ id: 'CustomerScores' });
export type CustomerScores = z.infer<typeof CustomerScoresSchema>;
