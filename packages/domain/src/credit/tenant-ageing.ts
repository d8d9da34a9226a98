import { type Ageing, type AgeingBucket, ageReceivables, openAmount } from './receivables.js';

/** One open receivable as the tenant's ageing report reads it (the open-receivables index). */
export type OpenReceivableRow = { customerId: string; dueDate: string; amount: number; paid: number };

/** One customer's line of the tenant's ageing report. */
export type CustomerAgeing = { customerId: string; open: number; ageing: Ageing };

export type TenantAgeing = {
  /** Every open amount of the tenant, in the buckets of one customer's file. */
  totals: Ageing;
  open: number;
  receivables: number;
  /** Customers most overdue first: by the oldest bucket they owe in, then its amount, and so on down. */
  customers: CustomerAgeing[];
};

const oldestFirst: readonly AgeingBucket[] = ['d121Plus', 'd91_120', 'd61_90', 'd31_60', 'd0_30', 'notDue'];

/**
 * The tenant's ageing report (账龄分析): each customer's open receivables in the buckets
 * 0–30, 31–60, 61–90, 91–120 and 121+ days past due (not yet due apart), exactly as the customer's
 * credit file ages them (`ageReceivables`), and the tenant's totals. Collection starts at the top:
 * the customers whose money is oldest come first.
 *
 * @example
 * ageTenantReceivables([{ customerId: 'c1', dueDate: '2026-01-01', amount: 500, paid: 0 }], '2026-02-15')
 * // → totals.d31_60 = 500, customers[0] = { customerId: 'c1', open: 500, ageing: { …, d31_60: 500 } }
 */
export function ageTenantReceivables(rows: readonly OpenReceivableRow[], asOf: string): TenantAgeing {
  const open = rows.filter((row) => openAmount(row) > 0);
  const byCustomer = new Map<string, OpenReceivableRow[]>();
  for (const row of open) byCustomer.set(row.customerId, [...(byCustomer.get(row.customerId) ?? []), row]);
  const customers = [...byCustomer].map(([customerId, owed]) => ({
    customerId,
    open: owed.reduce((sum, row) => sum + openAmount(row), 0),
    ageing: ageReceivables(owed, asOf),
  }));
  customers.sort((a, b) => {
    for (const bucket of oldestFirst) {
      if (a.ageing[bucket] !== b.ageing[bucket]) return b.ageing[bucket] - a.ageing[bucket];
    }
    return a.customerId.localeCompare(b.customerId);
  });
  return {
    totals: ageReceivables(open, asOf),
    open: customers.reduce((sum, customer) => sum + customer.open, 0),
    receivables: open.length,
    customers,
  };
}
