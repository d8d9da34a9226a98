import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AnalyticsError } from './errors.js';
import { expectedSpend, fitGammaGamma, gammaGammaLogLikelihood } from './gamma-gamma.js';
import { dayNumber, summarizeTransactions } from './summary.js';
import { readTransactionsFile } from './transactions-file.js';

const cdnow = fileURLToPath(new URL('../../../../shared/data/cdnow/', import.meta.url));
const calibration = summarizeTransactions(readTransactionsFile(`${cdnow}CDNOW_sample.txt`).transactions, {
  cutoffDay: dayNumber('1997-09-30'),
});

describe('fitGammaGamma on the CDNOW sample (Fader, Hardie & Lee 2005 "RFM and CLV")', () => {
  const fit = fitGammaGamma(calibration);

  it('uses the 946 repeat customers’ mean spend per repeat transaction', () => {
    expect(fit.customers).toBe(946);
  });

  it('reproduces p = 6.25, q = 3.74, γ = 15.44 to 3 significant figures', () => {
    expect(Number(fit.params.p.toPrecision(3))).toBe(6.25);
    expect(Number(fit.params.q.toPrecision(3))).toBe(3.74);
    expect(Number(fit.params.gamma.toPrecision(3))).toBe(15.4);
    expect(fit.params.gamma).toBeCloseTo(15.44, 2);
  });

  it('is a maximum: the paper’s rounded parameters score no better', () => {
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(
      gammaGammaLogLikelihood({ p: 6.25, q: 3.74, gamma: 15.44 }, calibration),
    );
  });
});

describe('expectedSpend (note 025, eq. 5)', () => {
  const params = { p: 6.25, q: 3.74, gamma: 15.44 };
  const population = (params.p * params.gamma) / (params.q - 1);

  it('is the population mean pγ/(q−1) for a customer without repeat spend', () => {
    expect(expectedSpend(params, { spendCount: 0, meanSpend: 0 })).toBeCloseTo(population, 12);
  });

  it('is a credibility-weighted mix of the population mean and the customer’s own mean', () => {
    const x = 4;
    const own = 80;
    const weight = (params.p * x) / (params.p * x + params.q - 1);
    expect(expectedSpend(params, { spendCount: x, meanSpend: own })).toBeCloseTo(
      (1 - weight) * population + weight * own,
      10,
    );
  });

  it('moves towards the customer’s own mean as repeat purchases accumulate', () => {
    const few = expectedSpend(params, { spendCount: 1, meanSpend: 100 });
    const many = expectedSpend(params, { spendCount: 30, meanSpend: 100 });
    expect(Math.abs(many - 100)).toBeLessThan(Math.abs(few - 100));
  });
});

describe('fitGammaGamma input rules', () => {
  it('skips customers whose repeat spend is zero (the zero-amount rule)', () => {
    const fit = fitGammaGamma([
      ...calibration,
      { spendCount: 0, meanSpend: 0 },
      { spendCount: 3, meanSpend: 0 },
    ]);
    expect(fit.customers).toBe(946);
  });

  it('refuses fewer than two usable customers', () => {
    expect(() => fitGammaGamma([{ spendCount: 2, meanSpend: 10 }])).toThrow(AnalyticsError);
  });
});
