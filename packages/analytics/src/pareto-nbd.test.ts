import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  fitParetoNbd,
  logHyp2f1Incomplete,
  type ParetoNbdParams,
  paretoNbdExpectedPurchases,
  paretoNbdLogLikelihood,
  paretoNbdNextPurchaseSurvival,
  paretoNbdNextPurchaseWait,
  paretoNbdProbabilityAlive,
  paretoNbdProbabilityOfPurchase,
} from './pareto-nbd.js';
import { hyp2f1 } from './special.js';
import { dayNumber, summarizeTransactions } from './summary.js';
import { readTransactionsFile } from './transactions-file.js';

const cdnow = fileURLToPath(new URL('../../../../shared/data/cdnow/', import.meta.url));
const calibration = summarizeTransactions(readTransactionsFile(`${cdnow}CDNOW_sample.txt`).transactions, {
  cutoffDay: dayNumber('1997-09-30'),
});

// Fader, Hardie & Lee, the Pareto/NBD note on the CDNOW sample (39-week calibration).
const published: ParetoNbdParams = { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 };

function twoSignificant(actual: number, expected: number) {
  expect(Number(actual.toPrecision(2))).toBe(Number(expected.toPrecision(2)));
}

describe('fitParetoNbd on the CDNOW sample (the published estimates)', () => {
  const fit = fitParetoNbd(calibration);

  it('reproduces r = 0.55, α = 10.58, s = 0.61, β = 11.67 to 2 significant figures', () => {
    twoSignificant(fit.params.r, published.r);
    twoSignificant(fit.params.alpha, published.alpha);
    twoSignificant(fit.params.s, published.s);
    twoSignificant(fit.params.beta, published.beta);
  });

  it('reaches LL ≈ −9595.0 (the note’s value)', () => {
    expect(fit.logLikelihood).toBeCloseTo(-9595.0, 0);
  });
});

describe('fitParetoNbd where every customer lapsed decades ago', () => {
  // The product's slow case: the first 1,200 CDNOW rows (348 customers, all of them buying in 1997–98)
  // observed until 2026, so T runs to ~1,560 weeks. The likelihood has no interior maximum: it keeps
  // rising as s → ∞ with s/β fixed (everyone's lifetime alike). Searching in (ln s, ln β) BFGS
  // crawled along that ridge for its 200 iterations and Nelder–Mead after it: 66–146 s per fit.
  const slice = summarizeTransactions(
    readTransactionsFile(`${cdnow}CDNOW_master.txt`).transactions.slice(0, 1200),
    { cutoffDay: dayNumber('2026-12-02') },
  );

  it('stops on the s bound within a few dozen BFGS steps, at the supremum of the likelihood', () => {
    expect(slice).toHaveLength(348);
    const started = performance.now();
    const fit = fitParetoNbd(slice);
    const ms = performance.now() - started;

    expect(fit.method).toBe('bfgs');
    expect(fit.iterations).toBeLessThan(60);
    expect(ms).toBeLessThan(20_000);
    expect(fit.boundary).toEqual([{ parameter: 's', bound: 'upper', value: fit.params.s }]);
    // −3227.737926 is what the old search reached after 8,000+ likelihood passes.
    expect(fit.logLikelihood).toBeGreaterThan(-3227.73793);
    // Mean lifetime β/s ≈ 45 weeks; the purchase process is an interior optimum.
    expect(fit.params.beta / fit.params.s).toBeCloseTo(44.86, 1);
    twoSignificant(fit.params.r, 0.6959);
    twoSignificant(fit.params.alpha, 13.72);
  });

  it('reaches the same interior optimum on the CDNOW sample as the (r, α, s, β) search did', () => {
    const fit = fitParetoNbd(calibration);
    // The previous search's optimum: LL −9594.976178940, r 0.5532768, α 10.577681, s 0.6062392, β 11.668718.
    expect(fit.logLikelihood).toBeCloseTo(-9594.97617894, 6);
    expect(fit.params.r).toBeCloseTo(0.5532768, 4);
    expect(fit.params.beta).toBeCloseTo(11.668718, 2);
  });
});

describe('the stable ₂F₁(a, b; a+1; z)', () => {
  it('equals the plain series where that converges well', () => {
    for (const [a, b, z] of [
      [3.2, 1.6, 0.3],
      [20.5, 0.8, 0.7],
      [1.1, 5.3, 0.05],
    ] as const) {
      expect(logHyp2f1Incomplete(a, b, z)).toBeCloseTo(Math.log(hyp2f1(a, b, a + 1, z)), 11);
    }
  });

  it('the likelihood by series and by quadrature of its integral agree (both evaluations of eq. 22)', () => {
    for (const params of [
      published,
      { r: 0.5, alpha: 12, s: 0.6, beta: 0.5 },
      { r: 2, alpha: 0.05, s: 3, beta: 50 },
      { r: 0.2, alpha: 5, s: 0.3, beta: 4.9 },
    ]) {
      const series = paretoNbdLogLikelihood(params, calibration.slice(0, 300), { dropoutTerm: 'series' });
      const quadrature = paretoNbdLogLikelihood(params, calibration.slice(0, 300), {
        dropoutTerm: 'quadrature',
      });
      expect(Math.abs(series - quadrature)).toBeLessThan(1e-8 * Math.abs(series));
    }
  });
});

describe('Pareto/NBD forecasts', () => {
  const c = { x: 2, tx: 30.43, T: 38.86 };

  it('a new customer’s E[X(t)] is rβ/(α(s−1)) [1 − (β/(β+t))^(s−1)] (Schmittlein et al. eq. 17)', () => {
    const { r, alpha, s, beta } = published;
    const t = 52;
    const closed = ((r * beta) / (alpha * (s - 1))) * (1 - (beta / (beta + t)) ** (s - 1));
    expect(paretoNbdExpectedPurchases(published, { x: 0, tx: 0, T: 0 }, t)).toBeCloseTo(closed, 12);
  });

  it('P(alive) falls the longer a frequent buyer has been silent', () => {
    const recent = paretoNbdProbabilityAlive(published, { x: 6, tx: 38, T: 38.86 });
    const silent = paretoNbdProbabilityAlive(published, { x: 6, tx: 10, T: 38.86 });
    expect(recent).toBeGreaterThan(0.9);
    expect(silent).toBeLessThan(recent);
    expect(paretoNbdProbabilityAlive(published, { x: 0, tx: 0, T: 0 })).toBe(1);
  });

  it('P(≥1 purchase in t) ≤ min(P(alive), E[purchases in t]) and tends to P(alive)·P(next purchase ever)', () => {
    for (const t of [1, 4, 13, 52]) {
      const p = paretoNbdProbabilityOfPurchase(published, c, t);
      expect(p).toBeLessThanOrEqual(paretoNbdProbabilityAlive(published, c));
      expect(p).toBeLessThanOrEqual(paretoNbdExpectedPurchases(published, c, t) + 1e-12);
    }
    // For short t, P(≥1) ≈ E[X(t)] (at most one purchase in a tiny interval).
    const tiny = 0.01;
    expect(
      paretoNbdProbabilityOfPurchase(published, c, tiny) / paretoNbdExpectedPurchases(published, c, tiny),
    ).toBeCloseTo(1, 3);
  });

  it('the next-purchase survival decreases from 1 to 0', () => {
    expect(paretoNbdNextPurchaseSurvival(published, c, 0)).toBe(1);
    let previous = 1;
    for (const w of [0.5, 2, 8, 30, 100, 1000, 1e6]) {
      const s = paretoNbdNextPurchaseSurvival(published, c, w);
      expect(s).toBeLessThanOrEqual(previous);
      previous = s;
    }
    expect(previous).toBeLessThan(1e-3);
  });
});

describe('the analytic gradient of the log-likelihood', () => {
  const names = ['r', 'alpha', 's', 'beta'] as const;
  const customers = calibration.slice(0, 400);

  it('matches central differences, by series and by quadrature, with α above and below β', () => {
    for (const params of [
      published,
      { r: 0.5, alpha: 12, s: 0.6, beta: 0.5 },
      { r: 2, alpha: 0.05, s: 3, beta: 50 },
      { r: 0.2, alpha: 5, s: 0.3, beta: 4.9 },
      { r: 1.3, alpha: 3, s: 1.7, beta: 3 },
    ]) {
      for (const dropoutTerm of ['auto', 'series', 'quadrature'] as const) {
        const gradient = new Float64Array(4);
        paretoNbdLogLikelihood(params, customers, { dropoutTerm, gradient });
        names.forEach((name, i) => {
          const h = 1e-6 * params[name];
          const at = (value: number) =>
            paretoNbdLogLikelihood({ ...params, [name]: value }, customers, { dropoutTerm });
          const numeric = (at(params[name] + h) - at(params[name] - h)) / (2 * h);
          expect(Math.abs((gradient[i] as number) - numeric)).toBeLessThan(
            1e-5 * Math.max(1, Math.abs(numeric)),
          );
        });
      }
    }
  });
});

describe('the next-purchase wait by series', () => {
  it('agrees with the Gauss–Legendre quadrature (good to ~1e-5), and its density is −d survival/dw', () => {
    for (const params of [
      published,
      { r: 2, alpha: 30, s: 0.4, beta: 20 },
      { r: 0.3, alpha: 8, s: 1.5, beta: 14 },
    ]) {
      for (const c of [
        { x: 0, tx: 0, T: 30 },
        { x: 2, tx: 30.43, T: 38.86 },
        { x: 9, tx: 20, T: 60 },
      ]) {
        const series = paretoNbdNextPurchaseWait(params, c);
        const quadrature = paretoNbdNextPurchaseWait(params, c, { quadrature: true });
        for (const w of [0.3, 2, 8, 30, 200]) {
          expect(Math.abs(series.survival(w) - quadrature.survival(w))).toBeLessThan(2e-5);
          const h = 1e-5 * w;
          const slope = (series.survival(w - h) - series.survival(w + h)) / (2 * h);
          expect(series.density(w)).toBeCloseTo(slope, 8);
        }
      }
    }
  });
});
