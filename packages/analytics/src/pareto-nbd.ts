/**
 * The Pareto/NBD model: Schmittlein, D. C., Morrison, D. G. & Colombo, R. (1987), "Counting your
 * customers: who are they and what will they do next?", Management Science 33(1), 1–24; likelihood
 * and conditional expressions as in Fader & Hardie (2005), "A note on deriving the Pareto/NBD model
 * and related expressions" (equation numbers below are the note's).
 *
 * While alive, purchases are Poisson(λ), λ ~ Gamma(r, α); the lifetime is exponential(μ),
 * μ ~ Gamma(s, β), so dropout can happen at any time (BG/NBD's dropout follows purchases only).
 */

import type { ParameterAtBound } from './bgnbd.js';
import { sharedDistinctHistories } from './distinct-histories.js';
import { AnalyticsError } from './errors.js';
import { maximizeLikelihood, namedBoundary } from './maximum-likelihood.js';
import { digamma, hyp2f1, logGamma } from './special.js';
import {
  type NextPurchaseWindow,
  SurvivalAndDensity,
  type WaitDistribution,
  waitWindow,
} from './wait-quantile.js';

export type ParetoNbdParams = { r: number; alpha: number; s: number; beta: number };

export type ParetoNbdFit = {
  params: ParetoNbdParams;
  logLikelihood: number;
  customers: number;
  repeaters: number;
  iterations: number;
  method: string;
  /** Only when the likelihood is maximised on the edge of the search box (see `fitBgNbd`). */
  boundary?: ParameterAtBound[];
};

type Customer = { x: number; tx: number; T: number };

/**
 * ₂F₁(a, b; a+1; z) for 0 ≤ z < 1, the form every Pareto/NBD expression needs, evaluated stably.
 * Euler's transformation (A&S 15.3.3) gives (1−z)^(1−b) ₂F₁(1, a+1−b; a+1; z), whose series terms
 * are all positive and shrink at least like z^n when a+1−b > 0 (always the case here: a+1−b is r+x
 * or s+1): no cancellation, unlike the direct series with large a and b. Returns the logarithm.
 */
export function logHyp2f1Incomplete(a: number, b: number, z: number): number {
  if (z === 0) return 0;
  if (a + 1 - b > 0) return (1 - b) * Math.log1p(-z) + Math.log(hyp2f1(1, a + 1 - b, a + 1, z));
  return Math.log(hyp2f1(a, b, a + 1, z));
}

/** ln(e^p − e^q) for p ≥ q. */
function logSubExp(p: number, q: number): number {
  if (q === Number.NEGATIVE_INFINITY) return p;
  if (!(p > q)) return Number.NEGATIVE_INFINITY;
  return p + Math.log(-Math.expm1(q - p));
}

/**
 * ln H(t) with H(t) = ∫_t^∞ (A+τ)^−m (B+τ)^−n dτ for A ≥ B, and (with `d`) its derivatives with
 * respect to (m, n, A, B) in d[offset …]. The integral is (A+t)^−g/g · ₂F₁(g, n; g+1; z) with
 * g = m+n−1 and z = (A−B)/(A+t) (the note's eq. 20–22, A&S 15.3.1); Euler's transformation (A&S
 * 15.3.3) turns it into
 *   H(t) = (A+t)^−m (B+t)^−(n−1) Σ_k c_k z^k,   c_k = Π_{i<k} (m+i) / Π_{i≤k} (g+i),
 * a series of positive terms shrinking at least like z^k (no cancellation), whose derivatives in
 * m, n and z are summed in the same pass: ∂ln c_k/∂m = Σ_{i<k} 1/(m+i) − Σ_{i≤k} 1/(g+i),
 * ∂ln c_k/∂n = −Σ_{i≤k} 1/(g+i). (Hot in the fit: no allocations.)
 */
function logTailIntegral(
  m: number,
  n: number,
  A: number,
  B: number,
  t: number,
  d: Float64Array | undefined,
  offset: number,
): number {
  const g = m + n - 1;
  const z = (A - B) / (A + t);
  let coefficient = 1 / g; // c_k z^k
  let harmonicM = 0; // Σ_{i<k} 1/(m+i)
  let harmonicG = 1 / g; // Σ_{i≤k} 1/(g+i)
  let sum = coefficient;
  let sumM = -coefficient * harmonicG;
  let sumN = sumM;
  let sumZ = 0; // Σ k c_k z^(k−1)
  if (z > 0) {
    for (let k = 1; k < 100_000; k++) {
      const inverseG = 1 / (g + k);
      const ratio = (m + k - 1) * inverseG;
      // k c_k z^(k−1), from c_(k−1) z^(k−1) before the new power of z.
      sumZ += k * coefficient * ratio;
      coefficient *= ratio * z;
      sum += coefficient;
      if (d) {
        harmonicM += 1 / (m + k - 1);
        harmonicG += inverseG;
        sumM += coefficient * (harmonicM - harmonicG);
        sumN -= coefficient * harmonicG;
      }
      if (coefficient <= 1e-17 * sum) break;
    }
  } else if (d) {
    sumZ = m / (g * (g + 1));
  }
  lastSeriesSum = sum;
  const logAt = Math.log(A + t);
  const logBt = Math.log(B + t);
  if (d) {
    d[offset] = -logAt + sumM / sum;
    d[offset + 1] = -logBt + sumN / sum;
    const slope = sumZ / sum;
    d[offset + 2] = -m / (A + t) + (slope * (B + t)) / ((A + t) * (A + t));
    d[offset + 3] = -(n - 1) / (B + t) - slope / (A + t);
  }
  return -m * logAt - (n - 1) * logBt + Math.log(sum);
}

/** The series sum Σ c_k z^k of the last `logTailIntegral` (the next-purchase wait's elasticity uses it). */
let lastSeriesSum = 1;

/** Scratch of `logGone`: the derivatives of ln H at t_x and at T, (m, n, A, B) each. */
const tailScratch = new Float64Array(8);

/**
 * ln G, G = s ∫_{t_x}^T (α+τ)^−(r+x) (β+τ)^−(s+1) dτ: the note's s/(r+s+x)·A₀ (eq. 19–22), the
 * likelihood of dropping out between the last purchase and T; by the series (`logTailIntegral` at
 * t_x minus at T) or, when the series' argument is above 0.7 (|α − β| ≈ max(α, β), which the
 * optimizer visits on its way, where the series needs hundreds of terms), by quadrature. With
 * `gradient`, writes ∂ln G/∂(r, α, s, β) there.
 */
function logGone(
  params: ParetoNbdParams,
  x: number,
  tx: number,
  T: number,
  method: DropoutTermMethod,
  gradient?: Float64Array,
): number {
  const { r, alpha, s, beta } = params;
  const base = Math.max(alpha, beta);
  const nearOne =
    method === 'quadrature' || (method === 'auto' && Math.abs(alpha - beta) / (base + tx) > 0.7);
  if (nearOne) return logGoneByQuadrature(params, x, tx, T, gradient);
  if (!(T > tx)) {
    gradient?.fill(0);
    return Number.NEGATIVE_INFINITY;
  }
  // The larger of α and β plays A (so that 0 ≤ z < 1), its exponent m.
  const alphaIsA = alpha >= beta;
  const m = alphaIsA ? r + x : s + 1;
  const n = alphaIsA ? s + 1 : r + x;
  const A = alphaIsA ? alpha : beta;
  const B = alphaIsA ? beta : alpha;
  const d = gradient ? tailScratch : undefined;
  const atTx = logTailIntegral(m, n, A, B, tx, d, 0);
  const atT = logTailIntegral(m, n, A, B, T, d, 4);
  const logIntegral = logSubExp(atTx, atT);
  if (gradient) {
    if (logIntegral === Number.NEGATIVE_INFINITY) {
      gradient.fill(0);
    } else {
      const wTx = Math.exp(atTx - logIntegral);
      const wT = Math.exp(atT - logIntegral);
      const dm = wTx * (tailScratch[0] as number) - wT * (tailScratch[4] as number);
      const dn = wTx * (tailScratch[1] as number) - wT * (tailScratch[5] as number);
      const dA = wTx * (tailScratch[2] as number) - wT * (tailScratch[6] as number);
      const dB = wTx * (tailScratch[3] as number) - wT * (tailScratch[7] as number);
      gradient[0] = alphaIsA ? dm : dn;
      gradient[1] = alphaIsA ? dA : dB;
      gradient[2] = 1 / s + (alphaIsA ? dn : dm);
      gradient[3] = alphaIsA ? dB : dA;
    }
  }
  return Math.log(s) + logIntegral;
}

const QUADRATURE_PANELS = 4;
/** Scratch of `logGoneByQuadrature`: per node, the log-integrand, ln(α+τ), ln(β+τ) and their inverses. */
const quadratureScratch = {
  logs: new Float64Array(QUADRATURE_PANELS * 48),
  logAlpha: new Float64Array(QUADRATURE_PANELS * 48),
  logBeta: new Float64Array(QUADRATURE_PANELS * 48),
  inverseAlpha: new Float64Array(QUADRATURE_PANELS * 48),
  inverseBeta: new Float64Array(QUADRATURE_PANELS * 48),
};

/**
 * ln G by quadrature of its defining integral, in u = ln(min(α, β) + τ), where the integrand is
 * smooth (its nearest complex singularity is π away), with 48-point Gauss–Legendre on one or four
 * panels. The derivatives are the same quadrature of the integrand's: ∂ln G/∂r = −⟨ln(α+τ)⟩,
 * ∂ln G/∂α = −(r+x)⟨1/(α+τ)⟩, ∂ln G/∂s = 1/s − ⟨ln(β+τ)⟩, ∂ln G/∂β = −(s+1)⟨1/(β+τ)⟩, ⟨·⟩ the
 * integrand-weighted mean.
 */
function logGoneByQuadrature(
  params: ParetoNbdParams,
  x: number,
  tx: number,
  T: number,
  gradient?: Float64Array,
): number {
  const { r, alpha, s, beta } = params;
  const c = Math.min(alpha, beta);
  const u0 = Math.log(c + tx);
  const u1 = Math.log(c + T);
  if (!(u1 > u0)) {
    gradient?.fill(0);
    return Number.NEGATIVE_INFINITY;
  }
  // How much the log-integrand can change over the interval (its slope in u is
  // 1 − (r+x)(c+τ)/(α+τ) − (s+1)(c+τ)/(β+τ)): a short interval, where it changes by a few units, is
  // integrated as exactly by one panel (for e^(λu), 48 nodes are exact to far below 1e-16 up to
  // λ·width ≈ 20); the four panels are for the long intervals with steep integrands.
  const variation = (u1 - u0) * (1 + ((r + x) * (c + T)) / (alpha + tx) + ((s + 1) * (c + T)) / (beta + tx));
  const panels = variation <= 20 ? 1 : QUADRATURE_PANELS;
  const width = (u1 - u0) / panels;
  const nodes = LEGENDRE.x.length;
  const { logs, logAlpha, logBeta, inverseAlpha, inverseBeta } = quadratureScratch;
  let max = Number.NEGATIVE_INFINITY;
  for (let p = 0; p < panels; p++) {
    const mid = u0 + (p + 0.5) * width;
    for (let i = 0; i < nodes; i++) {
      const u = mid + 0.5 * width * (LEGENDRE.x[i] as number);
      const e = Math.exp(u);
      const alphaTau = alpha - c + e;
      const betaTau = beta - c + e;
      const la = Math.log(alphaTau);
      const lb = Math.log(betaTau);
      const value = u - (r + x) * la - (s + 1) * lb;
      const j = p * nodes + i;
      logs[j] = value;
      logAlpha[j] = la;
      logBeta[j] = lb;
      inverseAlpha[j] = 1 / alphaTau;
      inverseBeta[j] = 1 / betaTau;
      if (value > max) max = value;
    }
  }
  let sum = 0;
  let sumLogAlpha = 0;
  let sumLogBeta = 0;
  let sumInvAlpha = 0;
  let sumInvBeta = 0;
  for (let j = 0; j < panels * nodes; j++) {
    const weight = (LEGENDRE.w[j % nodes] as number) * Math.exp((logs[j] as number) - max);
    sum += weight;
    if (gradient) {
      sumLogAlpha += weight * (logAlpha[j] as number);
      sumLogBeta += weight * (logBeta[j] as number);
      sumInvAlpha += weight * (inverseAlpha[j] as number);
      sumInvBeta += weight * (inverseBeta[j] as number);
    }
  }
  if (gradient) {
    gradient[0] = -sumLogAlpha / sum;
    gradient[1] = (-(r + x) * sumInvAlpha) / sum;
    gradient[2] = 1 / s - sumLogBeta / sum;
    gradient[3] = (-(s + 1) * sumInvBeta) / sum;
  }
  return Math.log(s) + max + Math.log(0.5 * width * sum);
}

/** How the dropout term s/(r+s+x)·A₀ is evaluated: the ₂F₁ series, the quadrature, or by argument. */
export type DropoutTermMethod = 'auto' | 'series' | 'quadrature';

/** ln of the two parts of the likelihood (eq. 22) after the common factor Γ(r+x)α^r β^s / Γ(r). */
function logParts(
  params: ParetoNbdParams,
  c: Customer,
  method: DropoutTermMethod = 'auto',
): { alive: number; gone: number } {
  const { r, alpha, s, beta } = params;
  const tx = c.x > 0 ? c.tx : 0;
  return {
    alive: -(r + c.x) * Math.log(alpha + c.T) - s * Math.log(beta + c.T),
    gone: logGone(params, c.x, tx, c.T, method),
  };
}

function compress(data: readonly Customer[]): {
  rows: Customer[];
  weight: number[];
  repeaters: number;
  sumX: number;
  sumT: number;
} {
  const index = new Map<string, number>();
  const rows: Customer[] = [];
  const weight: number[] = [];
  let repeaters = 0;
  let sumX = 0;
  let sumT = 0;
  for (const c of data) {
    if (!(Number.isInteger(c.x) && c.x >= 0 && c.tx >= 0 && c.T >= c.tx && Number.isFinite(c.T))) {
      throw new AnalyticsError('invalid_input', 'each customer needs an integer x ≥ 0 and 0 ≤ t_x ≤ T', {
        customer: c,
      });
    }
    if (c.x > 0) repeaters++;
    sumX += c.x;
    sumT += c.T;
    const tx = c.x > 0 ? c.tx : 0;
    const key = `${c.x}|${tx}|${c.T}`;
    const row = index.get(key);
    if (row === undefined) {
      index.set(key, rows.length);
      rows.push({ x: c.x, tx, T: c.T });
      weight.push(1);
    } else {
      weight[row] = (weight[row] as number) + 1;
    }
  }
  return { rows, weight, repeaters, sumX, sumT };
}

/** Scratch of `logLikelihoodRows`: ∂ln G/∂(r, α, s, β) of one row. */
const goneGradient = new Float64Array(4);

/**
 * Σ weight × ln L over the compressed rows and, with `gradient`, its derivatives with respect to
 * (r, α, s, β):
 *   ln L = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β + ln(e^{ln A} + G),
 *   ln A = −(r+x) ln(α+T) − s ln(β+T)   (alive at T),   G as in `logGone`   (gone before T),
 * so ∂ln L = ∂(the common part) + (1 − π) ∂ln A + π ∂ln G with π = G/(A + G) the posterior
 * probability of having gone.
 */
function logLikelihoodRows(
  params: ParetoNbdParams,
  rows: readonly Customer[],
  weight: readonly number[],
  method: DropoutTermMethod = 'auto',
  gradient?: Float64Array,
): number {
  const { r, alpha, s, beta } = params;
  const lgR = logGamma(r);
  const psiR = gradient ? digamma(r) : 0;
  const logAlpha = Math.log(alpha);
  const logBeta = Math.log(beta);
  const common = r * logAlpha + s * logBeta - lgR;
  const lgRX = new Map<number, number>();
  const psiRX = new Map<number, number>();
  let total = 0;
  let gR = 0;
  let gAlpha = 0;
  let gS = 0;
  let gBeta = 0;
  for (let i = 0; i < rows.length; i++) {
    const c = rows[i] as Customer;
    const x = c.x;
    const tx = x > 0 ? c.tx : 0;
    const T = c.T;
    const logAlphaT = Math.log(alpha + T);
    const logBetaT = Math.log(beta + T);
    const alive = -(r + x) * logAlphaT - s * logBetaT;
    const gone = logGone(params, x, tx, T, method, gradient ? goneGradient : undefined);
    let bracket = alive;
    let pGone = 0;
    if (gone !== Number.NEGATIVE_INFINITY) {
      bracket = Math.max(alive, gone) + Math.log1p(Math.exp(-Math.abs(alive - gone)));
      pGone = Math.exp(gone - bracket);
    }
    let lg = lgRX.get(x);
    if (lg === undefined) {
      lg = logGamma(r + x);
      lgRX.set(x, lg);
    }
    const w = weight[i] as number;
    total += w * (lg + common + bracket);
    if (gradient) {
      let psi = psiRX.get(x);
      if (psi === undefined) {
        psi = digamma(r + x);
        psiRX.set(x, psi);
      }
      const pAlive = 1 - pGone;
      gR += w * (psi - psiR + logAlpha - pAlive * logAlphaT + pGone * (goneGradient[0] as number));
      gAlpha += w * (r / alpha - (pAlive * (r + x)) / (alpha + T) + pGone * (goneGradient[1] as number));
      gS += w * (logBeta - pAlive * logBetaT + pGone * (goneGradient[2] as number));
      gBeta += w * (s / beta - (pAlive * s) / (beta + T) + pGone * (goneGradient[3] as number));
    }
  }
  if (gradient) {
    gradient[0] = gR;
    gradient[1] = gAlpha;
    gradient[2] = gS;
    gradient[3] = gBeta;
  }
  return total;
}

/**
 * Σ ln L_i (the note's eq. 22):
 *   L = Γ(r+x) α^r β^s / Γ(r) · [ 1/((α+T)^(r+x) (β+T)^s) + s/(r+s+x) · A₀ ];
 * with `gradient`, also its derivatives with respect to (r, α, s, β), written there.
 *
 * @example
 * paretoNbdLogLikelihood({ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }, summaries); // ≈ −9595 on the CDNOW sample
 */
export function paretoNbdLogLikelihood(
  params: ParetoNbdParams,
  customers: readonly Customer[],
  options: { dropoutTerm?: DropoutTermMethod; gradient?: Float64Array } = {},
): number {
  const { rows, weight } = compress(customers);
  return logLikelihoodRows(params, rows, weight, options.dropoutTerm, options.gradient);
}

/**
 * Maximum-likelihood (r, α, s, β).
 *
 * The search runs over ln r, ln(r/α), ln s, ln(s/β): the shapes and the mean purchase and dropout
 * rates E[λ] = r/α and E[μ] = s/β. When everyone's lifetime looks alike (a tenant whose customers
 * all bought in one year and none since, decades ago) the likelihood has its supremum at s → ∞
 * with s/β fixed (homogeneous dropout; likewise r → ∞ with r/α fixed for very regular buyers).
 * In (ln s, ln β) that is a diagonal ridge, along which BFGS crawled for its 200 iterations at ~40
 * likelihood passes each, Nelder–Mead took over, and a fit of 348 such customers took minutes; in
 * these coordinates the ridge is one axis, the search stops on that bound within a few dozen passes
 * (`boundary` names s), and interior optima are the same points (the CDNOW sample's to 1e-5).
 *
 * @example
 * fitParetoNbd(summaries).params; // CDNOW sample: { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }
 */
export function fitParetoNbd(
  customers: readonly Customer[],
  options: {
    /** Tried first (a nearby optimum, e.g. the same model on a calibration period), then the spread. */
    start?: ParetoNbdParams;
  } = {},
): ParetoNbdFit {
  const { rows, weight, repeaters, sumX, sumT } = sharedDistinctHistories(customers) ?? compress(customers);
  const n = customers.length;
  if (n === 0) throw new AnalyticsError('invalid_input', 'no customers to fit');
  if (repeaters === 0)
    throw new AnalyticsError('invalid_input', 'no repeat purchases: the Pareto/NBD model is not identified');
  const meanT = Math.max(sumT / n, 1e-9);
  const rate = Math.max(sumX / Math.max(sumT, 1e-9), 1e-6);
  const gradientOwn = new Float64Array(4);
  // p = (r, r/α, s, s/β); α = r/(r/α), β = s/(s/β).
  const fromSearch = (p: readonly number[]): ParetoNbdParams => ({
    r: p[0] as number,
    alpha: (p[0] as number) / (p[1] as number),
    s: p[2] as number,
    beta: (p[2] as number) / (p[3] as number),
  });
  const toSearch = (q: ParetoNbdParams): number[] => [q.r, q.r / q.alpha, q.s, q.s / q.beta];
  const best = maximizeLikelihood(
    (p, gradient) => {
      const params = fromSearch(p);
      const value = -logLikelihoodRows(params, rows, weight, 'auto', gradient ? gradientOwn : undefined) / n;
      if (gradient) {
        // Chain rule to the search's log-coordinates, of −LL/n: with ln α = ln r − ln(r/α),
        // ∂/∂ln r = r ∂/∂r + α ∂/∂α and ∂/∂ln(r/α) = −α ∂/∂α (s and β alike).
        const [gR, gAlpha, gS, gBeta] = gradientOwn as unknown as [number, number, number, number];
        gradient[0] = -(params.r * gR + params.alpha * gAlpha) / n;
        gradient[1] = (params.alpha * gAlpha) / n;
        gradient[2] = -(params.s * gS + params.beta * gBeta) / n;
        gradient[3] = (params.beta * gBeta) / n;
      }
      return value;
    },
    [
      ...(options.start ? [toSearch(options.start)] : []),
      [1, rate, 1, 1 / meanT],
      [0.5, rate, 0.5, 1 / meanT],
    ],
    [
      [1e-5, 1e5],
      [1e-6 * rate, 1e6 * rate],
      [1e-5, 1e5],
      [1e-6 / meanT, 1e6 / meanT],
    ],
    'Pareto/NBD',
  );
  const params = fromSearch(best.params);
  const boundary = namedBoundary(best, ['r', 'r/alpha', 's', 's/beta']);
  return {
    params,
    logLikelihood: logLikelihoodRows(params, rows, weight),
    customers: n,
    repeaters,
    iterations: best.iterations,
    method: best.method,
    ...(boundary ? { boundary } : {}),
  };
}

/**
 * P(alive | x, t_x, T) (the note's eq. 24; Schmittlein et al. eq. 11):
 *   1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A₀).
 *
 * @example
 * paretoNbdProbabilityAlive({ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }, { x: 2, tx: 30.43, T: 38.86 });
 */
export function paretoNbdProbabilityAlive(params: ParetoNbdParams, customer: Customer): number {
  const { alive, gone } = logParts(params, customer);
  return 1 / (1 + Math.exp(gone - alive));
}

/**
 * E[X(T, T+t] | x, t_x, T] (the note's eq. 41; Schmittlein et al. eq. 22):
 *   P(alive) · (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)],
 * the bracket / (s−1) taken as −expm1((s−1) ln(…))/(s−1) so that s near 1 stays finite (→ ln at s = 1).
 * A new customer is (0, 0, 0).
 *
 * @example
 * paretoNbdExpectedPurchases({ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }, { x: 2, tx: 30.43, T: 38.86 }, 39);
 */
export function paretoNbdExpectedPurchases(params: ParetoNbdParams, customer: Customer, t: number): number {
  if (!(t > 0)) return 0;
  return paretoNbdExpectedPurchasesGivenAlive(
    params,
    customer,
    t,
    paretoNbdProbabilityAlive(params, customer),
  );
}

/**
 * `paretoNbdExpectedPurchases` with the customer's P(alive) already known (scoring asks for several
 * horizons: P(alive) is the one series in it).
 */
export function paretoNbdExpectedPurchasesGivenAlive(
  params: ParetoNbdParams,
  customer: Customer,
  t: number,
  probabilityAlive: number,
): number {
  if (!(t > 0)) return 0;
  const { r, alpha, s, beta } = params;
  const logRatio = Math.log(beta + customer.T) - Math.log(beta + customer.T + t);
  const sm1 = s - 1;
  const lifetimeFactor = Math.abs(sm1) < 1e-10 ? -logRatio : -Math.expm1(sm1 * logRatio) / sm1;
  return (
    ((probabilityAlive * ((r + customer.x) * (beta + customer.T))) / (alpha + customer.T)) * lifetimeFactor
  );
}

/**
 * The next purchase of a customer alive at T. Given alive, λ ~ Gamma(r+x, α+T) and μ ~ Gamma(s, β+T)
 * independently, and the next purchase comes at w, before death, with density
 *   f(w) = E[λ e^(−(λ+μ)w)] = (r+x)/(α+T) · ((α+T)/(α+T+w))^(r+x+1) · ((β+T)/(β+T+w))^s,
 * whose integral to ∞ is P(there is a next purchase | alive). Its tail ∫_w^∞ f is
 * (r+x)(α+T)^(r+x)(β+T)^s times the tail integral of `logTailIntegral` with exponents r+x+1 at α+T
 * and s at β+T: a series of a few terms while |α−β| is small beside max(α, β) + T (its argument,
 * at most 0.7 here). Beyond, with y = ((α+T)/(α+T+w))^(r+x) the integral becomes
 * ∫_{y(w)}^1 (1 + (α+T)/(β+T) · (y^(−1/(r+x)) − 1))^(−s) dy: a bounded integrand on a finite
 * interval, which 48-point Gauss–Legendre integrates to ~1e-5 of the survival (the series agrees
 * with a fine trapezoid rule to 1e-10; the quadrature alone was what scoring used before).
 */
type NextPurchase = {
  /** ∫₀^w f: P(the next purchase comes by w | alive). */
  cumulative: (w: number) => number;
  /** P(W > w | alive and there is a next purchase) = 1 − F(w)/F(∞). */
  survival: (w: number) => number;
  /** −d survival/dw = f(w)/F(∞). */
  density: (w: number) => number;
};

function nextPurchase(params: ParetoNbdParams, customer: Customer, forceQuadrature = false): NextPurchase {
  const shape = params.r + customer.x;
  const a = params.alpha + customer.T;
  const b = params.beta + customer.T;
  const s = params.s;
  const logScale = Math.log(shape) + shape * Math.log(a) + s * Math.log(b);
  const logDensity = (w: number) =>
    Math.log(shape) - Math.log(a) - (shape + 1) * Math.log1p(w / a) - s * Math.log1p(w / b);
  if (!forceQuadrature && Math.abs(a - b) / Math.max(a, b) <= 0.7) {
    const aIsA = a >= b;
    const m = aIsA ? shape + 1 : s;
    const n = aIsA ? s : shape + 1;
    const A = aIsA ? a : b;
    const B = aIsA ? b : a;
    const logTail = (w: number) => logScale + logTailIntegral(m, n, A, B, w, undefined, 0);
    const logTotal = logTail(0);
    const total = Math.exp(logTotal);
    return {
      cumulative: (w) => (w > 0 ? total * -Math.expm1(logTail(w) - logTotal) : 0),
      survival: (w) => (w > 0 ? Math.exp(logTail(w) - logTotal) : 1),
      density: (w) => Math.exp(logDensity(Math.max(w, 0)) - logTotal),
    };
  }
  const ratio = a / b;
  const h = (y: number) => Math.exp(-s * Math.log1p(ratio * Math.expm1(-Math.log(y) / shape)));
  const cumulative = (w: number) => {
    if (!(w > 0)) return 0;
    const lower = Math.exp(-shape * Math.log1p(w / a));
    return integrateGaussLegendre(h, lower, 1);
  };
  const total = cumulative(Number.POSITIVE_INFINITY);
  return {
    cumulative,
    survival: (w) => (w > 0 ? Math.max(0, 1 - cumulative(w) / total) : 1),
    density: (w) => Math.exp(logDensity(Math.max(w, 0))) / total,
  };
}

const LEGENDRE = legendreNodes(48);

/** Nodes and weights of n-point Gauss–Legendre on [−1, 1] (Newton on P_n; Press et al. §4.6). */
function legendreNodes(n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 1;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p1 = 1;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
      }
      derivative = (n * (z * p1 - p2)) / (z * z - 1);
      const previous = z;
      z = previous - p1 / derivative;
      if (Math.abs(z - previous) < 1e-15) break;
    }
    x[i] = -z;
    x[n - 1 - i] = z;
    w[i] = 2 / ((1 - z * z) * derivative * derivative);
    w[n - 1 - i] = w[i] as number;
  }
  return { x, w };
}

function integrateGaussLegendre(f: (y: number) => number, lo: number, hi: number): number {
  const half = (hi - lo) / 2;
  const mid = (hi + lo) / 2;
  let sum = 0;
  for (let i = 0; i < LEGENDRE.x.length; i++)
    sum += (LEGENDRE.w[i] as number) * f(mid + half * (LEGENDRE.x[i] as number));
  return sum * half;
}

/**
 * P(at least one purchase in (T, T + t]) = P(alive) · ∫₀^t f(w) dw (f as above).
 *
 * @example
 * paretoNbdProbabilityOfPurchase({ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }, { x: 2, tx: 30.43, T: 38.86 }, 13);
 */
export function paretoNbdProbabilityOfPurchase(
  params: ParetoNbdParams,
  customer: Customer,
  t: number,
): number {
  if (!(t > 0)) return 0;
  return paretoNbdProbabilityAlive(params, customer) * nextPurchase(params, customer).cumulative(t);
}

/**
 * P(W > w | alive and there is a next purchase): the next-purchase timing of a customer who will buy
 * again, 1 − F(w)/F(∞).
 *
 * @example
 * paretoNbdNextPurchaseSurvival({ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }, { x: 2, tx: 30.43, T: 38.86 }, 8);
 */
export function paretoNbdNextPurchaseSurvival(
  params: ParetoNbdParams,
  customer: Customer,
  w: number,
): number {
  return paretoNbdNextPurchaseSurvivalFunction(params, customer)(w);
}

/** `paretoNbdNextPurchaseSurvival` as a function of w, for repeated quantile searches. */
export function paretoNbdNextPurchaseSurvivalFunction(
  params: ParetoNbdParams,
  customer: Customer,
): (w: number) => number {
  return nextPurchase(params, customer).survival;
}

/**
 * The wait to the next purchase of a customer alive at T who will buy again: its survival and density
 * (for a Newton quantile search). `quadrature` forces the Gauss–Legendre evaluation (for tests).
 */
export function paretoNbdNextPurchaseWait(
  params: ParetoNbdParams,
  customer: Customer,
  options: { quadrature?: boolean } = {},
): { survival: (w: number) => number; density: (w: number) => number } {
  const { survival, density } = nextPurchase(params, customer, options.quadrature);
  return { survival, density };
}

/**
 * The wait of `nextPurchase`'s series case as the quantile search needs it: ln S(w) = ln H(w) −
 * ln H(0) (H the tail integral with exponents r+x+1 at α+T and s at β+T) and the elasticity
 * −w f/S = −w / ((B+w) Σ_k c_k z^k), B the smaller of α+T and β+T (f/S = e^(ln f − ln tail), in
 * which everything but the series and ln(B+w) cancels).
 */
class ParetoWait implements WaitDistribution {
  elasticity = 0;
  private readonly logTotal: number;
  constructor(
    private readonly m: number,
    private readonly n: number,
    private readonly A: number,
    private readonly B: number,
  ) {
    this.logTotal = logTailIntegral(m, n, A, B, 0, undefined, 0);
  }

  logSurvival(w: number): number {
    const logTail = logTailIntegral(this.m, this.n, this.A, this.B, w, undefined, 0);
    this.elasticity = -w / ((this.B + w) * lastSeriesSum);
    return Math.min(0, logTail - this.logTotal);
  }
}

/**
 * One customer's scoring forecasts under Pareto/NBD (P(alive) once, the expectation at each horizon,
 * the next-purchase window); an object with methods, not closures, as scoring makes one per customer.
 */
export class ParetoNbdCustomerForecast {
  readonly pAlive: number;

  constructor(
    private readonly params: ParetoNbdParams,
    private readonly customer: Customer,
  ) {
    this.pAlive = paretoNbdProbabilityAlive(params, customer);
  }

  expected(t: number): number {
    return paretoNbdExpectedPurchasesGivenAlive(this.params, this.customer, t, this.pAlive);
  }

  /** `paretoNbdExpectedPurchasesGivenAlive` at each horizon, ln(β+T) and the prefactor hoisted. */
  expectedAt(horizons: readonly number[], out: Float64Array): void {
    const { r, alpha, s, beta } = this.params;
    const { x, T } = this.customer;
    const factor = (this.pAlive * ((r + x) * (beta + T))) / (alpha + T);
    const logBetaT = Math.log(beta + T);
    const sm1 = s - 1;
    for (let h = 0; h < horizons.length; h++) {
      const t = horizons[h] as number;
      if (!(t > 0)) {
        out[h] = 0;
        continue;
      }
      const logRatio = logBetaT - Math.log(beta + T + t);
      out[h] = factor * (Math.abs(sm1) < 1e-10 ? -logRatio : -Math.expm1(sm1 * logRatio) / sm1);
    }
  }

  /** The window by Newton from the Pareto II median of the wait without death, (α+T)(2^(1/(r+x)) − 1). */
  window(): NextPurchaseWindow {
    const { params, customer } = this;
    const shape = params.r + customer.x;
    const a = params.alpha + customer.T;
    const b = params.beta + customer.T;
    const guess = a * Math.expm1(Math.LN2 / shape);
    if (Math.abs(a - b) / Math.max(a, b) <= 0.7) {
      const wait =
        a >= b ? new ParetoWait(shape + 1, params.s, a, b) : new ParetoWait(params.s, shape + 1, b, a);
      return waitWindow(wait, guess, this.pAlive);
    }
    const { survival, density } = nextPurchase(params, customer);
    return waitWindow(new SurvivalAndDensity(survival, density), guess, this.pAlive);
  }
}
