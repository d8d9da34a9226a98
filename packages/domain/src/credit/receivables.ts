import { addDays, daysBetween } from '../calendar-days.js';

/** 应收账款: what a customer owes for one invoice (or order, where the tenant invoices on order). */
export type Receivable = {
  /** The invoice's (or order's) interaction id. */
  id: string;
  issuedAt: string;
  /** YYYY-MM-DD: the explicit due date, else issue day + the grade's term. */
  dueDate: string;
  amount: number;
  paid: number;
};

export type ReceivablePayment = { amount: number; appliesTo?: string };

export type Settlement = {
  receivables: Receivable[];
  /** Paid beyond everything owed: a credit the next receivable consumes. */
  unapplied: number;
};

export const ageingBuckets = ['notDue', 'd0_30', 'd31_60', 'd61_90', 'd91_120', 'd121Plus'] as const;
export type AgeingBucket = (typeof ageingBuckets)[number];
export type Ageing = Record<AgeingBucket, number>;

export type OverdueFigures = {
  /** Open amount of receivables past due by more than the maturity margin. */
  overdueAmount: number;
  /** Days past due of the oldest such receivable (0 when none). */
  maxDaysOverdue: number;
  overdueCount: number;
};

/** The due date of a receivable issued at `issuedAt` under a term of `termDays`, unless one was given. */
export function dueDateFor(issuedAt: string, termDays: number, explicitDueDate?: string): string {
  return explicitDueDate ?? addDays(issuedAt, termDays);
}

export function openAmount(receivable: Pick<Receivable, 'amount' | 'paid'>): number {
  return Math.max(0, receivable.amount - receivable.paid);
}

/**
 * A payment settles the receivable it names first, then the oldest open ones (due date, then
 * issue), as collection practice expects; what is left is an unapplied credit. Pure: the caller
 * stores the result.
 */
export function settlePayment(receivables: readonly Receivable[], payment: ReceivablePayment): Settlement {
  const next = receivables.map((receivable) => ({ ...receivable }));
  let remaining = payment.amount;
  const pay = (receivable: Receivable) => {
    const part = Math.min(openAmount(receivable), remaining);
    receivable.paid += part;
    remaining -= part;
  };
  const named = payment.appliesTo
    ? next.find((receivable) => receivable.id === payment.appliesTo)
    : undefined;
  if (named) pay(named);
  const oldestFirst = [...next].sort(
    (a, b) => a.dueDate.localeCompare(b.dueDate) || a.issuedAt.localeCompare(b.issuedAt),
  );
  for (const receivable of oldestFirst) {
    if (remaining <= 0) break;
    pay(receivable);
  }
  return { receivables: next, unapplied: remaining };
}

/** Days a receivable is past its due date on `asOf` (0 when not yet due). */
export function daysPastDue(receivable: Receivable, asOf: string): number {
  return Math.max(0, daysBetween(receivable.dueDate, asOf));
}

/**
 * Open amounts by days past due (账龄: 0–30, 31–60, 61–90, 91–120, 121+). A receivable on or
 * before its due date is `notDue`; one day late is in 0–30.
 */
export function ageReceivables(
  receivables: readonly Pick<Receivable, 'dueDate' | 'amount' | 'paid'>[],
  asOf: string,
): Ageing {
  const ageing: Ageing = { notDue: 0, d0_30: 0, d31_60: 0, d61_90: 0, d91_120: 0, d121Plus: 0 };
  for (const receivable of receivables) {
    const open = openAmount(receivable);
    if (open === 0) continue;
    ageing[bucketOf(daysBetween(receivable.dueDate, asOf))] += open;
  }
  return ageing;
}

function bucketOf(daysLate: number): AgeingBucket {
  if (daysLate <= 0) return 'notDue';
  if (daysLate <= 30) return 'd0_30';
  if (daysLate <= 60) return 'd31_60';
  if (daysLate <= 90) return 'd61_90';
  if (daysLate <= 120) return 'd91_120';
  return 'd121Plus';
}

/** Whether the receivable is overdue on `asOf`: still open and past due by more than the margin. */
export function isOverdue(receivable: Receivable, asOf: string, maturityMarginDays: number): boolean {
  return openAmount(receivable) > 0 && daysPastDue(receivable, asOf) > maturityMarginDays;
}

/** Overdue is past due by more than the maturity margin: a payment in the post is not yet a risk. */
export function overdueFigures(
  receivables: readonly Receivable[],
  asOf: string,
  maturityMarginDays: number,
): OverdueFigures {
  let overdueAmount = 0;
  let maxDaysOverdue = 0;
  let overdueCount = 0;
  for (const receivable of receivables) {
    if (!isOverdue(receivable, asOf, maturityMarginDays)) continue;
    overdueAmount += openAmount(receivable);
    overdueCount += 1;
    maxDaysOverdue = Math.max(maxDaysOverdue, daysPastDue(receivable, asOf));
  }
  return { overdueAmount, maxDaysOverdue, overdueCount };
}

/** What the customer owes in all: the exposure the limit is measured against. */
export function exposureOf(receivables: readonly Receivable[]): number {
  return receivables.reduce((sum, receivable) => sum + openAmount(receivable), 0);
}
