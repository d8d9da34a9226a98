import { addDays } from '../calendar-days.js';
import { openAmount, type Receivable } from './receivables.js';

/** What is still open on one due date. */
export type OpenAtDue = { amount: number; count: number };

/**
 * 应收汇总: a customer's receivables as running totals, written in the same transaction as every
 * receivable change, so an evaluation reads one item however many orders are open (a customer
 * with hundreds of open orders used to cost hundreds of reads per order). Open amounts are kept by
 * due date, not as one total: overdue, the oldest due date and the ageing buckets depend on the
 * day of the evaluation, and the per-day totals give all of them exactly.
 */
export type ReceivablesSummary = {
  customerId: string;
  /** Open amount and count of open receivables by currency, then due date (YYYY-MM-DD). */
  open: Record<string, Record<string, OpenAtDue>>;
  /** Receivables paid in full within due date + margin, of all paid in full (payment behaviour). */
  settledOnTime: number;
  settledTotal: number;
  /** Net credit of all applications: paid beyond what was owed, less what later charges used. */
  unapplied: number;
  /**
   * Every open receivable due on or before this day has been checked and marked overdue where it
   * is (null: none checked). Lets an evaluation skip reading receivables for the mark.
   */
  overdueCheckedThrough: string | null;
  /** Optimistic version: every writer of a receivable moves it in the same transaction. */
  version: number;
};

/** The receivable fields the summary keeps totals of. */
export type SummarizedReceivable = Receivable & {
  currency: string;
  settledOnTime?: boolean;
  overdueAt?: string;
};

export function emptyReceivablesSummary(customerId: string): ReceivablesSummary {
  return {
    customerId,
    open: {},
    settledOnTime: 0,
    settledTotal: 0,
    unapplied: 0,
    overdueCheckedThrough: null,
    version: 0,
  };
}

function addContribution(summary: ReceivablesSummary, receivable: SummarizedReceivable, sign: 1 | -1) {
  const open = openAmount(receivable);
  if (open > 0) {
    const byDue = { ...summary.open[receivable.currency] };
    const entry = byDue[receivable.dueDate] ?? { amount: 0, count: 0 };
    const next = { amount: entry.amount + sign * open, count: entry.count + sign };
    if (next.count === 0 && next.amount === 0) delete byDue[receivable.dueDate];
    else byDue[receivable.dueDate] = next;
    const byCurrency = { ...summary.open };
    if (Object.keys(byDue).length) byCurrency[receivable.currency] = byDue;
    else delete byCurrency[receivable.currency];
    summary.open = byCurrency;
  }
  if (receivable.settledOnTime !== undefined) {
    summary.settledTotal += sign;
    if (receivable.settledOnTime) summary.settledOnTime += sign;
  }
}

/**
 * The summary after one receivable changed from `before` to `after` (undefined: absent). Pure;
 * the caller writes the receivable and the result together.
 */
export function withReceivableChange(
  summary: ReceivablesSummary,
  before: SummarizedReceivable | undefined,
  after: SummarizedReceivable | undefined,
): ReceivablesSummary {
  const next: ReceivablesSummary = { ...summary };
  if (before) addContribution(next, before, -1);
  if (after) addContribution(next, after, 1);
  // A newly open receivable due on a day already checked (a back-dated invoice) must be checked,
  // unless it was written marked (overdue when it was recorded).
  const newlyOpen = after && openAmount(after) > 0 && (!before || openAmount(before) === 0);
  const checked = next.overdueCheckedThrough;
  if (newlyOpen && !after.overdueAt && checked !== null && after.dueDate <= checked) {
    next.overdueCheckedThrough = addDays(after.dueDate, -1);
  }
  return next;
}

/** Derives the summary from every receivable and the net unapplied credit (missing or repaired). */
export function summarizeReceivables(
  customerId: string,
  receivables: readonly SummarizedReceivable[],
  unapplied: number,
): ReceivablesSummary {
  let summary = { ...emptyReceivablesSummary(customerId), unapplied };
  for (const receivable of receivables) summary = withReceivableChange(summary, undefined, receivable);
  return summary;
}

/**
 * The open receivables of one currency as one receivable per due date: exposure, overdue figures
 * and ageing computed over these equal those over the receivables themselves.
 */
export function openByDueDate(summary: ReceivablesSummary, currency: string): Receivable[] {
  return Object.entries(summary.open[currency] ?? {})
    .filter(([, entry]) => entry.amount > 0)
    .map(([dueDate, entry]) => ({
      id: `due:${dueDate}`,
      issuedAt: dueDate,
      dueDate,
      amount: entry.amount,
      paid: 0,
    }))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}

/** Whether two summaries hold the same figures (the check mark and the version aside). */
export function sameReceivableFigures(a: ReceivablesSummary, b: ReceivablesSummary): boolean {
  const figures = (summary: ReceivablesSummary) =>
    JSON.stringify({
      open: Object.fromEntries(
        Object.entries(summary.open)
          .sort(([x], [y]) => x.localeCompare(y))
          .map(([currency, byDue]) => [
            currency,
            Object.entries(byDue)
              .sort(([x], [y]) => x.localeCompare(y))
              .map(([due, entry]) => [due, entry.amount, entry.count]),
          ]),
      ),
      settledOnTime: summary.settledOnTime,
      settledTotal: summary.settledTotal,
      unapplied: summary.unapplied,
    });
  return figures(a) === figures(b);
}

/**
 * The last due date that is overdue on `asOf` (past due by more than the margin) when an open
 * receivable of `currency` due after the last check and by then exists: the receivables must be
 * read and marked up to it. Null when nothing new can have turned overdue.
 */
export function overdueCheckDue(
  summary: ReceivablesSummary,
  currency: string,
  asOf: string,
  maturityMarginDays: number,
): string | null {
  const through = addDays(asOf, -(maturityMarginDays + 1));
  const checked = summary.overdueCheckedThrough;
  const unchecked = Object.entries(summary.open[currency] ?? {}).some(
    ([dueDate, entry]) => entry.amount > 0 && dueDate <= through && (checked === null || dueDate > checked),
  );
  return unchecked ? through : null;
}
