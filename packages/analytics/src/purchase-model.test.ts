import { describe, expect, it } from 'vitest';
import { type BgNbdParams, expectedPurchases, medianWeeksToNextPurchase, probabilityAlive } from './bgnbd.js';
import { customerLifetimeValue } from './clv.js';
import { calibrationCutoffFor, choosePurchaseModel, compareModelsOnHoldout } from './model-choice.js';
import { customerLifetimeValueOf } from './model-clv.js';
import {
  expectedPurchasesOf,
  nextPurchaseWindowOf,
  type PurchaseModel,
  probabilityAliveOf,
  probabilityOfPurchaseOf,
} from './purchase-model.js';
import { wheatMorrisonRegularity } from './regularity.js';
import { simulateCnbdTransactions } from './simulation.js';
import { expectedSpendShrunk, shrunkMeanSpend } from './spend-fallback.js';
import { dayNumber, summarizeHoldout, summarizeTransactions } from './summary.js';

const bg: BgNbdParams = { r: 0.2426, alpha: 4.414, a: 0.793, b: 2.426 };
const customer = { x: 4, tx: 30, T: 38.86, spendCount: 4, meanSpend: 30 };

describe('one face for every model', () => {
  const models: PurchaseModel[] = [
    { model: 'bgnbd', params: bg },
    { model: 'mbgnbd', params: { k: 1, r: 0.52, alpha: 6.2, a: 0.89, b: 1.6 } },
    { model: 'mbgcnbd', params: { k: 3, r: 1.5, alpha: 4, a: 0.6, b: 3 } },
    { model: 'bgcnbd', params: { k: 2, r: 1.5, alpha: 6, a: 0.6, b: 3 } },
    { model: 'paretonbd', params: { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 } },
  ];

  it('BG/NBD through the face is BG/NBD (P(alive), eq. 10, the median of the next-purchase wait)', () => {
    const model = models[0] as PurchaseModel;
    expect(probabilityAliveOf(model, customer)).toBe(probabilityAlive(bg, customer));
    expect(expectedPurchasesOf(model, customer, 13)).toBe(expectedPurchases(bg, customer, 13));
    expect(nextPurchaseWindowOf(model, customer).medianWeeks).toBeCloseTo(
      medianWeeksToNextPurchase(bg, customer),
      8,
    );
  });

  for (const model of models) {
    it(`${model.model}: window start < median < end, P(≥1 in t) ≤ P(alive), rising with t`, () => {
      const window = nextPurchaseWindowOf(model, customer);
      expect(window.startWeeks).toBeGreaterThan(0);
      expect(window.startWeeks).toBeLessThan(window.medianWeeks);
      expect(window.medianWeeks).toBeLessThan(window.endWeeks);
      expect(window.probabilityAlive).toBe(probabilityAliveOf(model, customer));
      let previous = 0;
      for (const t of [1, 4, 13, 52]) {
        const p = probabilityOfPurchaseOf(model, customer, t);
        expect(p).toBeGreaterThanOrEqual(previous);
        expect(p).toBeLessThanOrEqual(window.probabilityAlive + 1e-12);
        previous = p;
      }
      // The median of the wait given alive: half of the alive customers buy within it.
      expect(
        probabilityOfPurchaseOf(model, customer, window.medianWeeks) / window.probabilityAlive,
      ).toBeLessThanOrEqual(0.5 + 1e-6);
    });
  }

  it('a CNBD model at k = 1 takes the closed-form window, the quantiles of its own wait distribution', () => {
    for (const model of [
      models[1],
      { model: 'mbgcnbd', params: { k: 1, r: 0.52, alpha: 6.2, a: 0.89, b: 1.6 } },
    ] as PurchaseModel[]) {
      const window = nextPurchaseWindowOf(model, customer);
      const bought = (w: number) => probabilityOfPurchaseOf(model, customer, w) / window.probabilityAlive;
      expect(bought(window.startWeeks)).toBeCloseTo(0.1, 9);
      expect(bought(window.medianWeeks)).toBeCloseTo(0.5, 9);
      expect(bought(window.endWeeks)).toBeCloseTo(0.9, 9);
    }
  });

  it('right after a purchase, a regular buyer’s window is narrower, relative to its median, than a Poisson buyer’s', () => {
    const justBought = { x: 4, tx: 38.86, T: 38.86 };
    const poisson = nextPurchaseWindowOf(
      { model: 'bgcnbd', params: { k: 1, r: 3, alpha: 12, a: 0.5, b: 5 } },
      justBought,
    );
    const regular = nextPurchaseWindowOf(
      { model: 'bgcnbd', params: { k: 4, r: 3, alpha: 3, a: 0.5, b: 5 } },
      justBought,
    );
    const spread = (w: typeof poisson) => (w.endWeeks - w.startWeeks) / w.medianWeeks;
    expect(spread(regular)).toBeLessThan(spread(poisson) / 2);
  });

  it('CLV through the face equals the BG/NBD × Gamma-Gamma CLV', () => {
    const gg = { p: 6.25, q: 3.74, gamma: 15.44 };
    const expected = customerLifetimeValue(bg, gg, customer);
    const actual = customerLifetimeValueOf(
      { model: 'bgnbd', params: bg },
      { model: 'gamma-gamma', params: gg },
      customer,
    );
    expect(actual.clv).toBeCloseTo(expected.clv, 8);
  });
});

describe('the spend fallback', () => {
  it('with one price everywhere, every customer’s expected spend is that price', () => {
    const fallback = shrunkMeanSpend([
      { spendCount: 3, meanSpend: 25 },
      { spendCount: 1, meanSpend: 25 },
      { spendCount: 0, meanSpend: 0 },
    ]);
    expect(fallback.populationMeanSpend).toBe(25);
    expect(expectedSpendShrunk(fallback, { spendCount: 0, meanSpend: 0 })).toBe(25);
    expect(expectedSpendShrunk(fallback, { spendCount: 3, meanSpend: 25 })).toBe(25);
  });

  it('shrinks a customer’s own mean towards the tenant mean by one purchase', () => {
    const fallback = shrunkMeanSpend([
      { spendCount: 1, meanSpend: 10 },
      { spendCount: 1, meanSpend: 30 },
    ]);
    expect(fallback.populationMeanSpend).toBe(20);
    expect(expectedSpendShrunk(fallback, { spendCount: 3, meanSpend: 40 })).toBe(35);
  });
});

describe('model choice on data simulated from a regular (k = 3) process', () => {
  const transactions = simulateCnbdTransactions({ k: 3, r: 2, alpha: 8 / 3, a: 0.6, b: 4 }, 'mbg', {
    customers: 600,
    seed: 21,
    startDay: 0,
    acquisitionDays: 84,
    endDay: 448,
  });

  it('Wheat–Morrison sees the regularity (k̂ near 3, far from Poisson’s 1)', () => {
    const { k } = wheatMorrisonRegularity(transactions, { cutoffDay: 448 });
    expect(k).toBeGreaterThan(2);
    expect(k).toBeLessThan(4.5);
  });

  it('the holdout comparison reports every candidate and chooses a k = 3 timing model', () => {
    const customers = summarizeHoldout(transactions, { cutoffDay: 336, endDay: 448 });
    const comparison = compareModelsOnHoldout(customers, { cutoffDay: 336, endDay: 448 });
    expect(comparison.candidates.map((c) => c.model)).toEqual([
      'bgnbd',
      'mbgnbd',
      'bgcnbd',
      'mbgcnbd',
      'paretonbd',
    ]);
    for (const c of comparison.candidates) expect(c.customerMae).toBeGreaterThan(0);
    const best = Math.min(...comparison.candidates.map((c) => c.customerMae as number));
    const chosen = comparison.candidates.find((c) => c.model === comparison.chosen.model);
    expect(chosen?.customerMae).toBe(best);
    expect(['bgcnbd', 'mbgcnbd']).toContain(comparison.chosen.model);
    expect(comparison.chosen.k).toBe(3);
    const poisson = comparison.candidates.find((c) => c.model === 'bgnbd');
    expect(chosen?.customerMae).toBeLessThan(poisson?.customerMae as number);
  });

  it('the product’s choice takes the regular model when the evidence is enough', () => {
    const choice = choosePurchaseModel(transactions, { cutoffDay: 448, models: ['bgnbd', 'mbgcnbd'] });
    expect(choice.reason).toBe('holdout');
    expect(choice.fit.model).toBe('mbgcnbd');
    expect(choice.selection?.chosen).toEqual({ model: 'mbgcnbd', k: 3 });
  });

  it('keeps BG/NBD on a few dozen customers, however the holdout came out', () => {
    const few = new Set([...new Set(transactions.map((t) => t.customerId))].slice(0, 40));
    const choice = choosePurchaseModel(
      transactions.filter((t) => few.has(t.customerId)),
      { cutoffDay: 448, models: ['bgnbd', 'mbgcnbd'] },
    );
    expect(choice.reason).toBe('too-little-evidence');
    expect(choice.fit.model).toBe('bgnbd');
    // The comparison is still kept, so the screen can show what the candidates did.
    expect(choice.selection?.candidates.map((c) => c.model)).toEqual(['bgnbd', 'mbgcnbd']);
  });

  it('a pinned model is fitted on all the data without a comparison', () => {
    const choice = choosePurchaseModel(transactions, { cutoffDay: 448, pinned: 'bgnbd' });
    expect(choice.reason).toBe('pinned');
    expect(choice.fit.model).toBe('bgnbd');
    expect(choice.selection).toBeUndefined();
    expect(choice.fit.customers).toBe(summarizeTransactions(transactions, { cutoffDay: 448 }).length);
  });

  it('a pin overrides the holdout, and with compareWhenPinned the candidates are still scored', () => {
    const choice = choosePurchaseModel(transactions, {
      cutoffDay: 448,
      models: ['mbgcnbd'],
      pinned: 'bgnbd',
      compareWhenPinned: true,
    });
    expect(choice.reason).toBe('pinned');
    expect(choice.fit.model).toBe('bgnbd');
    // The pinned model joins the candidates, so the screen can set it beside the holdout's best.
    expect(choice.selection?.candidates.map((c) => c.model)).toEqual(['mbgcnbd', 'bgnbd']);
    expect(choice.selection?.chosen).toEqual({ model: 'bgnbd', k: 1 });
    const [regular, poisson] = choice.selection?.candidates ?? [];
    expect(regular?.customerMae).toBeLessThan(poisson?.customerMae as number);
  });

  it('a pin may fix the Erlang shape of a CNBD-k model, and only of those', () => {
    const pinned = choosePurchaseModel(transactions, { cutoffDay: 448, pinned: { model: 'mbgcnbd', k: 2 } });
    expect(pinned.fit.model).toBe('mbgcnbd');
    expect(pinned.fit.model === 'mbgcnbd' && pinned.fit.params.k).toBe(2);
    expect(() =>
      choosePurchaseModel(transactions, { cutoffDay: 448, pinned: { model: 'paretonbd', k: 2 } }),
    ).toThrow(/k can be fixed/);
  });
});

describe('the automatic split', () => {
  it('holds out the last quarter, at least 8 weeks, and refuses when calibration would be shorter than 8 weeks', () => {
    expect(calibrationCutoffFor(dayNumber('1997-01-01'), dayNumber('1997-09-30'))).toBe(
      dayNumber('1997-09-30') - 68,
    );
    expect(calibrationCutoffFor(0, 150)).toBe(150 - 56);
    expect(calibrationCutoffFor(0, 100)).toBeUndefined();
  });
});
