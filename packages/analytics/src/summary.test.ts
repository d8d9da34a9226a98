import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dayNumber, isoDay, summarizeHoldout, summarizeTransactions, type Transaction } from './summary.js';
import { parseTransactionsText, readTransactionsFile } from './transactions-file.js';

const day = dayNumber;

describe('summarizeTransactions', () => {
  const transactions: Transaction[] = [
    { customerId: 'a', day: day('1997-01-01'), amount: 10 },
    { customerId: 'a', day: day('1997-01-01'), amount: 5 },
    { customerId: 'a', day: day('1997-01-15'), amount: 20 },
    { customerId: 'a', day: day('1997-01-29'), amount: 0 },
    { customerId: 'a', day: day('1997-12-01'), amount: 99 },
    { customerId: 'b', day: day('1997-03-01'), amount: 7 },
  ];
  const [a, b] = summarizeTransactions(transactions, { cutoffDay: day('1997-09-30') });

  it('merges same-day purchases and counts repeat purchase days as x', () => {
    expect(a?.x).toBe(2);
    expect(a?.totalAmount).toBe(35);
  });

  it('measures t_x and T in weeks from the first purchase, T to the cutoff day', () => {
    expect(a?.tx).toBeCloseTo(28 / 7, 12);
    expect(a?.T).toBeCloseTo(272 / 7, 12);
    expect(b?.x).toBe(0);
    expect(b?.tx).toBe(0);
  });

  it('counts a zero-amount day for BG/NBD but leaves it out of the Gamma-Gamma mean', () => {
    expect(a?.spendCount).toBe(1);
    expect(a?.meanSpend).toBe(20);
  });

  it('ignores transactions after the cutoff', () => {
    expect(a?.lastDay).toBe(day('1997-01-29'));
  });

  it('sums the log inter-purchase times in weeks (litt, the Erlang-k statistic); 0 without repeats', () => {
    // Gaps of 14 and 14 days: 2 · ln 2.
    expect(a?.litt).toBeCloseTo(2 * Math.log(2), 12);
    expect(b?.litt).toBe(0);
  });
});

describe('summarizeHoldout', () => {
  it('splits calibration and holdout purchases and drops customers acquired after the cutoff', () => {
    const result = summarizeHoldout(
      [
        { customerId: 'a', day: day('1997-01-01'), amount: 1 },
        { customerId: 'a', day: day('1997-10-05'), amount: 1 },
        { customerId: 'a', day: day('1997-10-05'), amount: 1 },
        { customerId: 'a', day: day('1998-01-05'), amount: 1 },
        { customerId: 'late', day: day('1997-11-01'), amount: 1 },
      ],
      { cutoffDay: day('1997-09-30'), endDay: day('1998-06-30') },
    );
    expect(result).toHaveLength(1);
    expect(result[0]?.x).toBe(0);
    expect(result[0]?.holdoutPurchases).toBe(2);
  });
});

describe('dates', () => {
  it('converts between ISO, compact CDNOW dates and day numbers', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('19970101')).toBe(dayNumber('1997-01-01'));
    expect(dayNumber('1997-01-01T23:59:59Z')).toBe(dayNumber('1997-01-01'));
    expect(isoDay(dayNumber('1998-06-30'))).toBe('1998-06-30');
  });
});

describe('transaction files', () => {
  const cdnow = fileURLToPath(new URL('../../../../shared/data/cdnow/', import.meta.url));

  it('reads the CDNOW sample layout (5 columns): 6,919 rows, 2,357 customers', () => {
    const { layout, transactions } = readTransactionsFile(`${cdnow}CDNOW_sample.txt`);
    expect(layout).toBe('cdnow-sample');
    expect(transactions).toHaveLength(6919);
    expect(new Set(transactions.map((t) => t.customerId)).size).toBe(2357);
  });

  it('reads the CDNOW master layout (header, CRLF): 69,659 rows, 23,570 customers', () => {
    const { layout, transactions } = readTransactionsFile(`${cdnow}CDNOW_master.txt`);
    expect(layout).toBe('cdnow-master');
    expect(transactions).toHaveLength(69659);
    expect(new Set(transactions.map((t) => t.customerId)).size).toBe(23570);
  });

  it('reads a customer_id,date,amount CSV', () => {
    const { layout, transactions } = parseTransactionsText(
      'customer_id,date,amount\nc1,1997-01-01,12.5\r\nc1,1997-02-01,0\n',
    );
    expect(layout).toBe('csv');
    expect(transactions).toEqual([
      { customerId: 'c1', day: dayNumber('1997-01-01'), amount: 12.5 },
      { customerId: 'c1', day: dayNumber('1997-02-01'), amount: 0 },
    ]);
  });

  it('rejects a CSV without the expected header and rows with the wrong column count', () => {
    expect(() => parseTransactionsText('id,when,value\n1,1997-01-01,3\n')).toThrow(/customer_id,date,amount/);
    expect(() => parseTransactionsText('1 19970101 1 2.0\n2 19970101 1\n')).toThrow(/columns/);
  });
});
