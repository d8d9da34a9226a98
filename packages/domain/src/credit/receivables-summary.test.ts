import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageReceivables, exposureOf, overdueFigures, settlePayment } from './receivables.js';
import {
  emptyReceivablesSummary,
  openByDueDate,
  overdueCheckDue,
  type SummarizedReceivable,
  sameReceivableFigures,
  summarizeReceivables,
  withReceivableChange,
} from './receivables-summary.js';

const asOf = '2026-06-30T12:00:00Z';

const receivableArb = fc.record({
  id: fc.uuid(),
  issuedAt: fc.constant('2026-01-01T00:00:00Z'),
  dueDate: fc
    .integer({ min: 0, max: 300 })
    .map((day) => new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString().slice(0, 10)),
  amount: fc.integer({ min: 1, max: 100_000 }),
  paid: fc.constant(0),
  currency: fc.constantFrom('CNY', 'USD'),
});

const owed = (id: string, dueDate: string, amount: number, paid = 0): SummarizedReceivable => ({
  id,
  issuedAt: '2026-01-01T00:00:00Z',
  dueDate,
  amount,
  paid,
  currency: 'CNY',
});

describe('the receivables summary', () => {
  it('gives the same exposure, overdue figures and ageing as the receivables it sums', () => {
    fc.assert(
      fc.property(
        fc.array(receivableArb, { maxLength: 40 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 10 }),
        (receivables, payment, margin) => {
          const cny = receivables.filter((receivable) => receivable.currency === 'CNY');
          const settled = settlePayment(cny, { amount: payment }).receivables.map((receivable) => ({
            ...receivable,
            currency: 'CNY',
          }));
          const summary = summarizeReceivables(
            'c1',
            [...settled, ...receivables.filter((r) => r.currency === 'USD')],
            0,
          );
          const byDue = openByDueDate(summary, 'CNY');

          expect(exposureOf(byDue)).toBe(exposureOf(settled));
          expect(ageReceivables(byDue, asOf)).toEqual(ageReceivables(settled, asOf));
          const fromSummary = overdueFigures(byDue, asOf, margin);
          const fromReceivables = overdueFigures(settled, asOf, margin);
          expect([fromSummary.overdueAmount, fromSummary.maxDaysOverdue]).toEqual([
            fromReceivables.overdueAmount,
            fromReceivables.maxDaysOverdue,
          ]);
        },
      ),
    );
  });

  it('kept step by step equals the summary derived from the end state', () => {
    fc.assert(
      fc.property(
        fc.array(receivableArb, { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (added, payIndexes) => {
          let summary = emptyReceivablesSummary('c1');
          const current = new Map<string, SummarizedReceivable>();
          for (const receivable of added) {
            if (current.has(receivable.id)) continue;
            summary = withReceivableChange(summary, undefined, receivable);
            current.set(receivable.id, receivable);
          }
          const ids = [...current.keys()];
          for (const index of payIndexes) {
            const id = ids[index % Math.max(1, ids.length)];
            const before = id ? current.get(id) : undefined;
            if (!before) continue;
            const after = { ...before, paid: before.amount, settledOnTime: index % 2 === 0 };
            summary = withReceivableChange(summary, before, after);
            current.set(before.id, after);
          }
          // Removing every other receivable, settled or not.
          ids
            .filter((_, index) => index % 2 === 1)
            .forEach((id) => {
              summary = withReceivableChange(summary, current.get(id), undefined);
              current.delete(id);
            });

          expect(sameReceivableFigures(summary, summarizeReceivables('c1', [...current.values()], 0))).toBe(
            true,
          );
        },
      ),
    );
  });

  it('counts payment behaviour from receivables settled in full', () => {
    const open = owed('a', '2026-05-01', 100);
    let summary = withReceivableChange(emptyReceivablesSummary('c1'), undefined, open);
    summary = withReceivableChange(summary, open, { ...open, paid: 100, settledOnTime: false });

    expect(summary).toMatchObject({ open: {}, settledOnTime: 0, settledTotal: 1 });
  });

  it('tells when receivables must be read to mark newly overdue ones, and remembers the check', () => {
    const late = owed('late', '2026-06-01', 100);
    const summary = withReceivableChange(emptyReceivablesSummary('c1'), undefined, late);

    expect(overdueCheckDue(summary, 'CNY', asOf, 3)).toBe('2026-06-26');
    const checked = { ...summary, overdueCheckedThrough: '2026-06-26' };
    expect(overdueCheckDue(checked, 'CNY', asOf, 3)).toBeNull();
    // Not yet past the margin: nothing to read.
    const notYet = withReceivableChange(
      emptyReceivablesSummary('c1'),
      undefined,
      owed('soon', '2026-06-28', 5),
    );
    expect(overdueCheckDue(notYet, 'CNY', asOf, 3)).toBeNull();
  });

  it('re-opens the check for a back-dated receivable on a day already checked', () => {
    const checked = { ...emptyReceivablesSummary('c1'), overdueCheckedThrough: '2026-06-26' };
    const next = withReceivableChange(checked, undefined, owed('backdated', '2026-03-01', 50));

    expect(next.overdueCheckedThrough).toBe('2026-02-28');
    expect(overdueCheckDue(next, 'CNY', asOf, 3)).toBe('2026-06-26');
  });

  it('keeps the check for a back-dated receivable written already marked overdue', () => {
    const checked = { ...emptyReceivablesSummary('c1'), overdueCheckedThrough: '2026-06-26' };
    const marked = { ...owed('backdated', '2026-03-01', 50), overdueAt: asOf };

    expect(withReceivableChange(checked, undefined, marked).overdueCheckedThrough).toBe('2026-06-26');
  });

  it('compares figures regardless of key order', () => {
    const a = summarizeReceivables('c1', [owed('x', '2026-05-01', 1), owed('y', '2026-04-01', 2)], 7);
    const b = summarizeReceivables('c1', [owed('y', '2026-04-01', 2), owed('x', '2026-05-01', 1)], 7);

    expect(sameReceivableFigures(a, b)).toBe(true);
    expect(sameReceivableFigures(a, { ...b, unapplied: 0 })).toBe(false);
  });
});
