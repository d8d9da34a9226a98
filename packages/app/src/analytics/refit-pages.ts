import { isoDay } from '@crm/analytics';
import type { Customer } from '@crm/domain';
import type { OrderFact } from '@crm/dynamodb';
import { sampleCutoff, sampleRank } from './fit-sample.js';
import { type TenantCustomer, transactionsOf } from './tenant-model.js';

/**
 * One read page as stored between a refit's pieces: how many live customers it had, and each
 * buyer's total and purchases as [day, amount in the default currency, …] (other currencies count
 * 0, as `transactionsOf` counts them). Everything the fit and the page's scores need, nothing more.
 */
export type StoredPage = {
  customers: number;
  buyers: [id: string, orderValue: number, purchases: number[]][];
};

export function encodePage(
  customers: readonly Pick<Customer, 'id' | 'stats'>[],
  ordersByCustomer: ReadonlyMap<string, readonly OrderFact[]>,
  currency: string,
): string {
  const page: StoredPage = { customers: customers.length, buyers: [] };
  for (const customer of customers) {
    const orders = ordersByCustomer.get(customer.id);
    if (!orders) continue;
    const purchases: number[] = [];
    for (const t of transactionsOf(customer.id, orders, currency)) purchases.push(t.day, t.amount);
    page.buyers.push([customer.id, customer.stats.orderValue, purchases]);
  }
  return JSON.stringify(page);
}

export type DecodedPages = {
  customers: TenantCustomer[];
  ordersByCustomer: Map<string, OrderFact[]>;
  /** Every buyer's total (sampled or not): the value deciles are taken over everyone. */
  orderValues: number[];
  /** Set when the fit gets a sample: how many buyers it holds, of how many read. */
  sample?: { customers: number; of: number };
};

/**
 * The pages back as the fit's input; a purchase becomes an order on its day, in the default
 * currency. With more than `sampleLimit` buyers only the `sampleLimit` of lowest `sampleRank` are
 * returned (the same ones on every call), and no customers without orders (the fit does not use
 * them; the summary counts everyone from the score pages).
 */
export function decodePages(
  texts: readonly string[],
  currency: string,
  sampleLimit = Number.POSITIVE_INFINITY,
): DecodedPages {
  const pages = texts.map((text) => JSON.parse(text) as StoredPage);
  const orderValues: number[] = [];
  for (const page of pages) for (const [, orderValue] of page.buyers) orderValues.push(orderValue);
  let cutoff: number | undefined;
  let ranks: Float64Array | undefined;
  if (orderValues.length > sampleLimit) {
    ranks = new Float64Array(orderValues.length);
    let at = 0;
    for (const page of pages) for (const [id] of page.buyers) ranks[at++] = sampleRank(id);
    cutoff = sampleCutoff(ranks, sampleLimit);
  }
  const customers: TenantCustomer[] = [];
  const ordersByCustomer = new Map<string, OrderFact[]>();
  // Customers without orders count only in the totals: one shared entry stands for each.
  const prospect: TenantCustomer = {
    id: '',
    stats: { orderValue: 0, orderCount: 0, orderValueByCurrency: {} },
  };
  let buyer = 0;
  for (const page of pages) {
    if (cutoff === undefined) {
      for (let index = page.buyers.length; index < page.customers; index++) customers.push(prospect);
    }
    for (const [id, orderValue, purchases] of page.buyers) {
      const rank = ranks?.[buyer++];
      if (cutoff !== undefined && rank !== undefined && rank > cutoff) continue;
      customers.push({ id, stats: { orderValue, orderCount: 1, orderValueByCurrency: {} } });
      const orders: OrderFact[] = [];
      for (let at = 0; at < purchases.length; at += 2) {
        orders.push({
          occurredAt: isoDay(purchases[at] as number),
          amount: purchases[at + 1] as number,
          currency,
        });
      }
      ordersByCustomer.set(id, orders);
    }
  }
  return {
    customers,
    ordersByCustomer,
    orderValues,
    ...(cutoff === undefined ? {} : { sample: { customers: ordersByCustomer.size, of: orderValues.length } }),
  };
}
