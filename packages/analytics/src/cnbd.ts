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

import { expectedFactor, type ParameterAtBound } from './bgnbd.js';
import { AnalyticsError } from './errors.js';
import { maximizeLikelihood, namedBoundary } from './maximum-likelihood.js';
import { digamma, logAddExp, logGamma } from './special.js';

export type CnbdVariant = 'bg' | 'mbg';

export type CnbdParams = {
  /** Erlang shape of the inter-purchase times: 1 = exponential, larger = more regular. */
  k: number;
  r: number;
  alpha: number;
  a: number;
  b: number;
};

/** The sufficient statistics of the timing models: (x, t_x, T) and litt (see `CustomerSummary`). */
export type TimedRepeatBuying = { x: number; tx: number; T: number; litt: number };

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

type Rows = {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  weight: Float64Array;
  /** The largest x: per-x terms of the likelihood go in arrays of maxX + 1. */
  maxX: number;
  customers: number;
  repeaters: number;
  sumX: number;
  sumT: number;
  sumLitt: number;
};

function compressRows(data: readonly TimedRepeatBuying[]): Rows {
  const index = new Map<string, number>();
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const weight: number[] = [];
  let repeaters = 0;
  let sumX = 0;
  let sumT = 0;
  let sumLitt = 0;
  for (const c of data) {
    if (
      !(
        Number.isInteger(c.x) &&
        c.x >= 0 &&
        c.tx >= 0 &&
        c.T >= c.tx &&
        Number.isFinite(c.T) &&
        Number.isFinite(c.litt)
      )
    ) {
      throw new AnalyticsError(
        'invalid_input',
        'each customer needs an integer x ≥ 0, 0 ≤ t_x ≤ T and a finite litt',
        {
          customer: c,
        },
      );
    }
    if (c.x > 0) repeaters++;
    sumX += c.x;
    sumT += c.T;
    sumLitt += c.litt;
    const txValue = c.x > 0 ? c.tx : 0;
    const key = `${c.x}|${txValue}|${c.T}`;
    const row = index.get(key);
    if (row === undefined) {
      index.set(key, x.length);
      x.push(c.x);
      tx.push(txValue);
      T.push(c.T);
      weight.push(1);
    } else {
      weight[row] = (weight[row] as number) + 1;
    }
  }
  return {
    x: Float64Array.from(x),
    tx: Float64Array.from(tx),
    T: Float64Array.from(T),
    weight: Float64Array.from(weight),
    maxX: x.reduce((max, value) => Math.max(max, value), 0),
    customers: data.length,
    repeaters,
    sumX,
    sumT,
    sumLitt,
  };
}

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

/** What is known about a customer given the history (see the module comment). */
type Posterior = {
  pAlive: number;
  /** P(j hidden events since the last purchase | alive), j = 0 … k−1. */
  weights: Float64Array;
  /** λ | j, alive ~ Gamma(shape + j, rate). */
  shape: number;
  rate: number;
  /** p | alive ~ Beta(a, bAlive). */
  bAlive: number;
};

function posterior(
  params: CnbdParams,
  variant: CnbdVariant,
  c: { x: number; tx: number; T: number },
): Posterior {
  const d = dropoutAtZero(variant);
  const { k, r, alpha, b } = params;
  const tx = c.x > 0 ? c.tx : 0;
  const { logTotal, logAlive } = logBrackets(params, d, c.x, tx, c.T);
  const shape = r + k * c.x;
  const ratio = (c.T - tx) / (alpha + c.T);
  const weights = new Float64Array(k);
  let term = 1;
  weights[0] = 1;
  for (let j = 1; j < k; j++) {
    term *= ((shape + j - 1) * ratio) / j;
    weights[j] = term;
  }
  const s2 = Math.exp(logAlive);
  for (let j = 0; j < k; j++) weights[j] = (weights[j] as number) / s2;
  return { pAlive: Math.exp(logAlive - logTotal), weights, shape, rate: alpha + c.T, bAlive: b + c.x + d };
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
  return posterior(params, variant, customer).pAlive;
}

/**
 * P(W > w | alive): the time W from T to the next purchase of a customer alive at T (who will make
 * it: dropout only follows a purchase). Given j and λ, W ~ Gamma(k − j, λ); mixed over λ, W > w
 * means fewer than k − j events in w: Σ_j weight_j · P(NB(r+kx+j, w/(α+T+w)) ≤ k − j − 1).
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
  const post = posterior(params, variant, customer);
  return survivalGivenAlive(post, params.k, w);
}

function survivalGivenAlive(post: Posterior, k: number, w: number): number {
  // P(NB(s, q) ≤ m) = (1−q)^s Σ_{i≤m} (s)_i/i! q^i: at most k terms, the sum relative to the first.
  const logRateW = Math.log(post.rate + w);
  const logOneMinusQ = Math.log(post.rate) - logRateW;
  const q = w / (post.rate + w);
  let survival = 0;
  for (let j = 0; j < k; j++) {
    const weight = post.weights[j] as number;
    if (weight === 0) continue;
    const s = post.shape + j;
    let term = 1;
    let sum = 1;
    for (let i = 1; i <= k - j - 1; i++) {
      term *= ((s + i - 1) / i) * q;
      sum += term;
    }
    survival += weight * Math.exp(s * logOneMinusQ + Math.log(sum));
  }
  return Math.min(1, Math.max(0, survival));
}

/**
 * −d/dw P(W > w | alive): with m = k−j−1, d/dq P(NB(s, q) ≤ m) = −(1−q)^(s−1) q^m / B(s, m+1)
 * and dq/dw = (1−q)²/(α+T), so each j adds weight_j · s Π_{i=1}^{m} ((s+i) q / i) · (1−q)^(s+1) / (α+T).
 */
function densityGivenAlive(post: Posterior, k: number, w: number): number {
  const logOneMinusQ = Math.log(post.rate) - Math.log(post.rate + w);
  const q = w / (post.rate + w);
  let density = 0;
  for (let j = 0; j < k; j++) {
    const weight = post.weights[j] as number;
    if (weight === 0) continue;
    const s = post.shape + j;
    let product = s;
    for (let i = 1; i <= k - j - 1; i++) product *= ((s + i) / i) * q;
    density += weight * product * Math.exp((s + 1) * logOneMinusQ);
  }
  return density / post.rate;
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
  return post.pAlive * (1 - survivalGivenAlive(post, params.k, t));
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
  return expectedGivenPosterior(posterior(params, variant, customer), params, t);
}

/** Scratch of `expectedGivenPosterior`: C(n) = Σ_{i=1}^n E[(1−p)^(i−1)], grown on demand. */
let cumulativeStay = new Float64Array(256);

function expectedGivenPosterior(post: Posterior, params: CnbdParams, t: number): number {
  if (!(t > 0)) return 0;
  const { k, a } = params;
  // k = 1 (BG/NBD, MBG/NBD): the sum is BG/NBD's eq. (10) with b + x → b + x + d, one ₂F₁ series
  // (away from a = 1, where that form is 0/0 and is only good to ~1e-7).
  if (k === 1 && Math.abs(a - 1) > 1e-4) {
    return post.pAlive * expectedFactor(post.shape, a, post.bAlive, 0, post.rate, t);
  }
  // Summed by events rather than by purchases: E = P(alive) Σ_j weight_j Σ_e P(N = e) C(⌊(e+j)/k⌋),
  // N ~ NB(r+kx+j, q) the Poisson events in t and C(n) the purchases the customer expects to stay
  // for when n could be made: the sum of the module comment reordered (summation by parts), but the
  // NB pmf advances by one multiplication per event, with no logarithm or exponential.
  let known = 0; // C(0 … known) are filled in
  let stay = 1; // E[(1−p)^known]
  cumulativeStay[0] = 0;
  const q = t / (post.rate + t);
  const logOneMinusQ = Math.log(post.rate) - Math.log(post.rate + t);
  let total = 0;
  for (let j = 0; j < k; j++) {
    const weight = post.weights[j] as number;
    if (weight === 0) continue;
    const s = post.shape + j;
    const mean = (s * t) / post.rate;
    // P(N = e) = e^logScale · scaled; rescaled when it would overflow, or underflow before it counts.
    let logScale = s * logOneMinusQ;
    let scaled = 1;
    let sum = 0;
    let purchases = 0; // ⌊(e + j)/k⌋
    let untilNext = k - j; // events to the next purchase
    for (let e = 0; e < 10_000_000; e++) {
      if (--untilNext === -1) {
        purchases++;
        untilNext = k - 1;
      }
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
        sum += scaled * (cumulativeStay[purchases] as number);
      }
      const ratio = ((s + e) / (e + 1)) * q;
      scaled *= ratio;
      // Past the mean the pmf falls at least geometrically (ratio < 1) and C(n) ≤ n: stop once the
      // rest, bounded by the next term's pmf × (n + 1) / (1 − ratio), is negligible.
      if (e > mean && ratio < 1 && scaled * (purchases + 2) <= 1e-16 * sum * (1 - ratio)) break;
      if (scaled === 0) break;
      if (scaled > 1e250 || (sum === 0 && scaled < 1e-250)) {
        const shift = Math.log(scaled);
        logScale += shift;
        sum *= Math.exp(-shift);
        scaled = 1;
      }
    }
    total += weight * sum * Math.exp(logScale);
  }
  return post.pAlive * total;
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
} {
  const post = posterior(params, variant, customer);
  return {
    pAlive: post.pAlive,
    survival: (w) => (w > 0 ? survivalGivenAlive(post, params.k, w) : 1),
    density: (w) => densityGivenAlive(post, params.k, Math.max(w, 0)),
    expected: (t) => expectedGivenPosterior(post, params, t),
  };
}
