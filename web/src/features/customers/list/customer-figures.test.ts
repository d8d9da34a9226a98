import { describe, expect, it } from 'vitest';
import { aliveFigure, type Customer } from './customer-figures.js';

type Scores = NonNullable<Customer['scores']>;

const scores = (x: number, pAlive: number): Scores => ({
  segment: 'new',
  rfm: null,
  abcClass: 'C',
  pAlive,
  expectedPurchases90d: 0.2,
  nextPurchaseAt: null,
  clv: 1200,
  expectedSpend: 600,
  valueIndex: null,
  lifecycleSuggestion: { stage: 'identification', name: '识别期', rule: 'one order' },
  inputs: {
    x,
    tx: 0,
    T: 3,
    firstOrderOn: '2026-01-01',
    lastOrderOn: '2026-01-01',
    totalAmount: 600,
    spendCount: 1,
    meanSpend: 600,
  },
  scoredAt: '2026-01-22T00:00:00.000Z',
  modelFittedAt: '2026-01-22T00:00:00.000Z',
  fitId: 'fit-1',
});

describe('aliveFigure', () => {
  it('says "no repeat purchase yet" for a one-time buyer instead of the model’s P(alive) = 1', () => {
    expect(aliveFigure({ id: 'c1', name: 'One-time', scores: scores(0, 1) })).toEqual({ kind: 'no-repeat' });
  });

  it('gives the share for repeat buyers and nothing for unscored customers', () => {
    expect(aliveFigure({ id: 'c2', name: 'Regular', scores: scores(4, 0.62) })).toEqual({
      kind: 'share',
      value: 0.62,
    });
    expect(aliveFigure({ id: 'c3', name: 'New' })).toEqual({ kind: 'unscored' });
  });
});
