/**
 * Seeded simulation of customers from the (M)BG/CNBD-k process (see `cnbd.ts`), for truth tests
 * (fit simulated data, recover the parameters) and benchmarks. Deterministic for a given seed.
 */
import type { CnbdParams, CnbdVariant } from './cnbd.js';
import type { Transaction } from './summary.js';

/** Mulberry32: a small, fast, well-mixed 32-bit PRNG; uniform in (0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

function standardNormal(random: () => number): number {
  // Box–Muller.
  return Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, rate) by Marsaglia & Tsang (2000), with the shape < 1 boost U^(1/shape). */
export function sampleGamma(random: () => number, shape: number, rate: number): number {
  if (shape < 1) return sampleGamma(random, shape + 1, rate) * random() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

function sampleBeta(random: () => number, a: number, b: number): number {
  const x = sampleGamma(random, a, 1);
  return x / (x + sampleGamma(random, b, 1));
}

/**
 * Purchase days of `customers` customers acquired uniformly over the first `acquisitionDays` days
 * (day 0 = `startDay`), simulated to `endDay`: λ ~ Gamma(r, α) per week, p ~ Beta(a, b), Erlang-k
 * gaps, dropout after each purchase (and, for MBG, right after the first). Days are the floor of the
 * continuous time, so two purchases on one day merge as in real data.
 *
 * @example
 * simulateCnbdTransactions({ k: 2, r: 1, alpha: 8, a: 0.6, b: 3 }, 'mbg', { customers: 1000, seed: 7, startDay: 0, acquisitionDays: 84, endDay: 546 });
 */
export function simulateCnbdTransactions(
  params: CnbdParams,
  variant: CnbdVariant,
  options: { customers: number; seed: number; startDay: number; acquisitionDays: number; endDay: number },
): Transaction[] {
  const random = seededRandom(options.seed);
  const transactions: Transaction[] = [];
  for (let i = 0; i < options.customers; i++) {
    const customerId = `s${i}`;
    const lambda = sampleGamma(random, params.r, params.alpha);
    const p = sampleBeta(random, params.a, params.b);
    let time = options.startDay + Math.floor(random() * options.acquisitionDays) + 0.5;
    transactions.push({ customerId, day: Math.floor(time), amount: 1 });
    let alive = variant === 'bg' || random() >= p;
    while (alive) {
      time += 7 * sampleGamma(random, params.k, lambda);
      if (time > options.endDay + 1) break;
      transactions.push({ customerId, day: Math.floor(time), amount: 1 });
      alive = random() >= p;
    }
  }
  return transactions;
}
