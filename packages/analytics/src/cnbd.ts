/**
 * The BG/CNBD-k and MBG/CNBD-k models: Platzer, M. & Reutterer, T. (2016), "Ticking away the
 * moments: timing regularity helps to better predict customer activity", Marketing Science 35(5),
 * 779–799 (BTYDplus `bgcnbd.*` / `mbgcnbd.*`).
 *
 * Inter-purchase times are Erlang-k with rate λ (every k-th event of a Poisson(λ) process is a
 * purchase); λ ~ Gamma(r, α); after each repeat purchase the customer drops out with probability
 * p ~ Beta(a, b). The MBG variant (Batislam, Denizel & Filiztekin 2007, "Empirical validation and
 * comparison of models for customer base analysis", IJRM 24(3)) also lets the customer drop out right
 * after the first purchase, so a one-time buyer can be inactive. k = 1 gives BG/NBD and MBG/NBD.
 *
 * Per customer: x repeat purchases, the last at t_x, observed for T weeks, and litt = Σ ln(gaps).
 * Conditional on λ and p the history has density
 *   alive at T:  (1−p)^(x+d) · λ^(kx) e^(−λT) Π gaps^(k−1)/((k−1)!)^x · Σ_{j<k} (λ(T−t_x))^j / j!
 *   dropped out: p(1−p)^(x−1+d) · λ^(kx) e^(−λ t_x) Π gaps^(k−1)/((k−1)!)^x          (x > 0 or d = 1)
 * with d = 1 for MBG, 0 for BG (the paper's eq. 4–5). Integrating λ and p out gives the likelihood
 * (the paper's eq. 6; BTYDplus `xbgcnbd.LL`):
 *   ln L = (k−1) litt − x ln (k−1)! + ln B(a, b+x+d) − ln B(a, b) + ln Γ(r+kx) − ln Γ(r) + r ln α
 *          − (r+kx) ln(α+T) + ln(S₁ + S₂),
 *   S₁ = δ · a/(b+x−1+d) · ((α+T)/(α+t_x))^(r+kx),   δ = 1 if x > 0 or d = 1,
 *   S₂ = Σ_{j=0}^{k−1} (r+kx)_j / j! · ((T−t_x)/(α+T))^j        ((·)_j the rising factorial).
 * S₂/(S₁+S₂) is P(alive). Given alive, j (the hidden Poisson events since the last purchase) has
 * weights ∝ the terms of S₂, λ | j ~ Gamma(r+kx+j, α+T) and p ~ Beta(a, b+x+d); the forecasts below
 * are exact sums over that posterior (no simulation, no BG/NBD approximation).
 */

import { expectedFactor, expectedFactorsAt, type ParameterAtBound } from './bgnbd.js';
import { compressRows, type Rows, type TimedRepeatBuying } from './distinct-histories.js';
import { AnalyticsError } from './errors.js';
import { maximizeLikelihood, namedBoundary } from './maximum-likelihood.js';
import { digamma, logAddExp, logGamma } from './special.js';
import {
  type NextPurchaseWindow,
  poissonWindow,
  type WaitDistribution,
  waitWindow,
} from './wait-quantile.js';

export type CnbdVariant = 'bg' | 'mbg';

export type CnbdParams = {
  /** Erlang shape of the inter-purchase times: 1 = exponential, larger = more regular. */
  k: number;
  r: number;
  alpha: number;
  a: number;
  b: number;
};

export type { TimedRepeatBuying };

export type CnbdFit = {
  variant: CnbdVariant;
  params: CnbdParams;
  /** Σ ln L_i at the optimum, including the (k−1)·litt terms (comparable across k). */
  logLikelihood: number;
  customers: number;
  repeaters: number;
  iterations: number;
  method: string;
  /** Log-likelihood of each k tried while choosing k (only from `fitCnbdChoosingK`). */
  likelihoodByK?: { k: number; logLikelihood: number }[];
  /** Only when the likelihood is maximised on the edge of the search box (see `fitBgNbd`). */
  boundary?: ParameterAtBound[];
};

const dropoutAtZero = (variant: CnbdVariant): number => (variant === 'mbg' ? 1 : 0);

function logBeta(p: number, q: number): number {
  return logGamma(p) + logGamma(q) - logGamma(p + q);
}

/** ln(S₁ + S₂) and ln S₂ for one customer (see the module comment). */
function logBrackets(
  params: CnbdParams,
  d: number,
  x: number,
  tx: number,
  T: number,
): { logTotal: number; logAlive: number } {
  const { k, r, alpha, a, b } = params;
  const shape = r + k * x;
  const ratio = (T - tx) / (alpha + T);
  let term = 1;
  let s2 = 1;
  for (let j = 1; j < k; j++) {
    term *= ((shape + j - 1) * ratio) / j;
    s2 += term;
  }
  const logAlive = Math.log(s2);
  if (d === 0 && x === 0) return { logTotal: logAlive, logAlive };
  const logS1 = Math.log(a) - Math.log(b + x - 1 + d) + shape * (Math.log(alpha + T) - Math.log(alpha + tx));
  return { logTotal: logAddExp(logS1, logAlive), logAlive };
}

/**
 * Σ weight × ln L over the compressed rows and, with `gradient`, its derivatives with respect to
 * (r, α, a, b) written there: `logBrackets` inlined, and the per-x terms (Beta and Gamma constants,
 * ln(b + x − 1 + d), their digammas) computed once per distinct x in arrays, so it allocates nothing
 * per row. With S = S₁ + S₂, ∂ln S = (S₁ ∂ln S₁ + S₂ ∂ln S₂)/S, where
 *   ∂ln S₁/∂r = ln(α+T) − ln(α+t_x), ∂ln S₁/∂α = (r+kx)(1/(α+T) − 1/(α+t_x)),
 *   ∂ln S₁/∂a = 1/a, ∂ln S₁/∂b = −1/(b+x−1+d),
 * and S₂'s terms u_j = (r+kx)_j/j! ρ^j (ρ = (T−t_x)/(α+T)) have ∂ln u_j/∂r = Σ_{i<j} 1/(r+kx+i),
 * ∂ln u_j/∂α = −j/(α+T).
 */
function logLikelihoodRows(params: CnbdParams, d: number, rows: Rows, gradient?: Float64Array): number {
  const { k, r, alpha, a, b } = params;
  const lbAB = logBeta(a, b);
  const lgR = logGamma(r);
  const logAlpha = Math.log(alpha);
  const logA = Math.log(a);
  const size = rows.maxX + 1;
  const constants = new Float64Array(size).fill(Number.NaN);
  const logDropout = new Float64Array(size);
  // Per x, with a gradient: ∂constant/∂r, ∂/∂a, ∂/∂b.
  const constantR = gradient ? new Float64Array(size) : undefined;
  const constantA = gradient ? new Float64Array(size) : undefined;
  const constantB = gradient ? new Float64Array(size) : undefined;
  const psiR = gradient ? digamma(r) : 0;
  const psiB = gradient ? digamma(b) : 0;
  const psiAB = gradient ? digamma(a + b) : 0;
  let total = (k - 1) * rows.sumLitt - rows.sumX * logGamma(k);
  let gR = 0;
  let gAlpha = 0;
  let gA = 0;
  let gB = 0;
  const count = rows.x.length;
  for (let i = 0; i < count; i++) {
    const x = rows.x[i] as number;
    let constant = constants[x] as number;
    if (Number.isNaN(constant)) {
      constant = logBeta(a, b + x + d) - lbAB + logGamma(r + k * x) - lgR;
      constants[x] = constant;
      logDropout[x] = Math.log(b + x - 1 + d);
      if (constantR && constantA && constantB) {
        const psiABXD = digamma(a + b + x + d);
        constantR[x] = digamma(r + k * x) - psiR;
        constantA[x] = psiAB - psiABXD;
        constantB[x] = digamma(b + x + d) - psiABXD - psiB + psiAB;
      }
    }
    const T = rows.T[i] as number;
    const tx = rows.tx[i] as number;
    const shape = r + k * x;
    const logAlphaT = Math.log(alpha + T);
    // S₂ = Σ_{j<k} (shape)_j / j! ((T − t_x)/(α + T))^j; 1 for k = 1.
    let logTotal = 0;
    let s2 = 1;
    let s2R = 0; // Σ_j u_j ∂ln u_j/∂r
    let s2J = 0; // Σ_j j u_j
    if (k > 1) {
      const ratio = (T - tx) / (alpha + T);
      let term = 1;
      let harmonic = 0;
      for (let j = 1; j < k; j++) {
        term *= ((shape + j - 1) * ratio) / j;
        s2 += term;
        if (gradient) {
          harmonic += 1 / (shape + j - 1);
          s2R += term * harmonic;
          s2J += j * term;
        }
      }
      logTotal = Math.log(s2);
    }
    let share1 = 0; // S₁ / S
    let logAlphaTx = 0;
    if (d !== 0 || x !== 0) {
      logAlphaTx = Math.log(alpha + tx);
      const logS1 = logA - (logDropout[x] as number) + shape * (logAlphaT - logAlphaTx);
      const logS = logAddExp(logS1, logTotal);
      if (gradient) share1 = Math.exp(logS1 - logS);
      logTotal = logS;
    }
    const w = rows.weight[i] as number;
    total += w * (constant + r * logAlpha - shape * logAlphaT + logTotal);
    if (gradient) {
      const share2 = 1 - share1;
      const inverseAlphaT = 1 / (alpha + T);
      gR +=
        w *
        ((constantR?.[x] as number) +
          logAlpha -
          logAlphaT +
          share1 * (logAlphaT - logAlphaTx) +
          (share2 * s2R) / s2);
      gAlpha +=
        w *
        (r / alpha -
          shape * inverseAlphaT +
          share1 * shape * (inverseAlphaT - 1 / (alpha + tx)) -
          (share2 * s2J * inverseAlphaT) / s2);
      gA += w * ((constantA?.[x] as number) + share1 / a);
      gB += w * ((constantB?.[x] as number) - share1 / (b + x - 1 + d));
    }
  }
  if (gradient) {
    gradient[0] = gR;
    gradient[1] = gAlpha;
    gradient[2] = gA;
    gradient[3] = gB;
  }
  return total;
}

/**
 * Σ ln L_i of the (M)BG/CNBD-k model (Platzer & Reutterer 2016, eq. 6) and, with `gradient`, its
 * derivatives with respect to (r, α, a, b).
 *
 * @example
 * cnbdLogLikelihood({ k: 2, r: 1, alpha: 5, a: 0.5, b: 3 }, 'mbg', summaries);
 */
export function cnbdLogLikelihood(
  params: CnbdParams,
  variant: CnbdVariant,
  customers: readonly TimedRepeatBuying[],
  /** If given, receives ∂ΣlnL/∂(r, α, a, b). */
  gradient?: Float64Array,
): number {
  return logLikelihoodRows(params, dropoutAtZero(variant), compressRows(customers), gradient);
}

export type FitCnbdOptions = {
  /** Fixed Erlang shape. @default 1 */
  k?: number;
  /** Extra starting point (r, α, a, b), tried before the default spread. */
  start?: Omit<CnbdParams, 'k'>;
};

/**
 * Maximum-likelihood (r, α, a, b) for a fixed k. Throws `invalid_input` without repeat buyers and
 * `fit_not_converged` when no start reaches an interior optimum.
 *
 * @example
 * fitCnbd(summaries, 'mbg', { k: 2 }).params; // { k: 2, r, alpha, a, b }
 */
export function fitCnbd(
  customers: readonly TimedRepeatBuying[],
  variant: CnbdVariant,
  options: FitCnbdOptions = {},
): CnbdFit {
  const k = options.k ?? 1;
  if (!(Number.isInteger(k) && k >= 1))
    throw new AnalyticsError('invalid_input', 'k must be a positive integer');
  const rows = compressRows(customers);
  if (rows.customers === 0) throw new AnalyticsError('invalid_input', 'no customers to fit');
  if (rows.repeaters === 0) {
    throw new AnalyticsError(
      'invalid_input',
      `no repeat purchases: the ${variant.toUpperCase()}/CNBD-${k} model is not identified`,
    );
  }
  const d = dropoutAtZero(variant);
  const n = rows.customers;
  const meanT = Math.max(rows.sumT / n, 1e-9);
  // Purchase rate ≈ Σx/ΣT and E[purchase rate] = r/(kα) set α for a given r.
  const rate = Math.max(rows.sumX / Math.max(rows.sumT, 1e-9), 1e-6);
  const alphaFor = (r: number) => r / (k * rate);
  const starts: number[][] = [];
  if (options.start) starts.push([options.start.r, options.start.alpha, options.start.a, options.start.b]);
  starts.push([1, alphaFor(1), 1, 1], [0.3, alphaFor(0.3), 0.5, 3], [3, alphaFor(3), 2, 8]);
  const best = maximizeLikelihood(
    (p, gradient) => {
      const params = { k, r: p[0] as number, alpha: p[1] as number, a: p[2] as number, b: p[3] as number };
      const value = -logLikelihoodRows(params, d, rows, gradient) / n;
      // To log-parameters: ∂/∂ln θ = θ ∂/∂θ, of −LL/n.
      if (gradient)
        for (let i = 0; i < 4; i++) gradient[i] = (-(gradient[i] as number) * (p[i] as number)) / n;
      return value;
    },
    options.start ? starts.slice(0, 1) : starts,
    [
      [1e-5, 1e5],
      [1e-5 * meanT, 1e5 * meanT],
      [1e-5, 1e5],
      [1e-5, 1e5],
    ],
    `${variant.toUpperCase()}/CNBD-${k}`,
  );
  const [r, alpha, a, b] = best.params as [number, number, number, number];
  const params = { k, r, alpha, a, b };
  const boundary = namedBoundary(best, ['r', 'alpha', 'a', 'b']);
  return {
    variant,
    params,
    logLikelihood: logLikelihoodRows(params, d, rows),
    customers: n,
    repeaters: rows.repeaters,
    iterations: best.iterations,
    method: best.method,
    ...(boundary ? { boundary } : {}),
  };
}

/**
 * k chosen by likelihood as BTYDplus' `bgcnbd.EstimateParameters(k = NULL)` does: fit k = 1, 2, …
 * and stop at the first k whose log-likelihood is lower than the previous one (or at `maxK`);
 * the best k wins. Each fit starts from the previous optimum (α scaled by k/(k−1), keeping the
 * purchase rate), which is why the sequence is cheap. `kOne` is an existing k = 1 fit of the same
 * variant on the same customers (BG/NBD's, MBG/NBD's), reused instead of refitted.
 *
 * @example
 * fitCnbdChoosingK(summaries, 'mbg').params.k; // 1 on CDNOW (Poisson-like timing)
 */
export function fitCnbdChoosingK(
  customers: readonly TimedRepeatBuying[],
  variant: CnbdVariant,
  options: {
    maxK?: number;
    kOne?: CnbdFit;
    /** A start for the k = 1 fit (a nearby optimum); the spread of starts if it fails. */
    startOne?: Omit<CnbdParams, 'k'>;
  } = {},
): CnbdFit {
  const maxK = Math.min(options.maxK ?? 12, 12);
  const tried: { k: number; logLikelihood: number }[] = [];
  let best: CnbdFit | undefined;
  let previous: CnbdFit | undefined;
  for (let k = 1; k <= maxK; k++) {
    let fit: CnbdFit;
    try {
      if (k === 1 && options.kOne) fit = options.kOne;
      else if (k === 1 && options.startOne) fit = fitCnbdFrom(customers, variant, 1, options.startOne);
      else
        fit = previous
          ? fitCnbdWithFallback(customers, variant, k, previous)
          : fitCnbd(customers, variant, { k });
    } catch (error) {
      // k = 1 failing is the model failing; a larger k failing ends the search like a worse fit.
      if (k === 1) throw error;
      break;
    }
    tried.push({ k, logLikelihood: fit.logLikelihood });
    if (!best || fit.logLikelihood > best.logLikelihood) best = fit;
    if (previous && fit.logLikelihood < previous.logLikelihood) break;
    previous = fit;
  }
  return { ...(best as CnbdFit), likelihoodByK: tried };
}

function fitCnbdWithFallback(
  customers: readonly TimedRepeatBuying[],
  variant: CnbdVariant,
  k: number,
  previous: CnbdFit,
): CnbdFit {
  const p = previous.params;
  return fitCnbdFrom(customers, variant, k, { r: p.r, alpha: (p.alpha * (k - 1)) / k, a: p.a, b: p.b });
}

/** `fitCnbd` from one start, and from the default spread if that start does not converge. */
function fitCnbdFrom(
  customers: readonly TimedRepeatBuying[],
  variant: CnbdVariant,
  k: number,
  start: Omit<CnbdParams, 'k'>,
): CnbdFit {
  try {
    return fitCnbd(customers, variant, { k, start });
  } catch {
    return fitCnbd(customers, variant, { k });
  }
}

/**
 * What is known about a customer given the history (see the module comment). The forecasts below
 * use M, the Poisson events since the last purchase (the j hidden ones before T and those after):
 * given alive, λ ~ Gamma(r+kx, α+T) and j | λ ∝ (λ(T−t_x))^j/j! for j < k, so M in (t_x, T+t] has
 *   P(M = m) = (1−q)^(r+kx) (r+kx)_m/m! · D_m / S₂,   D_m = Σ_{j<k, j≤m} C(m, j) v^j q^(m−j),
 * with q = t/(α+T+t) and v = (T−t_x)/(α+T+t) (multiply out the module comment's weights and the
 * NB(r+kx+j, q) of the events after T). The purchases in (T, T+t] are ⌊M/k⌋. For m < k the sum is
 * binomial, D_m = (q+v)^m, so the wait W to the next purchase (M reaching k) has the survival
 *   P(W > w | alive) = (1−q)^(r+kx) Σ_{m<k} (r+kx)_m/m! ((w+T−t_x)/(α+T+w))^m / S₂
 * (the chance of fewer than k events since the last purchase by T+w, given fewer than k by T) and
 * the density P(M = k−1)·E[λ | M = k−1] = P(M = k−1)·(r+kx+k−1)/(α+T+w): one logarithm and one
 * exponential per evaluation instead of k of each, and one sum over m for the expectation instead
 * of k sums over events. `cnbd-reference.ts` keeps the sums by j; the tests hold the two together.
 */
type Posterior = {
  pAlive: number;
  k: number;
  /** The customer's repeat purchases, and r and b + d: the cached series are per x and (k, r, a, b + d). */
  x: number;
  r: number;
  bd: number;
  /** α and T (the shared sums of batch scoring are per x and T). */
  alpha: number;
  T: number;
  /** λ | alive, j ~ Gamma(shape + j, rate). */
  shape: number;
  rate: number;
  /** T − t_x: the time in which the j < k hidden events fell. */
  sinceLast: number;
  /** (shape)_m / m!, m = 0 … k−1. */
  coefficients: Float64Array;
  /** S₂ (the module comment): Σ_{j<k} (shape)_j/j! ((T−t_x)/(α+T))^j. */
  s2: number;
  a: number;
  /** p | alive ~ Beta(a, bAlive). */
  bAlive: number;
  /** ln S₂. */
  logS2: number;
  /** E[j | alive]: the hidden events since the last purchase (for the window's first guess). */
  meanHidden: number;
};

function posterior(
  params: CnbdParams,
  variant: CnbdVariant,
  c: { x: number; tx: number; T: number },
): Posterior {
  const d = dropoutAtZero(variant);
  const { k, r, alpha, a, b } = params;
  const tx = c.x > 0 ? c.tx : 0;
  const { logTotal, logAlive } = logBrackets(params, d, c.x, tx, c.T);
  const shape = r + k * c.x;
  const coefficients = new Float64Array(k);
  let coefficient = 1;
  coefficients[0] = 1;
  const hiddenRatio = (c.T - tx) / (alpha + c.T);
  let power = 1;
  let hidden = 0;
  for (let m = 1; m < k; m++) {
    coefficient *= (shape + m - 1) / m;
    coefficients[m] = coefficient;
    power *= hiddenRatio;
    hidden += m * coefficient * power;
  }
  const s2 = Math.exp(logAlive);
  return {
    pAlive: Math.exp(logAlive - logTotal),
    k,
    x: c.x,
    r,
    bd: b + d,
    alpha,
    T: c.T,
    shape,
    rate: alpha + c.T,
    sinceLast: c.T - tx,
    coefficients,
    s2,
    a,
    bAlive: b + c.x + d,
    logS2: logAlive,
    meanHidden: hidden / s2,
  };
}

/**
 * P(alive | x, t_x, T) = S₂ / (S₁ + S₂). For the BG variant a customer without repeat purchase is
 * alive (dropout only follows a repeat purchase); the MBG variant lets one-time buyers be gone.
 *
 * @example
 * cnbdProbabilityAlive({ k: 2, r: 1, alpha: 5, a: 0.5, b: 3 }, 'mbg', { x: 3, tx: 20, T: 40 });
 */
export function cnbdProbabilityAlive(
  params: CnbdParams,
  variant: CnbdVariant,
  customer: { x: number; tx: number; T: number },
): number {
  const d = dropoutAtZero(variant);
  const { logTotal, logAlive } = logBrackets(
    params,
    d,
    customer.x,
    customer.x > 0 ? customer.tx : 0,
    customer.T,
  );
  return Math.exp(logAlive - logTotal);
}

/**
 * P(W > w | alive): the time W from T to the next purchase of a customer alive at T (who will make
 * it: dropout only follows a purchase); see `Posterior`.
 *
 * @example
 * cnbdNextPurchaseSurvival({ k: 3, r: 2, alpha: 6, a: 0.5, b: 3 }, 'bg', { x: 5, tx: 30, T: 32 }, 4);
 */
export function cnbdNextPurchaseSurvival(
  params: CnbdParams,
  variant: CnbdVariant,
  customer: { x: number; tx: number; T: number },
  w: number,
): number {
  if (!(w > 0)) return 1;
  return survivalGivenAlive(posterior(params, variant, customer), w);
}

/** (α+T)/(α+T+w))^(r+kx) / S₂: the factor the survival and the density share. */
function waitScale(post: Posterior, w: number): number {
  return Math.exp(-post.shape * Math.log1p(w / post.rate)) / post.s2;
}

/** y = (w + T − t_x)/(α + T + w): q + v of `Posterior`. */
function waitRatio(post: Posterior, w: number): number {
  return (w + post.sinceLast) / (post.rate + w);
}

function survivalFromScale(post: Posterior, scale: number, y: number): number {
  const c = post.coefficients;
  let polynomial = 0;
  for (let m = post.k - 1; m >= 0; m--) polynomial = polynomial * y + (c[m] as number);
  return Math.min(1, Math.max(0, scale * polynomial));
}

function densityFromScale(post: Posterior, scale: number, y: number, w: number): number {
  const k = post.k;
  return (
    (scale * (post.coefficients[k - 1] as number) * y ** (k - 1) * (post.shape + k - 1)) / (post.rate + w)
  );
}

function survivalGivenAlive(post: Posterior, w: number): number {
  return survivalFromScale(post, waitScale(post, w), waitRatio(post, w));
}

/**
 * P(at least one purchase in (T, T + t]) = P(alive) · (1 − P(W > t | alive)).
 *
 * @example
 * cnbdProbabilityOfPurchase({ k: 2, r: 1, alpha: 5, a: 0.5, b: 3 }, 'mbg', { x: 3, tx: 20, T: 40 }, 13);
 */
export function cnbdProbabilityOfPurchase(
  params: CnbdParams,
  variant: CnbdVariant,
  customer: { x: number; tx: number; T: number },
  t: number,
): number {
  if (!(t > 0)) return 0;
  const post = posterior(params, variant, customer);
  return post.pAlive * (1 - survivalGivenAlive(post, t));
}

/**
 * E[purchases in (T, T + t] | x, t_x, T]. Given alive, j, λ and p, the n-th future purchase happens
 * by T + t if at least k − j + (n−1)k Poisson events fall in t, and the customer is still there for
 * it with probability (1−p)^(n−1):
 *   E = P(alive) Σ_j weight_j Σ_{n≥1} E[(1−p)^(n−1)] · P(NB(r+kx+j, t/(α+T+t)) ≥ k−j+(n−1)k),
 * E[(1−p)^m] = Π_{i<m} (b'+i)/(a+b'+i) with b' = b+x+d. For k = 1 this is BG/NBD's eq. (10)
 * (the tests check it). A new customer is (x, t_x, T) = (0, 0, 0).
 *
 * @example
 * cnbdExpectedPurchases({ k: 2, r: 1, alpha: 5, a: 0.5, b: 3 }, 'mbg', { x: 3, tx: 20, T: 40 }, 52);
 */
export function cnbdExpectedPurchases(
  params: CnbdParams,
  variant: CnbdVariant,
  customer: { x: number; tx: number; T: number },
  t: number,
): number {
  if (!(t > 0)) return 0;
  return expectedGivenPosterior(posterior(params, variant, customer), t);
}

/** Scratch of `expectedAtHorizons`: C(n) = Σ_{i=1}^n E[(1−p)^(i−1)], grown on demand. */
let cumulativeStay = new Float64Array(256);
/** Scratch of `expectedAtHorizons`, per horizon: q, ln of the scale, the NB term (scaled), the sum. */
let horizonScratch = {
  q: new Float64Array(16),
  logScale: new Float64Array(16),
  term: new Float64Array(16),
  sum: new Float64Array(16),
};

function expectedGivenPosterior(post: Posterior, t: number): number {
  const out = new Float64Array(1);
  expectedAtHorizons(post, [t], out);
  return out[0] as number;
}

/**
 * E[purchases in (T, T + t]] for several horizons t (ascending) into `out`, summed by events:
 *   E = P(alive) Σ_j weight_j Σ_e P(N = e) C(⌊(e+j)/k⌋),
 * N ~ NB(r+kx+j, t/(α+T+t)) the Poisson events in t and C(n) the purchases the customer expects to
 * stay for when n could be made (the module comment's sum reordered by parts). The NB pmf advances
 * by one multiplication per event, and its coefficient (r+kx+j)_e/e! and C are shared by every
 * horizon: scoring's 90-day expectation and the 12 months of CLV are one pass over the events of the
 * longest horizon (each shorter one leaves the pass once its tail is negligible), not 13 passes.
 */
function expectedAtHorizonsByEvents(post: Posterior, horizons: readonly number[], out: Float64Array): void {
  const count = horizons.length;
  const { k, a } = post;
  // k = 1 (BG/NBD, MBG/NBD): the sum is BG/NBD's eq. (10) with b + x → b + x + d, one ₂F₁ series
  // (away from a = 1, where that form is 0/0 and is only good to ~1e-7).
  if (k === 1 && Math.abs(a - 1) > 1e-4) {
    for (let h = 0; h < count; h++) {
      const t = horizons[h] as number;
      out[h] = t > 0 ? post.pAlive * expectedFactor(post.shape, a, post.bAlive, 0, post.rate, t) : 0;
    }
    return;
  }
  out.fill(0, 0, count);
  if (horizonScratch.q.length < count) {
    horizonScratch = {
      q: new Float64Array(count),
      logScale: new Float64Array(count),
      term: new Float64Array(count),
      sum: new Float64Array(count),
    };
  }
  const { q, logScale, term, sum } = horizonScratch;
  let first = 0;
  while (first < count && !((horizons[first] as number) > 0)) first++;
  if (first === count) return;
  let known = 0; // C(0 … known) are filled in
  let stay = 1; // E[(1−p)^known]
  cumulativeStay[0] = 0;
  const hiddenRatio = post.sinceLast / post.rate;
  let power = 1; // ((T − t_x)/(α + T))^j
  for (let j = 0; j < k; j++) {
    if (j > 0) power *= hiddenRatio;
    const weight = ((post.coefficients[j] as number) * power) / post.s2;
    if (weight === 0) continue;
    const s = post.shape + j;
    for (let h = first; h < count; h++) {
      const t = horizons[h] as number;
      q[h] = t / (post.rate + t);
      // P(N = e) = e^logScale · term; rescaled when it would overflow, or underflow before it counts.
      logScale[h] = -s * Math.log1p(t / post.rate);
      term[h] = 1;
      sum[h] = 0;
    }
    let lo = first; // the shortest horizon still summing
    // term_h(e) = P(N = e)/P(N = 0) ≤ 1/P(N = 0): without a P(N = 0) below 1e-250 (s ln(1/(1−q))
    // past 575, far beyond scoring's horizons) no term can overflow, and none underflows before its
    // first purchase (k events at most): the loop can skip the rescaling test.
    let checked = false;
    for (let h = first; h < count; h++) if ((logScale[h] as number) < -575) checked = true;
    let purchases = 0; // ⌊(e + j)/k⌋
    let untilNext = k - j; // events to the next purchase
    for (let e = 0; e < 10_000_000 && lo < count; e++) {
      if (--untilNext === -1) {
        purchases++;
        untilNext = k - 1;
      }
      const grow = (s + e) / (e + 1);
      if (purchases > 0) {
        while (known < purchases) {
          if (known + 1 >= cumulativeStay.length) {
            const grown = new Float64Array(cumulativeStay.length * 2);
            grown.set(cumulativeStay);
            cumulativeStay = grown;
          }
          cumulativeStay[known + 1] = (cumulativeStay[known] as number) + stay;
          stay *= (post.bAlive + known) / (a + post.bAlive + known);
          known++;
        }
        const stayFor = cumulativeStay[purchases] as number;
        for (let h = lo; h < count; h++) {
          const value = term[h] as number;
          sum[h] = (sum[h] as number) + value * stayFor;
          term[h] = value * grow * (q[h] as number);
        }
      } else {
        for (let h = lo; h < count; h++) term[h] = (term[h] as number) * grow * (q[h] as number);
      }
      if (checked) {
        for (let h = lo; h < count; h++) {
          const value = term[h] as number;
          if (value > 1e250 || ((sum[h] as number) === 0 && value < 1e-250 && value > 0)) {
            const shift = Math.log(value);
            logScale[h] = (logScale[h] as number) + shift;
            sum[h] = (sum[h] as number) * Math.exp(-shift);
            term[h] = 1;
          }
        }
      }
      // Past the mean the pmf falls at least geometrically (ratio < 1) and C(n) ≤ n: the shortest
      // horizon is done once the rest, bounded by its next term × (n + 1) / (1 − ratio), is negligible.
      while (lo < count) {
        const ratio = grow * (q[lo] as number);
        const value = term[lo] as number;
        const done =
          value === 0 ||
          (e > (s * (horizons[lo] as number)) / post.rate &&
            ratio < 1 &&
            value * (purchases + 2) <= 1e-16 * (sum[lo] as number) * (1 - ratio));
        if (!done) break;
        out[lo] = (out[lo] as number) + weight * (sum[lo] as number) * Math.exp(logScale[lo] as number);
        lo++;
      }
    }
  }
  for (let h = first; h < count; h++) out[h] = post.pAlive * (out[h] as number);
}

/**
 * The NB coefficients of one (x, j) under one parameter set, shared by every customer with that x
 * (see `expectedAtHorizons`): c_e = (r+kx+j)_e/e!, grow_e = c_(e+1)/c_e and
 * g_e = c_e · C(⌊(e+j)/k⌋), C the cumulative stay of `expectedAtHorizonsByEvents`.
 */
type EventSeries = {
  c: Float64Array;
  grow: Float64Array;
  g: Float64Array;
  /** Events e < usable have c_(e+1) too; fewer than the arrays hold when c_e would overflow. */
  usable: number;
  overflowed: boolean;
};

/** The parameters the cached series belong to: (k, r, a, b + d); reset when they change. */
let seriesParams = { k: Number.NaN, r: Number.NaN, a: Number.NaN, bd: Number.NaN };
let seriesCache = new Map<number, EventSeries>();

/** No series past 4M events (the sums by events take over) nor past c_e = 1e290 (no overflow). */
const MAX_SERIES = 1 << 22;

function eventSeries(post: Posterior, x: number, j: number, length: number): EventSeries {
  const { k, a, r, bd } = post;
  if (seriesParams.k !== k || seriesParams.r !== r || seriesParams.a !== a || seriesParams.bd !== bd) {
    seriesParams = { k, r, a, bd };
    seriesCache = new Map();
  }
  const key = x * 16 + j;
  const cached = seriesCache.get(key);
  if (cached && (cached.c.length >= length || cached.overflowed)) return cached;
  let size = cached ? cached.c.length : 64;
  while (size < length) size *= 2;
  size = Math.min(size, MAX_SERIES);
  const c = new Float64Array(size);
  const grow = new Float64Array(size);
  const g = new Float64Array(size);
  const s = post.shape + j;
  let coefficient = 1;
  let purchases = 0;
  let untilNext = k - j;
  let stay = 1; // E[(1−p)^n]
  let cumulative = 0; // C(purchases)
  let usable = size - 1;
  let overflowed = false;
  for (let e = 0; e < size; e++) {
    if (--untilNext === -1) {
      purchases++;
      untilNext = k - 1;
      cumulative += stay;
      stay *= (post.bAlive + purchases - 1) / (a + post.bAlive + purchases - 1);
    }
    c[e] = coefficient;
    g[e] = coefficient * cumulative;
    const ratio = (s + e) / (e + 1);
    grow[e] = ratio;
    coefficient *= ratio;
    if (!(coefficient <= 1e290)) {
      usable = e;
      overflowed = true;
      break;
    }
  }
  const series = { c, grow, g, usable, overflowed };
  seriesCache.set(key, series);
  return series;
}

/**
 * Σ_e P(N = e)/P(N = 0) · C(⌊(e+j)/k⌋) for N ~ NB(s, q), by the cached series: g_e q^e summed in
 * four interleaved chains (e mod 4, powers of q⁴), so the multiplications of one chain need not wait
 * for the previous term's; stopped, once past the mean, when the rest is below 1e-16 of the sum (the
 * bound of `expectedAtHorizonsByEvents`, tested every four events). NaN when the series cannot go
 * far enough (the caller then sums by events).
 */
function eventSum(post: Posterior, x: number, j: number, q: number, mean: number): number {
  let series = eventSeries(post, x, j, 64);
  const k = post.k;
  const q2 = q * q;
  const q4 = q2 * q2;
  let p0 = 1;
  let p1 = q;
  let p2 = q2;
  let p3 = q2 * q;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let e = 0; ; e += 4) {
    if (e + 4 >= series.usable) {
      if (series.overflowed || series.c.length >= MAX_SERIES) return Number.NaN;
      series = eventSeries(post, x, j, series.c.length * 2);
      if (e + 4 >= series.usable) return Number.NaN;
    }
    const g = series.g;
    s0 += (g[e] as number) * p0;
    s1 += (g[e + 1] as number) * p1;
    s2 += (g[e + 2] as number) * p2;
    s3 += (g[e + 3] as number) * p3;
    p0 *= q4;
    p1 *= q4;
    p2 *= q4;
    p3 *= q4;
    if (e + 3 > mean || p0 === 0) {
      // p0 = q^(e+4): the next term is c_(e+4) p0, the ratio of the terms after it below grow_(e+3) q.
      const sum = s0 + s1 + (s2 + s3);
      if (p0 === 0) return sum;
      const ratio = (series.grow[e + 3] as number) * q;
      const purchases = Math.floor((e + 4 + j) / k);
      if (ratio < 1 && (series.c[e + 4] as number) * p0 * (purchases + 2) <= 1e-16 * sum * (1 - ratio)) {
        return sum;
      }
    }
  }
}

/** Scratch of `expectedAtHorizons`: the weights of j = 0 … k−1 and a one-horizon fallback. */
const hiddenWeights = new Float64Array(12);
const oneHorizon = [0];
const oneOut = new Float64Array(1);
const oneHorizonSums = new Float64Array(16);

/**
 * E[purchases in (T, T + t]] for several horizons t into `out`:
 *   E = P(alive) Σ_j weight_j (1−q)^(r+kx+j) Σ_e (r+kx+j)_e/e! q^e C(⌊(e+j)/k⌋),
 * q = t/(α+T+t), N the Poisson events in t and C(n) the purchases the customer expects to stay for
 * when n could be made (the module comment's sum reordered by parts). The coefficients of q^e depend
 * on the customer only through x, so they are computed once per x and parameter set (`eventSeries`)
 * and each customer's horizon costs one multiplication and one multiply-add per event. Where the
 * series would need rescaling (P(N = 0) below 1e-250, far beyond scoring's horizons) or overflow, the
 * horizon is summed by events with rescaling (`expectedAtHorizonsByEvents`). Each horizon is summed
 * on its own, so its value does not depend on the other horizons asked for.
 */
function expectedAtHorizons(post: Posterior, horizons: readonly number[], out: Float64Array): void {
  const count = horizons.length;
  const { k, a } = post;
  // k = 1 away from a = 1: BG/NBD's eq. (10) with b + x → b + x + d, one ₂F₁ series per horizon from
  // coefficients shared by the customers with the same x (see `expectedAtHorizonsByEvents`).
  if (k === 1 && Math.abs(a - 1) > 1e-4) {
    expectedFactorsAt(post.r, a, post.bd, post.x, post.rate, horizons, post.pAlive, out);
    return;
  }
  if (k > hiddenWeights.length) {
    expectedAtHorizonsByEvents(post, horizons, out);
    return;
  }
  const hiddenRatio = post.sinceLast / post.rate;
  let power = 1;
  for (let j = 0; j < k; j++) {
    if (j > 0) power *= hiddenRatio;
    hiddenWeights[j] = ((post.coefficients[j] as number) * power) / post.s2;
  }
  // One horizon (a holdout's, a tracking curve's day after day) is not worth keeping.
  const sums = count === 1 ? eventSumsAt(post, horizons, oneHorizonSums) : sharedSums(post, horizons);
  for (let h = 0; h < count; h++) {
    const t = horizons[h] as number;
    if (!(t > 0)) {
      out[h] = 0;
      continue;
    }
    let total = 0;
    for (let j = 0; j < k; j++) {
      const weight = hiddenWeights[j] as number;
      if (weight !== 0) total += weight * (sums[h * k + j] as number);
    }
    if (Number.isNaN(total)) {
      oneHorizon[0] = t;
      expectedAtHorizonsByEvents(post, oneHorizon, oneOut);
      out[h] = oneOut[0] as number;
    } else {
      out[h] = post.pAlive * total;
    }
  }
}

/**
 * What `expectedAtHorizons` shares among customers with the same x and T (in a tenant's batch
 * scoring: the same number of repeat purchases and the same first-purchase day), for the parameters
 * and horizons of the last call: per horizon and hidden-event count j, (1−q)^(r+kx+j) Σ_e (r+kx+j)_e/e!
 * q^e C(⌊(e+j)/k⌋) — NaN where the horizon must be summed by events with rescaling. Only the weights
 * of j (which depend on t_x) and P(alive) are the customer's own. At most `MAX_SHARED` entries.
 */
let sharedFor = {
  k: Number.NaN,
  r: Number.NaN,
  alpha: Number.NaN,
  a: Number.NaN,
  bd: Number.NaN,
  horizons: new Float64Array(0),
};
let shared = new Map<number, Map<number, Float64Array>>();
let sharedCount = 0;
const MAX_SHARED = 50_000;

function sharedSums(post: Posterior, horizons: readonly number[]): Float64Array {
  const { k, r, alpha, a, bd } = post;
  const count = horizons.length;
  let same =
    sharedFor.k === k &&
    sharedFor.r === r &&
    sharedFor.alpha === alpha &&
    sharedFor.a === a &&
    sharedFor.bd === bd &&
    sharedFor.horizons.length === count;
  for (let h = 0; same && h < count; h++) same = sharedFor.horizons[h] === horizons[h];
  if (!same || sharedCount >= MAX_SHARED) {
    sharedFor = { k, r, alpha, a, bd, horizons: Float64Array.from(horizons) };
    shared = new Map();
    sharedCount = 0;
  }
  let byT = shared.get(post.x);
  if (!byT) {
    byT = new Map();
    shared.set(post.x, byT);
  }
  const known = byT.get(post.T);
  if (known) return known;
  const sums = eventSumsAt(post, horizons, new Float64Array(count * k));
  byT.set(post.T, sums);
  sharedCount++;
  return sums;
}

/** The sums `sharedSums` keeps, computed into `sums` (horizon-major, k per horizon). */
function eventSumsAt(post: Posterior, horizons: readonly number[], sums: Float64Array): Float64Array {
  const k = post.k;
  const count = horizons.length;
  sums.fill(0, 0, count * k);
  for (let h = 0; h < count; h++) {
    const t = horizons[h] as number;
    if (!(t > 0)) continue;
    const logRatio = Math.log1p(t / post.rate);
    if (!(-(post.shape + k - 1) * logRatio >= -575)) {
      sums.fill(Number.NaN, h * k, h * k + k);
      continue;
    }
    const q = t / (post.rate + t);
    const stayShare = post.rate / (post.rate + t); // 1 − q
    let scale = Math.exp(-post.shape * logRatio); // (1−q)^(r+kx+j)
    for (let j = 0; j < k; j++) {
      if (j > 0) scale *= stayShare;
      sums[h * k + j] = eventSum(post, post.x, j, q, ((post.shape + j) * t) / post.rate) * scale;
    }
  }
  return sums;
}

/**
 * One customer's forecasts with the posterior computed once: what scoring uses when it needs the
 * window (a quantile search over the survival) and expected purchases at several horizons.
 *
 * @example
 * const f = cnbdForecaster({ k: 2, r: 1, alpha: 5, a: 0.5, b: 3 }, 'mbg', { x: 3, tx: 20, T: 40 });
 * f.survival(4); f.expected(13);
 */
export function cnbdForecaster(
  params: CnbdParams,
  variant: CnbdVariant,
  customer: { x: number; tx: number; T: number },
): {
  pAlive: number;
  survival: (w: number) => number;
  /** −d survival/dw (for a Newton quantile search). */
  density: (w: number) => number;
  expected: (t: number) => number;
  /** `expected` at ascending horizons into `out`, in one pass over the events (see `expectedAtHorizons`). */
  expectedAt: (horizons: readonly number[], out: Float64Array) => void;
} {
  const post = posterior(params, variant, customer);
  // A Newton search asks for the density right after the survival at the same w: share the power.
  let lastW = Number.NaN;
  let lastScale = 0;
  const scaleAt = (w: number) => {
    if (w !== lastW) {
      lastW = w;
      lastScale = waitScale(post, w);
    }
    return lastScale;
  };
  return {
    pAlive: post.pAlive,
    survival: (w) => (w > 0 ? survivalFromScale(post, scaleAt(w), waitRatio(post, w)) : 1),
    density: (w) => {
      const at = Math.max(w, 0);
      return densityFromScale(post, scaleAt(at), waitRatio(post, at), at);
    },
    expected: (t) => expectedGivenPosterior(post, t),
    expectedAt: (horizons, out) => expectedAtHorizons(post, horizons, out),
  };
}

/**
 * The wait to the next purchase given alive as the quantile search needs it (`WaitDistribution`):
 *   ln S(w) = −(r+kx) ln(1 + w/(α+T)) + ln Σ_{m<k} (r+kx)_m/m! y^m − ln S₂,   y = (w+T−t_x)/(α+T+w),
 * and, from the density above, its elasticity −w f/S = −w (r+kx)_(k−1)/(k−1)! y^(k−1) (r+kx+k−1) /
 * ((α+T+w) Σ_m …): one log1p and one log per step, no exponential.
 */
class CnbdWait implements WaitDistribution {
  elasticity = 0;
  constructor(private readonly post: Posterior) {}

  logSurvival(w: number): number {
    const post = this.post;
    const k = post.k;
    const c = post.coefficients;
    const y = (w + post.sinceLast) / (post.rate + w);
    let polynomial = 0;
    for (let m = k - 1; m >= 0; m--) polynomial = polynomial * y + (c[m] as number);
    let power = 1;
    for (let m = 1; m < k; m++) power *= y;
    this.elasticity =
      -(w * (c[k - 1] as number) * power * (post.shape + k - 1)) / ((post.rate + w) * polynomial);
    return Math.min(0, -post.shape * Math.log1p(w / post.rate) + Math.log(polynomial) - post.logS2);
  }
}

/**
 * One customer's scoring forecasts (P(alive), expected purchases at scoring's horizons, the
 * next-purchase window) with the posterior computed once; an object with methods, not closures, as
 * scoring makes one per customer.
 */
export class CnbdCustomerForecast {
  readonly pAlive: number;
  private readonly post: Posterior;

  constructor(params: CnbdParams, variant: CnbdVariant, customer: { x: number; tx: number; T: number }) {
    this.post = posterior(params, variant, customer);
    this.pAlive = this.post.pAlive;
  }

  /** E[purchases in (T, T + t]] at each horizon (see `expectedAtHorizons`). */
  expectedAt(horizons: readonly number[], out: Float64Array): void {
    expectedAtHorizons(this.post, horizons, out);
  }

  expected(t: number): number {
    return t > 0 ? expectedGivenPosterior(this.post, t) : 0;
  }

  /**
   * The 10 %, 50 % and 90 % quantiles of the wait given alive: in closed form for k = 1 (Pareto II,
   * `poissonWindow`), for k > 1 by Newton from a guess that treats λ as its posterior mean, (k − E[j] − ⅓)·(α+T)/(r+kx+E[j]) (the
   * median of a Gamma(k − j) wait).
   */
  window(): NextPurchaseWindow {
    const post = this.post;
    if (post.k === 1) return poissonWindow(post.rate, post.shape, post.pAlive);
    const guess =
      (Math.max(post.k - post.meanHidden - 1 / 3, 0.3) * post.rate) / (post.shape + post.meanHidden);
    return waitWindow(new CnbdWait(post), guess, post.pAlive);
  }
}
