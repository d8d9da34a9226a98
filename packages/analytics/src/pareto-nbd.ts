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
import { AnalyticsError } from './errors.js';
import { maximizeLikelihood, namedBoundary } from './maximum-likelihood.js';
import { hyp2f1, logGamma } from './special.js';

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
 * ln A₀ of the note's eq. (22): with γ = r+s+x,
 *   α ≥ β: A₀ = ₂F₁(γ, s+1; γ+1; (α−β)/(α+t_x)) / (α+t_x)^γ − ₂F₁(γ, s+1; γ+1; (α−β)/(α+T)) / (α+T)^γ
 *   α < β: A₀ = ₂F₁(γ, r+x; γ+1; (β−α)/(β+t_x)) / (β+t_x)^γ − ₂F₁(γ, r+x; γ+1; (β−α)/(β+T)) / (β+T)^γ
 * (Hot in the fit: no closures or tuples here.)
 */
function logA0(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = params;
  const gamma = r + s + x;
  const aboveBeta = alpha >= beta;
  const base = aboveBeta ? alpha : beta;
  const diff = aboveBeta ? alpha - beta : beta - alpha;
  const b = aboveBeta ? s + 1 : r + x;
  const atTx = logHyp2f1Incomplete(gamma, b, diff / (base + tx)) - gamma * Math.log(base + tx);
  const atT = logHyp2f1Incomplete(gamma, b, diff / (base + T)) - gamma * Math.log(base + T);
  return logSubExp(atTx, atT);
}

/**
 * The same "gone" part by quadrature of its defining integral (the note's eq. 19–21: dropout at τ
 * between the last purchase and T):
 *   s/(r+s+x) · A₀ = s ∫_{t_x}^T (α+τ)^−(r+x) (β+τ)^−(s+1) dτ,
 * in u = ln(min(α, β) + τ), where the integrand is smooth (its nearest complex singularity is π away),
 * with 48-point Gauss–Legendre on four panels. Used when the series' argument is above 0.7
 * (|α − β| ≈ max(α, β), which the optimizer visits on its way), where the series would need
 * hundreds to thousands of terms. Returns the logarithm.
 */
function logGoneByQuadrature(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = params;
  const c = Math.min(alpha, beta);
  const u0 = Math.log(c + tx);
  const u1 = Math.log(c + T);
  if (!(u1 > u0)) return Number.NEGATIVE_INFINITY;
  const panels = 4;
  const width = (u1 - u0) / panels;
  const logs: number[] = [];
  const weights: number[] = [];
  for (let p = 0; p < panels; p++) {
    const mid = u0 + (p + 0.5) * width;
    for (let i = 0; i < LEGENDRE.x.length; i++) {
      const u = mid + 0.5 * width * (LEGENDRE.x[i] as number);
      const e = Math.exp(u);
      logs.push(u - (r + x) * Math.log(alpha - c + e) - (s + 1) * Math.log(beta - c + e));
      weights.push(0.5 * width * (LEGENDRE.w[i] as number));
    }
  }
  let max = Number.NEGATIVE_INFINITY;
  for (const value of logs) max = Math.max(max, value);
  let sum = 0;
  for (let i = 0; i < logs.length; i++) sum += (weights[i] as number) * Math.exp((logs[i] as number) - max);
  return Math.log(s) + max + Math.log(sum);
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
  const base = Math.max(alpha, beta);
  const nearOne =
    method === 'quadrature' || (method === 'auto' && Math.abs(alpha - beta) / (base + tx) > 0.7);
  return {
    alive: -(r + c.x) * Math.log(alpha + c.T) - s * Math.log(beta + c.T),
    gone: nearOne
      ? logGoneByQuadrature(params, c.x, tx, c.T)
      : Math.log(s) - Math.log(r + s + c.x) + logA0(params, c.x, tx, c.T),
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

function logLikelihoodRows(
  params: ParetoNbdParams,
  rows: readonly Customer[],
  weight: readonly number[],
  method: DropoutTermMethod = 'auto',
): number {
  const { r, alpha, s, beta } = params;
  const lgR = logGamma(r);
  const common = r * Math.log(alpha) + s * Math.log(beta) - lgR;
  const lgRX = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < rows.length; i++) {
    const c = rows[i] as Customer;
    const { alive, gone } = logParts(params, c, method);
    const bracket =
      gone === Number.NEGATIVE_INFINITY
        ? alive
        : Math.max(alive, gone) + Math.log1p(Math.exp(-Math.abs(alive - gone)));
    let lg = lgRX.get(c.x);
    if (lg === undefined) {
      lg = logGamma(r + c.x);
      lgRX.set(c.x, lg);
    }
    total += (weight[i] as number) * (lg + common + bracket);
  }
  return total;
}

/**
 * Σ ln L_i (the note's eq. 22):
 *   L = Γ(r+x) α^r β^s / Γ(r) · [ 1/((α+T)^(r+x) (β+T)^s) + s/(r+s+x) · A₀ ].
 *
 * @example
 * paretoNbdLogLikelihood({ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }, summaries); // ≈ −9595 on the CDNOW sample
 */
export function paretoNbdLogLikelihood(
  params: ParetoNbdParams,
  customers: readonly Customer[],
  options: { dropoutTerm?: DropoutTermMethod } = {},
): number {
  const { rows, weight } = compress(customers);
  return logLikelihoodRows(params, rows, weight, options.dropoutTerm);
}

/**
 * Maximum-likelihood (r, α, s, β).
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
  const { rows, weight, repeaters, sumX, sumT } = compress(customers);
  const n = customers.length;
  if (n === 0) throw new AnalyticsError('invalid_input', 'no customers to fit');
  if (repeaters === 0)
    throw new AnalyticsError('invalid_input', 'no repeat purchases: the Pareto/NBD model is not identified');
  const meanT = Math.max(sumT / n, 1e-9);
  const rate = Math.max(sumX / Math.max(sumT, 1e-9), 1e-6);
  const best = maximizeLikelihood(
    (p) =>
      -logLikelihoodRows(
        { r: p[0] as number, alpha: p[1] as number, s: p[2] as number, beta: p[3] as number },
        rows,
        weight,
      ) / n,
    [
      ...(options.start ? [[options.start.r, options.start.alpha, options.start.s, options.start.beta]] : []),
      [1, 1 / rate, 1, meanT],
      [0.5, 0.5 / rate, 0.5, meanT / 2],
    ],
    [
      [1e-5, 1e5],
      [1e-5 * meanT, 1e5 * meanT],
      [1e-5, 1e5],
      [1e-5 * meanT, 1e5 * meanT],
    ],
    'Pareto/NBD',
  );
  const [r, alpha, s, beta] = best.params as [number, number, number, number];
  const params = { r, alpha, s, beta };
  const boundary = namedBoundary(best, ['r', 'alpha', 's', 'beta']);
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
  const { r, alpha, s, beta } = params;
  const logRatio = Math.log(beta + customer.T) - Math.log(beta + customer.T + t);
  const sm1 = s - 1;
  const lifetimeFactor = Math.abs(sm1) < 1e-10 ? -logRatio : -Math.expm1(sm1 * logRatio) / sm1;
  return (
    ((paretoNbdProbabilityAlive(params, customer) * ((r + customer.x) * (beta + customer.T))) /
      (alpha + customer.T)) *
    lifetimeFactor
  );
}

/**
 * The next purchase of a customer alive at T. Given alive, λ ~ Gamma(r+x, α+T) and μ ~ Gamma(s, β+T)
 * independently, and the next purchase comes at w, before death, with density
 *   f(w) = E[λ e^(−(λ+μ)w)] = (r+x)/(α+T) · ((α+T)/(α+T+w))^(r+x+1) · ((β+T)/(β+T+w))^s,
 * whose integral to ∞ is P(there is a next purchase | alive). With y = ((α+T)/(α+T+w))^(r+x) the
 * integral becomes ∫_{y(w)}^1 (1 + (α+T)/(β+T) · (y^(−1/(r+x)) − 1))^(−s) dy: a bounded integrand
 * on a finite interval, which 48-point Gauss–Legendre integrates to ~1e-6 (tested against a fine
 * trapezoid rule).
 */
function nextPurchaseCumulative(params: ParetoNbdParams, customer: Customer): (w: number) => number {
  const shape = params.r + customer.x;
  const a = params.alpha + customer.T;
  const ratio = a / (params.beta + customer.T);
  const s = params.s;
  const h = (y: number) => Math.exp(-s * Math.log1p(ratio * Math.expm1(-Math.log(y) / shape)));
  return (w) => {
    if (!(w > 0)) return 0;
    const lower = Math.exp(-shape * Math.log1p(w / a));
    return integrateGaussLegendre(h, lower, 1);
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
  return paretoNbdProbabilityAlive(params, customer) * nextPurchaseCumulative(params, customer)(t);
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
  const cumulative = nextPurchaseCumulative(params, customer);
  const total = cumulative(Number.POSITIVE_INFINITY);
  return (w) => (w > 0 ? Math.max(0, 1 - cumulative(w) / total) : 1);
}
