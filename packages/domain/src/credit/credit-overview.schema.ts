import { z } from 'zod';

const Count = z.number().int().min(0);

/**
 * The dashboard's credit and churn tile: customers on hold, what is overdue, and the value of the
 * valuable customers drifting away. Each figure is read from an index up to a cap; `capped` says
 * when there was more.
 */
export const CreditOverviewSchema = z
  .object({
    currency: z.string(),
    holds: z.object({ count: Count, capped: z.boolean() }),
    /** Open receivables past due by more than the maturity margin, in the tenant's currency. */
    overdue: z.object({ amount: z.number().int(), customers: Count, capped: z.boolean() }),
    /** Valuable customers with an unresolved churn alert and the sum of their 12-month CLV. */
    atRisk: z.object({ customers: Count, value: z.number().int(), capped: z.boolean() }),
  })
  .meta({ id: 'CreditOverview' });
export type CreditOverview = z.infer<typeof CreditOverviewSchema>;
