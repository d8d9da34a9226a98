import type { Transaction } from './summary.js';

/** One calendar month of a customer base (UTC). */
export type MonthlyRate = {
  /** YYYY-MM */
  month: string;
  /** Customers who bought in the month. */
  activeCustomers: number;
  /** Of those, customers who also bought the month before. */
  retainedCustomers: number;
  /** 客户维持率: retained ÷ active the month before; null when nobody bought then. */
  retentionRate: number | null;
  /** Customers whose first purchase fell in the month. */
  newCustomers: number;
  /** Customers who had bought by the end of the month. */
  customerBase: number;
  /** 新客户获得率: new ÷ the customer base at the month's end; null while the base is empty. */
  acquisitionRate: number | null;
};

const DAY_MS = 86_400_000;

function monthOf(day: number): number {
  const date = new Date(day * DAY_MS);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

function monthLabel(month: number): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
}

/**
 * 客户维持率 (retention) and 新客户获得率 (acquisition) per calendar month, from the month of the
 * first purchase to the cutoff's month (the last `maxMonths` of them); purchases after the cutoff
 * day are ignored. Definitions in docs/analytics.md.
 *
 * @example
 * monthlyRates([{ customerId: 'a', day: 0, amount: 1 }, { customerId: 'a', day: 31, amount: 1 }], 31);
 * // [{ month: '1970-01', …, newCustomers: 1 }, { month: '1970-02', retainedCustomers: 1, retentionRate: 1, … }]
 */
export function monthlyRates(
  transactions: readonly Transaction[],
  cutoffDay: number,
  options: { maxMonths?: number } = {},
): MonthlyRate[] {
  const buyers = new Map<number, Set<string>>();
  const firstMonth = new Map<string, number>();
  for (const t of transactions) {
    if (t.day > cutoffDay) continue;
    const month = monthOf(t.day);
    let set = buyers.get(month);
    if (!set) {
      set = new Set();
      buyers.set(month, set);
    }
    set.add(t.customerId);
    const first = firstMonth.get(t.customerId);
    if (first === undefined || month < first) firstMonth.set(t.customerId, month);
  }
  if (firstMonth.size === 0) return [];
  const newByMonth = new Map<number, number>();
  let earliest = Number.POSITIVE_INFINITY;
  for (const month of firstMonth.values()) {
    newByMonth.set(month, (newByMonth.get(month) ?? 0) + 1);
    earliest = Math.min(earliest, month);
  }
  const lastMonth = monthOf(cutoffDay);
  const months: MonthlyRate[] = [];
  let base = 0;
  for (let month = earliest; month <= lastMonth; month++) {
    const active = buyers.get(month) ?? new Set<string>();
    const previous = buyers.get(month - 1);
    let retained = 0;
    if (previous) for (const id of active) if (previous.has(id)) retained++;
    const fresh = newByMonth.get(month) ?? 0;
    base += fresh;
    months.push({
      month: monthLabel(month),
      activeCustomers: active.size,
      retainedCustomers: retained,
      retentionRate: previous && previous.size > 0 ? retained / previous.size : null,
      newCustomers: fresh,
      customerBase: base,
      acquisitionRate: base > 0 ? fresh / base : null,
    });
  }
  return options.maxMonths === undefined ? months : months.slice(-options.maxMonths);
}
