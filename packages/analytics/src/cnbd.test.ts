import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bgNbdLogLikelihood, expectedPurchases, fitBgNbd, probabilityAlive } from './bgnbd.js';
import {
  type CnbdParams,
  type CnbdVariant,
  cnbdExpectedPurchases,
  cnbdForecaster,
  cnbdLogLikelihood,
  cnbdNextPurchaseSurvival,
  cnbdProbabilityAlive,
  cnbdProbabilityOfPurchase,
  fitCnbd,
  fitCnbdChoosingK,
  type TimedRepeatBuying,
} from './cnbd.js';
import { sampleGamma, seededRandom, simulateCnbdTransactions } from './simulation.js';
import { dayNumber, summarizeTransactions } from './summary.js';
import { readTransactionsFile } from './transactions-file.js';

const cdnow = fileURLToPath(new URL('../../../../shared/data/cdnow/', import.meta.url));
const calibration = summarizeTransactions(readTransactionsFile(`${cdnow}CDNOW_sample.txt`).transactions, {
  cutoffDay: dayNumber('1997-09-30'),
});

describe('BG/CNBD-1 is BG/NBD', () => {
  const bg = fitBgNbd(calibration);
  const asCnbd: CnbdParams = { k: 1, ...bg.params };

  it('has the same likelihood, P(alive) and conditional expectation (eq. 6, 10, 13)', () => {
    expect(cnbdLogLikelihood(asCnbd, 'bg', calibration)).toBeCloseTo(
      bgNbdLogLikelihood(bg.params, calibration),
      8,
    );
    for (const c of calibration.slice(0, 200)) {
      expect(cnbdProbabilityAlive(asCnbd, 'bg', c)).toBeCloseTo(probabilityAlive(bg.params, c), 12);
      expect(cnbdExpectedPurchases(asCnbd, 'bg', c, 39)).toBeCloseTo(expectedPurchases(bg.params, c, 39), 10);
    }
  });

  it('fits to the BG/NBD optimum', () => {
    const fit = fitCnbd(calibration, 'bg', { k: 1 });
    expect(fit.params.r).toBeCloseTo(bg.params.r, 4);
    expect(fit.params.alpha).toBeCloseTo(bg.params.alpha, 3);
    expect(fit.params.a).toBeCloseTo(bg.params.a, 4);
    expect(fit.params.b).toBeCloseTo(bg.params.b, 3);
    expect(fit.logLikelihood).toBeCloseTo(bg.logLikelihood, 5);
  });

  it('keeps k = 1 on CDNOW, whose timing is not regular (as Platzer & Reutterer find)', () => {
    const fit = fitCnbdChoosingK(calibration, 'mbg', { maxK: 3 });
    expect(fit.params.k).toBe(1);
    expect(fit.likelihoodByK?.map((t) => t.k)).toEqual([1, 2]);
  });
});

/** Standard errors of (ln r, ln α, ln a, ln b) from the observed information (numeric Hessian). */
function logParameterStandardErrors(
  params: CnbdParams,
  variant: CnbdVariant,
  customers: readonly TimedRepeatBuying[],
): number[] {
  const names = ['r', 'alpha', 'a', 'b'] as const;
  const ll = (theta: number[]) =>
    cnbdLogLikelihood(
      {
        k: params.k,
        r: Math.exp(theta[0] as number),
        alpha: Math.exp(theta[1] as number),
        a: Math.exp(theta[2] as number),
        b: Math.exp(theta[3] as number),
      },
      variant,
      customers,
    );
  const theta = names.map((n) => Math.log(params[n]));
  const h = 1e-3;
  const info = names.map(() => names.map(() => 0));
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      const shifted = (di: number, dj: number) => {
        const t = [...theta];
        t[i] = (t[i] as number) + di;
        t[j] = (t[j] as number) + dj;
        return ll(t);
      };
      (info[i] as number[])[j] =
        -(shifted(h, h) - shifted(h, -h) - shifted(-h, h) + shifted(-h, -h)) / (4 * h * h);
    }
  }
  // Invert the 4×4 information matrix (Gauss–Jordan) for the covariance.
  const m = info.map((row, i) => [...row, ...names.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < 4; c++) {
    let pivot = c;
    for (let r = c + 1; r < 4; r++)
      if (Math.abs((m[r] as number[])[c] as number) > Math.abs((m[pivot] as number[])[c] as number))
        pivot = r;
    [m[c], m[pivot]] = [m[pivot] as number[], m[c] as number[]];
    const row = m[c] as number[];
    const p = row[c] as number;
    for (let k = 0; k < 8; k++) row[k] = (row[k] as number) / p;
    for (let r = 0; r < 4; r++) {
      if (r === c) continue;
      const other = m[r] as number[];
      const f = other[c] as number;
      for (let k = 0; k < 8; k++) other[k] = (other[k] as number) - f * (row[k] as number);
    }
  }
  return names.map((_, i) => Math.sqrt((m[i] as number[])[4 + i] as number));
}

describe('truth test: data simulated from known (M)BG/CNBD-k parameters', () => {
  // 1,000 customers acquired over 12 weeks, observed to week 64; about 4 purchases a year.
  const cases: { variant: CnbdVariant; params: CnbdParams; seed: number }[] = [
    { variant: 'mbg', params: { k: 1, r: 2, alpha: 8, a: 0.6, b: 4 }, seed: 11 },
    { variant: 'mbg', params: { k: 2, r: 2, alpha: 4, a: 0.6, b: 4 }, seed: 12 },
    { variant: 'mbg', params: { k: 3, r: 2, alpha: 8 / 3, a: 0.6, b: 4 }, seed: 13 },
    { variant: 'bg', params: { k: 2, r: 2, alpha: 4, a: 0.6, b: 4 }, seed: 14 },
  ];
  for (const { variant, params, seed } of cases) {
    it(`${variant.toUpperCase()}/CNBD-${params.k}: picks k = ${params.k} and recovers r, α, a, b within 3 standard errors`, () => {
      const transactions = simulateCnbdTransactions(params, variant, {
        customers: 1000,
        seed,
        startDay: 0,
        acquisitionDays: 84,
        endDay: 448,
      });
      const customers = summarizeTransactions(transactions, { cutoffDay: 448 });
      const fit = fitCnbdChoosingK(customers, variant, { maxK: 5 });
      expect(fit.params.k).toBe(params.k);
      const se = logParameterStandardErrors(fit.params, variant, customers);
      (['r', 'alpha', 'a', 'b'] as const).forEach((name, i) => {
        const z = Math.abs(Math.log(fit.params[name]) - Math.log(params[name])) / (se[i] as number);
        expect(z, `${name}: fitted ${fit.params[name]}, true ${params[name]}, se(ln) ${se[i]}`).toBeLessThan(
          3,
        );
      });
    });
  }
});

describe('forecasts against simulation (a new MBG/CNBD-2 customer)', () => {
  const params: CnbdParams = { k: 2, r: 2, alpha: 4, a: 0.6, b: 4 };
  const newCustomer = { x: 0, tx: 0, T: 0 };
  const t = 26;
  // Simulate the process directly in continuous time (no day rounding).
  const random = seededRandom(5);
  const n = 40_000;
  let purchases = 0;
  let anyPurchase = 0;
  for (let i = 0; i < n; i++) {
    const lambda = sampleGamma(random, params.r, params.alpha);
    const x = sampleGamma(random, params.a, 1);
    const p = x / (x + sampleGamma(random, params.b, 1));
    let alive = random() >= p;
    let time = 0;
    let count = 0;
    while (alive) {
      time += sampleGamma(random, params.k, lambda);
      if (time > t) break;
      count++;
      alive = random() >= p;
    }
    purchases += count;
    if (count > 0) anyPurchase++;
  }

  it('E[X(t)] and P(at least one purchase in t) match the simulated means (4 standard errors)', () => {
    const expected = cnbdExpectedPurchases(params, 'mbg', newCustomer, t);
    const share = cnbdProbabilityOfPurchase(params, 'mbg', newCustomer, t);
    expect(Math.abs(expected - purchases / n)).toBeLessThan((4 * Math.sqrt(expected * 3)) / Math.sqrt(n));
    expect(Math.abs(share - anyPurchase / n)).toBeLessThan(4 * Math.sqrt((share * (1 - share)) / n));
  });

  it('P(alive) of a new MBG customer is 1 − E[p] = b/(a+b) (dropout right after the first purchase)', () => {
    expect(cnbdProbabilityAlive(params, 'mbg', newCustomer)).toBeCloseTo(4 / 4.6, 12);
    expect(cnbdProbabilityAlive(params, 'bg', newCustomer)).toBe(1);
  });
});

describe('regular timing sharpens the next purchase', () => {
  it('with k = 3 the wait depends on the time since the last purchase; with k = 1 it does not', () => {
    const k3: CnbdParams = { k: 3, r: 6, alpha: 12, a: 0.5, b: 5 };
    const k1: CnbdParams = { ...k3, k: 1, alpha: 36 };
    const justBought = { x: 8, tx: 40, T: 40 };
    const dueSoon = { x: 8, tx: 34, T: 40 };
    expect(cnbdNextPurchaseSurvival(k3, 'bg', dueSoon, 3)).toBeLessThan(
      cnbdNextPurchaseSurvival(k3, 'bg', justBought, 3),
    );
    // Poisson timing is memoryless: only T, x and the rate matter (t_x enters through P(alive) only).
    expect(cnbdNextPurchaseSurvival(k1, 'bg', dueSoon, 3)).toBeCloseTo(
      cnbdNextPurchaseSurvival(k1, 'bg', justBought, 3),
      12,
    );
  });

  it('the survival decreases from 1 to 0', () => {
    const params: CnbdParams = { k: 3, r: 6, alpha: 12, a: 0.5, b: 5 };
    const c = { x: 8, tx: 36, T: 40 };
    let previous = 1;
    for (const w of [0.1, 1, 2, 5, 10, 20, 50, 200]) {
      const s = cnbdNextPurchaseSurvival(params, 'mbg', c, w);
      expect(s).toBeLessThanOrEqual(previous);
      previous = s;
    }
    expect(previous).toBeLessThan(1e-6);
  });
});

describe('the analytic gradient of the log-likelihood', () => {
  const names = ['r', 'alpha', 'a', 'b'] as const;
  const customers = calibration.slice(0, 400);

  it('matches central differences for both variants and several k', () => {
    for (const variant of ['bg', 'mbg'] as const) {
      for (const params of [
        { k: 1, r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 },
        { k: 2, r: 0.6, alpha: 3.6, a: 0.8, b: 1.3 },
        { k: 5, r: 2, alpha: 1.5, a: 1.7, b: 0.4 },
      ]) {
        const gradient = new Float64Array(4);
        cnbdLogLikelihood(params, variant, customers, gradient);
        names.forEach((name, i) => {
          const h = 1e-6 * params[name];
          const at = (value: number) => cnbdLogLikelihood({ ...params, [name]: value }, variant, customers);
          const numeric = (at(params[name] + h) - at(params[name] - h)) / (2 * h);
          expect(Math.abs((gradient[i] as number) - numeric)).toBeLessThan(
            1e-5 * Math.max(1, Math.abs(numeric)),
          );
        });
      }
    }
  });
});

describe('the next-purchase density', () => {
  it('is −d survival/dw (what the window’s Newton search uses)', () => {
    for (const params of [
      { k: 2, r: 0.6, alpha: 3.6, a: 0.8, b: 1.3 },
      { k: 5, r: 2, alpha: 1.5, a: 1.7, b: 0.4 },
    ]) {
      for (const c of [
        { x: 0, tx: 0, T: 10 },
        { x: 4, tx: 30, T: 32 },
        { x: 12, tx: 15, T: 39 },
      ]) {
        const f = cnbdForecaster(params, 'mbg', c);
        for (const w of [0.2, 1, 4, 20]) {
          const h = 1e-5 * w;
          const slope = (f.survival(w - h) - f.survival(w + h)) / (2 * h);
          expect(f.density(w)).toBeCloseTo(slope, 7);
        }
      }
    }
  });
});
