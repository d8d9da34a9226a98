import { describe, expect, it } from 'vitest';
import { expectedPurchases, medianWeeksToNextPurchase, probabilityAlive } from './bgnbd.js';
import { customerLifetimeValue } from './clv.js';
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
