import { describe, expect, it } from 'vitest';
import { fitBgNbd } from './bgnbd.js';
import { choosePurchaseModel } from './model-choice.js';
import { dayNumber, summarizeTransactions, type Transaction } from './summary.js';

/**
 * Issue 13: regular buyers with equal amounts (a subscription-like shop). Gaps of 14/21/30/45 days
 * ± 2, 1–12 purchases, every amount 20.00 — BG/NBD has no interior maximum there (a, b → ∞: a
 * dropout probability without heterogeneity), which made `fit` throw after ~40 s and `fit --model
 * auto` run for many minutes. Deterministic (a linear congruential generator), in memory.
 */
function regularEqualAmounts(customers: number): Transaction[] {
  let seed = 13;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const first = dayNumber('2025-01-01');
  const gaps = [14, 21, 30, 45];
  const transactions: Transaction[] = [];
  for (let c = 0; c < customers; c++) {
    const gap = gaps[c % gaps.length] as number;
    const purchases = 1 + Math.floor(next() * 8);
    let day = first + Math.floor(next() * 60);
    for (let p = 0; p < purchases; p++) {
      transactions.push({ customerId: `C${c}`, day, amount: 20 });
      day += gap - 2 + Math.floor(next() * 5);
    }
  }
  return transactions;
}

const transactions = regularEqualAmounts(80);
const cutoffDay = dayNumber('2025-09-30');

describe('regular buyers with equal amounts (issue 13)', () => {
  it('is a few hundred purchases, all of the same amount', () => {
    expect(transactions.length).toBeGreaterThan(200);
    expect(transactions.length).toBeLessThan(500);
    expect(new Set(transactions.map((t) => t.amount))).toEqual(new Set([20]));
  });

  it('fit: BG/NBD stops on the edge of its search box quickly and says which parameter sits there', () => {
    const started = performance.now();
    const fit = fitBgNbd(summarizeTransactions(transactions, { cutoffDay }));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(fit.boundary?.length).toBeGreaterThan(0);
    for (const p of fit.boundary ?? []) expect(['r', 'alpha', 'a', 'b']).toContain(p.parameter);
    for (const value of Object.values(fit.params)) expect(Number.isFinite(value)).toBe(true);
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
  });

  it('--model auto: the choice finishes and picks a purchase model; a candidate over budget is reported as failed', () => {
    const started = performance.now();
    const choice = choosePurchaseModel(transactions, { cutoffDay, tracking: false, budgetMs: 250 });
    expect(performance.now() - started).toBeLessThan(6000);
    expect(['bgnbd', 'mbgnbd', 'bgcnbd', 'mbgcnbd', 'paretonbd']).toContain(choice.fit.model);
    const candidates = choice.selection?.candidates ?? [];
    expect(candidates.map((c) => c.model)).toEqual(['bgnbd', 'mbgnbd', 'bgcnbd', 'mbgcnbd', 'paretonbd']);
    for (const c of candidates) {
      // Every candidate either has figures or says why not: none is silently dropped.
      if (c.customerMae === undefined) expect(c.error?.code).toBe('fit_not_converged');
      else expect(Number.isFinite(c.customerMae)).toBe(true);
    }
  });

  it('with regular gaps, the Erlang-k models fit far better than the Poisson-timing ones', () => {
    const choice = choosePurchaseModel(transactions, { cutoffDay, pinned: 'mbgcnbd' });
    expect(choice.fit.model).toBe('mbgcnbd');
    const byK = choice.fit.likelihoodByK ?? [];
    expect(byK.length).toBeGreaterThan(1);
    expect(choice.fit.params).toMatchObject({ k: expect.any(Number) });
    expect((choice.fit.params as { k: number }).k).toBeGreaterThan(1);
    expect(choice.fit.logLikelihood).toBeGreaterThan((byK[0] as { logLikelihood: number }).logLikelihood);
  });
});
