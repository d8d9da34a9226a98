import { z } from 'zod';
import { AgeingSchema } from './credit-file.schema.js';

const Count = z.number().int().min(0);
const Money = z.number().int();

/**
 * The tenant's ageing report (账龄分析, `GET /v1/credit/ageing`): open receivables in the tenant's
 * currency by days past due, in total and for the customers whose money is oldest. Read from the
 * open-receivables index up to a cap; `capped` says when there was more.
 */
export const CreditAgeingSchema = z
  .object({
    currency: z.string(),
    /** The day the buckets are counted from (UTC). */
    asOf: z.string(),
    totals: AgeingSchema,
    /** Everything still open, due or not. */
    open: Money,
    receivables: Count,
    /** Customers with anything open (all of them, not only the lines below). */
    customerCount: Count,
    /** The customers most overdue first (by the oldest bucket they owe in), up to `limit`. */
    customers: z.array(
      z.object({
        customerId: z.string(),
        /** The customer's name; '' when the customer has been deleted since. */
        name: z.string(),
        open: Money,
        ageing: AgeingSchema,
      }),
    ),
    capped: z.boolean(),
  })
  .meta({ id: 'CreditAgeing' });
export type CreditAgeing = z.infer<typeof CreditAgeingSchema>;
