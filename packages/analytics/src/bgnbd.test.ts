import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BgNbdParams,
  bgNbdLogLikelihood,
  expectedPurchases,
  expectedPurchasesNew,
  fitBgNbd,
  medianWeeksToNextPurchase,
  probabilityAlive,
  probabilityOfPurchases,
  type RepeatBuying,
} from './bgnbd.js';
import { AnalyticsError } from './errors.js';
import { hyp2f1, logGamma } from './special.js';
import { dayNumber, summarizeTransactions } from './summary.js';
import { readTransactionsFile } from './transactions-file.js';

// From this file up to the repo root, then ../shared/data/cdnow (the data lives beside the repo).
const cdnow = fileURLToPath(new URL('../../../../shared/data/cdnow/', import.meta.url));
const calibration = summarizeTransactions(readTransactionsFile(`${cdnow}CDNOW_sample.txt`).transactions, {
  cutoffDay: dayNumber('1997-09-30'),
});

// Fader, Hardie & Lee (2005), §4: the CDNOW sample, 39-week calibration period.
const paper: BgNbdParams = { r: 0.2426, alpha: 4.414, a: 0.793, b: 2.426 };

function threeSignificant(actual: number, expected: number) {
  expect(Number(actual.toPrecision(3))).toBe(Number(expected.toPrecision(3)));
}

describe('fitBgNbd on the CDNOW sample (the paper’s truth test)', () => {
  const fit = fitBgNbd(calibration);

  it('sees 2,357 customers, 946 of whom bought again', () => {
    expect(fit.customers).toBe(2357);
    expect(fit.repeaters).toBe(946);
  });

  it('reproduces r = 0.2426, α = 4.414, a = 0.7930, b = 2.426 to 3 significant figures', () => {
    threeSignificant(fit.params.r, 0.2426);
    threeSignificant(fit.params.alpha, 4.414);
    threeSignificant(fit.params.a, 0.793);
    threeSignificant(fit.params.b, 2.426);
  });

  it('reaches the paper’s log-likelihood −9582.4', () => {
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 1);
    expect(bgNbdLogLikelihood(paper, calibration)).toBeCloseTo(-9582.4, 0);
    expect(fit.gradientNorm).toBeLessThan(1e-6);
  });
});

describe('probabilityAlive', () => {
  const params = fc.record({
    r: fc.double({ min: 0.01, max: 20, noNaN: true }),
    alpha: fc.double({ min: 0.01, max: 100, noNaN: true }),
    a: fc.double({ min: 0.01, max: 20, noNaN: true }),
    b: fc.double({ min: 0.01, max: 20, noNaN: true }),
  });
  const history = fc
    .tuple(
      fc.integer({ min: 0, max: 200 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 300, noNaN: true }),
    )
    .map(([x, share, T]): RepeatBuying => ({ x, tx: x > 0 ? share * T : 0, T }));

  it('is a probability for any parameters and history', () => {
    fc.assert(
      fc.property(params, history, (p, h) => {
        const value = probabilityAlive(p, h);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('is 1 for a customer without repeat purchases (dropout happens only after a repeat purchase)', () => {
    fc.assert(
      fc.property(params, fc.double({ min: 0, max: 300, noNaN: true }), (p, T) => {
        expect(probabilityAlive(p, { x: 0, tx: 0, T })).toBe(1);
      }),
    );
  });

  it('falls as the silence since the last purchase grows', () => {
    const recent = probabilityAlive(paper, { x: 4, tx: 38, T: 39 });
    const silent = probabilityAlive(paper, { x: 4, tx: 10, T: 39 });
    expect(silent).toBeLessThan(recent);
  });
});

describe('expectedPurchases (eq. 10)', () => {
  it('stays positive and proportional to t at horizons near zero (found by the property below)', () => {
    const customer = { x: 0, tx: 0, T: 0.5 };
    const tiny = expectedPurchases(paper, customer, 1.4795426806283718e-15);
    const double = expectedPurchases(paper, customer, 2 * 1.4795426806283718e-15);
    expect(tiny).toBeGreaterThan(0);
    expect(double / tiny).toBeCloseTo(2, 6);
  });

  it('is non-decreasing in t', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.5, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        (x, share, T, t1, t2) => {
          const customer = { x, tx: x > 0 ? share * T : 0, T };
          const [early, late] = t1 <= t2 ? [t1, t2] : [t2, t1];
          const first = expectedPurchases(paper, customer, early);
          const second = expectedPurchases(paper, customer, late);
          expect(second).toBeGreaterThanOrEqual(first - 1e-9 * Math.max(1, first));
          expect(first).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('equals the paper’s form with ₂F₁(r+x, b+x; a+b+x−1; z) (the Euler transform changes nothing)', () => {
    const { r, alpha, a, b } = paper;
    for (const [x, tx, T, t] of [
      [0, 0, 38.86, 39],
      [2, 30.43, 38.86, 39],
      [7, 35, 38, 13],
    ] as const) {
      const z = t / (alpha + T + t);
      const direct =
        (((a + b + x - 1) / (a - 1)) *
          (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z))) /
        (1 + (x > 0 ? (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x) : 0));
      expect(expectedPurchases(paper, { x, tx, T }, t)).toBeCloseTo(direct, 10);
    }
  });

  it('is a number when a + b < 1 (the 700-line CDNOW slice fits a = 0.214, b = 0.774; it was NaN)', () => {
    const small: BgNbdParams = { r: 0.3028, alpha: 4.865, a: 0.2144, b: 0.7739 };
    for (const t of [1, 13, 39, 78]) {
      let mean = 0;
      for (let n = 0; n < 4000; n++) mean += n * probabilityOfPurchases(small, n, t);
      expect(expectedPurchasesNew(small, t)).toBeCloseTo(mean, 5);
    }
    const customer = { x: 0, tx: 0, T: 38.86 };
    const z = 39 / (small.alpha + customer.T + 39);
    const { r, alpha, a, b } = small;
    const direct =
      ((a + b - 1) / (a - 1)) *
      (1 - ((alpha + customer.T) / (alpha + customer.T + 39)) ** r * hyp2f1(r, b, a + b - 1, z));
    expect(expectedPurchases(small, customer, 39)).toBeCloseTo(direct, 10);
  });

  it('matches the mean of P(X(t) = n) (eq. 8 against eq. 9), and the probabilities sum to 1', () => {
    for (const t of [1, 13, 39, 78]) {
      let total = 0;
      let mean = 0;
      for (let n = 0; n < 400; n++) {
        const p = probabilityOfPurchases(paper, n, t);
        total += p;
        mean += n * p;
      }
      expect(total).toBeCloseTo(1, 8);
      expect(mean).toBeCloseTo(expectedPurchasesNew(paper, t), 6);
    }
  });
});

describe('medianWeeksToNextPurchase', () => {
  it('is the median of the Pareto II wait: half the alive customers have bought by then', () => {
    const customer = { x: 6, tx: 36, T: 39 };
    const wait = medianWeeksToNextPurchase(paper, customer);
    const survival =
      ((paper.alpha + customer.T) / (paper.alpha + customer.T + wait)) ** (paper.r + customer.x);
    expect(survival).toBeCloseTo(0.5, 12);
  });

  it('is shorter for frequent buyers', () => {
    expect(medianWeeksToNextPurchase(paper, { x: 12, tx: 38, T: 39 })).toBeLessThan(
      medianWeeksToNextPurchase(paper, { x: 2, tx: 38, T: 39 }),
    );
  });
});

// A seeded BG/NBD simulator (the model's own story, §2 of the paper): λ ~ Gamma(r, α), p ~ Beta(a, b);
// purchases follow a Poisson process at rate λ; after each repeat purchase the customer drops out with p.
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gammaSample(shape: number, random: () => number): number {
  if (shape < 1) return gammaSample(shape + 1, random) * random() ** (1 / shape);
  // Marsaglia & Tsang (2000)
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const v = (1 + c * normal) ** 3;
    if (v <= 0) continue;
    if (Math.log(1 - random()) < 0.5 * normal * normal + d - d * v + d * Math.log(v)) return d * v;
  }
}

function simulate(params: BgNbdParams, customers: number, seed: number): RepeatBuying[] {
  const random = mulberry32(seed);
  const out: RepeatBuying[] = [];
  for (let i = 0; i < customers; i++) {
    const lambda = gammaSample(params.r, random) / params.alpha;
    const g1 = gammaSample(params.a, random);
    const p = g1 / (g1 + gammaSample(params.b, random));
    const T = 26 + 26 * random();
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += -Math.log(1 - random()) / lambda;
      if (t > T) break;
      x++;
      tx = t;
      if (random() < p) break;
    }
    out.push({ x, tx, T });
  }
  return out;
}

/** Standard errors of the log-parameters from the observed information (numeric Hessian). */
function logStandardErrors(params: BgNbdParams, data: RepeatBuying[]): number[] {
  const keys = ['r', 'alpha', 'a', 'b'] as const;
  const ll = (shift: number[]) =>
    bgNbdLogLikelihood(
      {
        r: params.r * Math.exp(shift[0] as number),
        alpha: params.alpha * Math.exp(shift[1] as number),
        a: params.a * Math.exp(shift[2] as number),
        b: params.b * Math.exp(shift[3] as number),
      },
      data,
    );
  const h = 1e-3;
  const info = keys.map((_, i) =>
    keys.map((_, j) => {
      const at = (di: number, dj: number) => {
        const shift = [0, 0, 0, 0];
        shift[i] = (shift[i] as number) + di;
        shift[j] = (shift[j] as number) + dj;
        return ll(shift);
      };
      return -(at(h, h) - at(h, -h) - at(-h, h) + at(-h, -h)) / (4 * h * h);
    }),
  );
  // Invert by Gauss–Jordan elimination.
  const n = 4;
  const m = info.map((row, i) => [...row, ...keys.map((_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    const pivot = m[col] as number[];
    const scale = pivot[col] as number;
    for (let k = 0; k < 2 * n; k++) pivot[k] = (pivot[k] as number) / scale;
    for (let row = 0; row < n; row++) {
      if (row === col) continue;
      const target = m[row] as number[];
      const factor = target[col] as number;
      for (let k = 0; k < 2 * n; k++) target[k] = (target[k] as number) - factor * (pivot[k] as number);
    }
  }
  return keys.map((_, i) => Math.sqrt((m[i] as number[])[n + i] as number));
}

describe('fitBgNbd on simulated data', () => {
  it('recovers the parameters it was simulated from, within 4 standard errors', () => {
    const truth: BgNbdParams = { r: 0.5, alpha: 6, a: 0.7, b: 2.5 };
    const data = simulate(truth, 20_000, 20_050_101);
    const fit = fitBgNbd(data);
    const se = logStandardErrors(fit.params, data);
    (['r', 'alpha', 'a', 'b'] as const).forEach((key, i) => {
      const z = Math.abs(Math.log(fit.params[key]) - Math.log(truth[key])) / (se[i] as number);
      expect(z, `${key}: fitted ${fit.params[key]}, true ${truth[key]}`).toBeLessThan(4);
    });
    // The MLE beats the true parameters on its own sample.
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdLogLikelihood(truth, data));
  });

  it('throws invalid_input when nobody bought twice (the model is not identified)', () => {
    expect(() =>
      fitBgNbd([
        { x: 0, tx: 0, T: 10 },
        { x: 0, tx: 0, T: 20 },
      ]),
    ).toThrow(AnalyticsError);
  });

  it('stops on the edge of the search box when the optimum is on the boundary, and says so', () => {
    // Everybody keeps buying at the same steady pace: no dropout at all (a → 0) and no
    // heterogeneity (r, α → ∞), so no finite maximum exists. Before the box this burnt the
    // iteration budget from every start and threw fit_not_converged.
    const data = Array.from({ length: 200 }, () => ({ x: 10, tx: 39, T: 39 }));
    const started = performance.now();
    const fit = fitBgNbd(data);
    expect(performance.now() - started).toBeLessThan(2000);
    const atBound = Object.fromEntries((fit.boundary ?? []).map((p) => [p.parameter, p.bound]));
    expect(atBound).toMatchObject({ r: 'upper', a: 'lower' });
    // The limit is a Poisson rate of 10 purchases in 39 weeks for everyone, and nobody drops out.
    expect(fit.params.r / fit.params.alpha).toBeCloseTo(10 / 39, 4);
    expect(probabilityAlive(fit.params, { x: 10, tx: 39, T: 39 })).toBeGreaterThan(0.999);
  });

  it('has no boundary field for an interior optimum', () => {
    expect(fitBgNbd(calibration).boundary).toBeUndefined();
  });
});

describe('probabilityOfPurchases (eq. 8)', () => {
  it('reduces to the NBD × no-dropout share at n = 0', () => {
    const t = 39;
    const expected =
      Math.exp(
        logGamma(paper.b) + logGamma(paper.a + paper.b) - logGamma(paper.b) - logGamma(paper.a + paper.b),
      ) *
      (paper.alpha / (paper.alpha + t)) ** paper.r;
    expect(probabilityOfPurchases(paper, 0, t)).toBeCloseTo(expected, 12);
  });
});
