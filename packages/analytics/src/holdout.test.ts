import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fitBgNbd } from './bgnbd.js';
import { compareHoldout } from './holdout.js';
import { dayNumber, summarizeHoldout } from './summary.js';
import { readTransactionsFile } from './transactions-file.js';

const cdnow = fileURLToPath(new URL('../../../../shared/data/cdnow/', import.meta.url));
const window = { cutoffDay: dayNumber('1997-09-30'), endDay: dayNumber('1998-06-30') };
const customers = summarizeHoldout(readTransactionsFile(`${cdnow}CDNOW_sample.txt`).transactions, window);
const fit = fitBgNbd(customers);
const report = compareHoldout(fit.params, customers, window);

describe('compareHoldout on CDNOW (calibration to 1997-09-30, holdout to 1998-06-30)', () => {
  it('fits the same model as the calibration-only summary and a 39-week holdout', () => {
    expect(fit.params.r).toBeCloseTo(0.2426, 3);
    expect(report.holdoutWeeks).toBe(39);
    expect(report.customers).toBe(2357);
  });

  it('groups customers by calibration repeat purchases 0 … 6 and 7+', () => {
    expect(report.byFrequency.map((b) => b.x)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(report.byFrequency.reduce((s, b) => s + b.customers, 0)).toBe(2357);
  });

  it('expects more holdout purchases from customers who bought more in calibration (the paper’s Figure 4)', () => {
    const expected = report.byFrequency.map((b) => b.expected);
    for (let i = 1; i < expected.length; i++) expect(expected[i]).toBeGreaterThan(expected[i - 1] as number);
  });

  it('tracks cumulative repeat purchases over 78 weeks within 10 % (the paper’s Figure 3)', () => {
    expect(report.cumulative).toHaveLength(78);
    expect(Math.abs(report.errors.cumulativeEndError)).toBeLessThan(0.1);
    const actual = report.cumulative.map((w) => w.actual);
    for (let i = 1; i < actual.length; i++) expect(actual[i]).toBeGreaterThanOrEqual(actual[i - 1] as number);
  });

  it('reports errors consistent with its buckets', () => {
    const total = report.byFrequency.reduce((s, b) => s + b.actual * b.customers, 0);
    expect(report.errors.totalActual).toBeCloseTo(total, 8);
    expect(report.errors.customerRmse).toBeGreaterThanOrEqual(report.errors.customerMae);
  });
});
