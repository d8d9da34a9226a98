import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { choosePurchaseModel } from './model-choice.js';
import { dayNumber } from './summary.js';
import { readTransactionsFile } from './transactions-file.js';

const master = fileURLToPath(new URL('../../../../shared/data/cdnow/CDNOW_master.txt', import.meta.url));

describe('choosePurchaseModel on CDNOW master (cutoff 1997-09-30)', () => {
  // Pinned from the code before the model choice was made faster (issue 13's bench: shared grouping
  // of the customers, one pass over the orders): the same choice, estimates and holdout figures.
  it('chooses Pareto/NBD with the same estimates and the same candidates’ figures', () => {
    const { transactions } = readTransactionsFile(master);
    const choice = choosePurchaseModel(transactions, { cutoffDay: dayNumber('1997-09-30') });

    expect(choice.reason).toBe('holdout');
    expect(choice.fit.model).toBe('paretonbd');
    const params = choice.fit.params as Record<string, number>;
    const pinned = {
      r: 0.5974210842560211,
      alpha: 11.585675693973252,
      s: 0.522181504386361,
      beta: 8.827620669911056,
    };
    for (const [key, value] of Object.entries(pinned)) {
      expect(Math.abs((params[key] as number) / value - 1), key).toBeLessThan(1e-9);
    }
    expect(choice.fit.logLikelihood).toBeCloseTo(-95415.11861747463, 6);

    const candidates = choice.selection?.candidates ?? [];
    expect(candidates.map((c) => [c.model, c.k])).toEqual([
      ['bgnbd', 1],
      ['mbgnbd', 1],
      ['bgcnbd', 1],
      ['mbgcnbd', 1],
      ['paretonbd', 1],
    ]);
    const figures = [
      [0.2972180514933605, -73300.17920439439],
      [0.28967739978354107, -73282.8110562198],
      [0.2972180514933605, -73300.17920439439],
      [0.28967739978354107, -73282.8110562198],
      [0.28926137195880586, -73346.75345124584],
    ] as const;
    candidates.forEach((c, i) => {
      const [mae, ll] = figures[i] as readonly [number, number];
      expect(c.customerMae).toBeCloseTo(mae, 9);
      expect(c.logLikelihood).toBeCloseTo(ll, 6);
    });
  }, 120_000);
});
