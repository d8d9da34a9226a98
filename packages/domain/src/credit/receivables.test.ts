import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ageReceivables,
  dueDateFor,
  exposureOf,
  isOverdue,
  overdueFigures,
  type Receivable,
  settlePayment,
} from './receivables.js';

const receivable = (id: string, dueDate: string, amount: number, paid = 0): Receivable => ({
  id,
  issuedAt: `${dueDate}T00:00:00Z`,
  dueDate,
  amount,
  paid,
});

describe('dueDateFor', () => {
  it('adds the term to the issue day, in UTC', () => {
    expect(dueDateFor('2026-01-31T23:30:00+08:00', 30)).toBe('2026-03-02');
    expect(dueDateFor('2026-12-15T10:00:00Z', 30)).toBe('2027-01-14');
  });

  it('keeps an explicit due date', () => {
    expect(dueDateFor('2026-01-01T00:00:00Z', 30, '2026-01-10')).toBe('2026-01-10');
  });
});

describe('settlePayment', () => {
  const open = [receivable('new', '2026-03-01', 300), receivable('old', '2026-01-01', 200)];

  it('pays the oldest due first', () => {
    const { receivables, unapplied } = settlePayment(open, { amount: 250 });
    expect(receivables.map((r) => [r.id, r.paid])).toEqual([
      ['new', 50],
      ['old', 200],
    ]);
    expect(unapplied).toBe(0);
  });

  it('pays the named receivable first', () => {
    const { receivables } = settlePayment(open, { amount: 250, appliesTo: 'new' });
    expect(receivables.map((r) => [r.id, r.paid])).toEqual([
      ['new', 250],
      ['old', 0],
    ]);
  });

  it('keeps what is paid beyond everything owed as unapplied', () => {
    expect(settlePayment(open, { amount: 900 }).unapplied).toBe(400);
  });

  it('never loses or makes money, and never pays a receivable beyond its amount', () => {
    const arbitraryReceivable = fc.record({
      id: fc.uuid(),
      issuedAt: fc.constant('2026-01-01T00:00:00Z'),
      dueDate: fc.constantFrom('2026-01-01', '2026-02-01', '2026-03-01'),
      amount: fc.integer({ min: 0, max: 1_000_000 }),
      paid: fc.constant(0),
    });
    fc.assert(
      fc.property(
        fc.array(arbitraryReceivable, { maxLength: 8 }),
        fc.integer({ min: 1, max: 5_000_000 }),
        (rs, amount) => {
          const { receivables, unapplied } = settlePayment(rs, { amount });
          const applied = receivables.reduce((sum, r) => sum + r.paid, 0);
          expect(applied + unapplied).toBe(amount);
          for (const r of receivables) expect(r.paid).toBeLessThanOrEqual(r.amount);
          expect(exposureOf(receivables)).toBe(Math.max(0, exposureOf(rs) - amount));
        },
      ),
    );
  });
});

describe('ageReceivables', () => {
  it('buckets open amounts by days past due, at each boundary', () => {
    const asOf = '2026-06-30';
    const due = (daysLate: number) =>
      new Date(Date.parse('2026-06-30') - daysLate * 86_400_000).toISOString().slice(0, 10);
    const rs = [0, 1, 30, 31, 60, 61, 90, 91, 120, 121].map((late, i) =>
      receivable(`r${i}`, due(late), 10 ** i),
    );
    expect(ageReceivables([...rs, receivable('paid', due(200), 5, 5)], asOf)).toEqual({
      notDue: 1,
      d0_30: 10 + 100,
      d31_60: 1_000 + 10_000,
      d61_90: 100_000 + 1_000_000,
      d91_120: 10_000_000 + 100_000_000,
      d121Plus: 1_000_000_000,
    });
  });
});

describe('isOverdue', () => {
  it('is open and past due by more than the margin, to the day', () => {
    expect(isOverdue(receivable('a', '2026-06-27', 100), '2026-06-30', 3)).toBe(false);
    expect(isOverdue(receivable('b', '2026-06-26', 100), '2026-06-30', 3)).toBe(true);
    expect(isOverdue(receivable('c', '2026-05-01', 100, 100), '2026-06-30', 3)).toBe(false);
    expect(isOverdue(receivable('d', '2026-06-29', 100, 40), '2026-06-30', 0)).toBe(true);
  });
});

describe('overdueFigures', () => {
  it('counts only receivables past the maturity margin', () => {
    const rs = [
      receivable('a', '2026-06-27', 100),
      receivable('b', '2026-06-26', 200),
      receivable('c', '2026-05-01', 50, 50),
    ];
    expect(overdueFigures(rs, '2026-06-30', 3)).toEqual({
      overdueAmount: 200,
      maxDaysOverdue: 4,
      overdueCount: 1,
    });
    expect(overdueFigures(rs, '2026-06-30', 0)).toEqual({
      overdueAmount: 300,
      maxDaysOverdue: 4,
      overdueCount: 2,
    });
  });
});
