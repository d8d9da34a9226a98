import { z } from 'zod';

/**
 * The holdout check of the purchase model (Fader, Hardie & Lee 2005, §4): BG/NBD fitted on the
 * tenant's orders up to a cutoff, its expectations set against what the customers did after it.
 * Computed on request from the orders, never stored. Numbers the maths leaves undefined are null.
 */

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const HoldoutCheckSchema = z
  .object({
    /** Last day of the calibration period (the fit reads orders up to it). */
    cutoff: day,
    /** Last day of the holdout period. */
    end: day,
    holdoutWeeks: z.number(),
    /** Customers acquired in the calibration period: the only ones the check follows. */
    customers: z.number().int().min(0),
    bgnbd: z.object({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number() }),
    /** Mean holdout purchases per customer, grouped by calibration repeat purchases (0 … 6, 7+). */
    byFrequency: z
      .array(
        z.object({
          x: z.string(),
          customers: z.number().int().min(0),
          actual: z.number(),
          expected: z.number(),
        }),
      )
      .max(8),
    /** Cumulative repeat purchases of the cohort, week by week from its first purchase to the end. */
    cumulative: z
      .array(z.object({ week: z.number().int().min(1), actual: z.number(), expected: z.number() }))
      .max(100_000),
    errors: z.object({
      totalActual: z.number(),
      totalExpected: z.number(),
      bucketMae: z.number(),
      customerMae: z.number(),
      customerRmse: z.number(),
      cumulativeMape: z.number(),
      /** (expected − actual) / actual at the last week; null when nothing was bought. */
      cumulativeEndError: z.number().nullable(),
    }),
  })
  .meta({ id: 'HoldoutCheck' });

export type HoldoutCheck = z.infer<typeof HoldoutCheckSchema>;
