import { describe, expect, it } from 'vitest';
import { expectedPurchases, medianWeeksToNextPurchase, probabilityAlive } from './bgnbd.js';
import { customerLifetimeValue } from './clv.js';
import { expectedPurchasesOf, type PurchaseModel, probabilityAliveOf } from './purchase-model.js';
import { type ScoringParams, scoreCustomer } from './score.js';
import { dayNumber } from './summary.js';

const params: ScoringParams = {
  bgnbd: { r: 0.2426, alpha: 4.414, a: 0.793, b: 2.426 },
  gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 },
  rfm: { recencyDays: [30, 90, 180, 300], frequency: [1, 1, 2, 4], monetary: [20, 40, 80, 150] },
  abc: { minA: 100, minB: 40 },
};
const asOf = dayNumber('1997-09-30');
const customer = {
  customerId: 'c4',
  x: 2,
  firstDay: dayNumber('1997-01-01'),
  lastDay: dayNumber('1997-08-02'),
  totalAmount: 74.02,
  spendCount: 2,
  meanSpend: 22.345,
};

describe('scoreCustomer', () => {
  const score = scoreCustomer(params, customer, asOf);
  const history = { x: 2, tx: 213 / 7, T: 272 / 7 };

  it('derives t_x and T from the days and the as-of day, and returns them as inputs', () => {
    expect(score.inputs).toMatchObject({ x: 2, recencyDays: 59, frequency: 3, monetary: 74.02 });
    expect(score.inputs.tx).toBeCloseTo(history.tx, 12);
    expect(score.inputs.T).toBeCloseTo(history.T, 12);
  });

  it('gives the same numbers as the model functions', () => {
    expect(score.pAlive).toBeCloseTo(probabilityAlive(params.bgnbd, history), 12);
    expect(score.expectedPurchases).toBeCloseTo(expectedPurchases(params.bgnbd, history, 90 / 7), 12);
    expect(score.nextPurchaseWeeks).toBeCloseTo(medianWeeksToNextPurchase(params.bgnbd, history), 12);
    expect(score.nextPurchaseDay).toBe(asOf + Math.round(score.nextPurchaseWeeks * 7));
    const clv = customerLifetimeValue(params.bgnbd, params.gammaGamma!, {
      ...history,
      spendCount: 2,
      meanSpend: 22.345,
    });
    expect(score.clv).toBeCloseTo(clv.clv, 10);
  });

  it('scores RFM and ABC against the stored cut-offs', () => {
    expect(score.rfm).toMatchObject({ r: 4, f: 4, m: 3 });
    expect(score.abcClass).toBe('B');
  });

  it('leaves out what the stored parameters do not cover', () => {
    const bare = scoreCustomer({ bgnbd: params.bgnbd }, customer, asOf);
    expect(bare.rfm).toBeNull();
    expect(bare.abcClass).toBeNull();
    expect(bare.clv).toBeNull();
  });

  it('suggests a lifecycle stage with its rule', () => {
    expect(['identification', 'development', 'stability', 'decline']).toContain(score.lifecycle);
    expect(score.lifecycleRule.length).toBeGreaterThan(0);
  });
});

describe('scoreCustomer with a chosen purchase model (issue 13)', () => {
  const chosen: PurchaseModel = { model: 'mbgcnbd', params: { k: 3, r: 2, alpha: 2.7, a: 0.6, b: 4 } };
  const score = scoreCustomer({ ...params, purchaseModel: chosen }, customer, asOf);
  const history = { x: score.inputs.x, tx: score.inputs.tx, T: score.inputs.T };

  it('takes P(alive), expected purchases and the next purchase from the chosen model', () => {
    expect(score.model).toBe('mbgcnbd');
    expect(score.pAlive).toBe(probabilityAliveOf(chosen, history));
    expect(score.expectedPurchases).toBe(expectedPurchasesOf(chosen, history, 90 / 7));
    expect(score.nextPurchaseWeeks).toBe(score.nextPurchaseWindow.medianWeeks);
  });

  it('gives the next-purchase window as weeks and days, in order', () => {
    const w = score.nextPurchaseWindow;
    expect(w.startWeeks).toBeLessThan(w.medianWeeks);
    expect(w.medianWeeks).toBeLessThan(w.endWeeks);
    expect(w.startDay).toBe(asOf + Math.round(w.startWeeks * 7));
    expect(w.endDay).toBe(asOf + Math.round(w.endWeeks * 7));
  });

  it('without a chosen model it is BG/NBD, window included (the median is the stored next purchase)', () => {
    const plain = scoreCustomer(params, customer, asOf);
    expect(plain.model).toBe('bgnbd');
    expect(plain.nextPurchaseWindow.medianWeeks).toBeCloseTo(plain.nextPurchaseWeeks, 10);
  });

  it('uses the spend fallback for CLV when Gamma-Gamma is missing', () => {
    const { gammaGamma: _, ...withoutGammaGamma } = params;
    const fallback = scoreCustomer(
      {
        ...withoutGammaGamma,
        spendFallback: { model: 'shrunk-mean', populationMeanSpend: 30, priorWeight: 1, customers: 10 },
      },
      customer,
      asOf,
    );
    expect(fallback.expectedSpend).toBeCloseTo((2 * 22.345 + 30) / 3, 10);
    expect(fallback.clv).toBeGreaterThan(0);
  });
});
