/**
 * The Pareto/NBD model: Schmittlein, D. C., Morrison, D. G. & Colombo, R. (1987), "Counting your
 * customers: who are they and what will they do next?", Management Science 33(1), 1–24; likelihood
 * and conditional expressions as in Fader & Hardie (2005), "A note on deriving the Pareto/NBD model
 * and related expressions" (equation numbers below are the note's).
 *
 * While alive, purchases are Poisson(λ), λ ~ Gamma(r, α); the lifetime is exponential(μ),
 * μ ~ Gamma(s, β), so dropout can happen at any time (BG/NBD's dropout follows purchases only).
 */
import { AnalyticsError } from './errors.js';
import { maximizeLikelihood } from './maximum-likelihood.js';
import { hyp2f1, logGamma } from './special.js';

export type ParetoNbdParams = { r: number; alpha: number; s: number; beta: number };

export type ParetoNbdFit = {
  params: ParetoNbdParams;
  logLikelihood: number;
  customers: number;
  repeaters: number;
  iterations: number;
  method: string;
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
 */
function logA0(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = params;
  const gamma = r + s + x;
  const [base, diff, b] = alpha >= beta ? [alpha, alpha - beta, s + 1] : [beta, beta - alpha, r + x];
  const term = (y: number) => logHyp2f1Incomplete(gamma, b, diff / y) - gamma * Math.log(y);
  return logSubExp(term(base + tx), term(base + T));
}

/** ln of the two parts of the likelihood (eq. 22) after the common factor Γ(r+x)α^r β^s / Γ(r). */
function logParts(params: ParetoNbdParams, c: Customer): { alive: number; gone: number } {
  const { r, alpha, s, beta } = params;
  const tx = c.x > 0 ? c.tx : 0;
  return {
    alive: -(r + c.x) * Math.log(alpha + c.T) - s * Math.log(beta + c.T),
    gone: Math.log(s) - Math.log(r + s + c.x) + logA0(params, c.x, tx, c.T),
  };
}

function compress(data: readonly Customer[]): { rows: Customer[]; weight: number[]; repeaters: number; sumX: number; sumT: number } {
  const index = new Map<string, number>();
  const rows: Customer[] = [];
  const weight: number[] = [];
  let repeaters = 0;
  let sumX = 0;
  let sumT = 0;
  for (const c of data) {
    if (!(Number.isInteger(c.x) && c.x >= 0 && c.tx >= 0 && c.T >= c.tx && Number.isFinite(c.T))) {
      throw new AnalyticsError('invalid_input', 'each customer needs an integer x ≥ 0 and 0 ≤ t_x ≤ T', { customer: c });
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

function logLikelihoodRows(params: ParetoNbdParams, rows: readonly Customer[], weight: readonly number[]): number {
  const { r, alpha, s, beta } = params;
  const lgR = logGamma(r);
  const common = r * Math.log(alpha) + s * Math.log(beta) - lgR;
  let total = 0;
  for (let i = 0; i < rows.length; i++) {
    const c = rows[i] as Customer;
    const { alive, gone } = logParts(params, c);
    const bracket = gone === Number.NEGATIVE_INFINITY ? alive : Math.max(alive, gone) + Math.log1p(Math.exp(-Math.abs(alive - gone)));
    total += (weight[i] as number) * (logGamma(r + c.x) + common + bracket);
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
export function paretoNbdLogLikelihood(params: ParetoNbdParams, customers: readonly Customer[]): number {
  const { rows, weight } = compress(customers);
  return logLikelihoodRows(params, rows, weight);
}

/**
 * Maximum-likelihood (r, α, s, β).
 *
 * @example
 * fitParetoNbd(summaries).params; // CDNOW sample: { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }
 */
export function fitParetoNbd(customers: readonly Customer[]): ParetoNbdFit {
  const { rows, weight, repeaters, sumX, sumT } = compress(customers);
  const n = customers.length;
  if (n === 0) throw new AnalyticsError('invalid_input', 'no customers to fit');
  if (repeaters === 0) throw new AnalyticsError('invalid_input', 'no repeat purchases: the Pareto/NBD model is not identified');
  const meanT = Math.max(sumT / n, 1e-9);
  const rate = Math.max(sumX / Math.max(sumT, 1e-9), 1e-6);
  const best = maximizeLikelihood(
    (p) => -logLikelihoodRows({ r: p[0] as number, alpha: p[1] as number, s: p[2] as number, beta: p[3] as number }, rows, weight) / n,
    [
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
  return {
    params,
    logLikelihood: logLikelihoodRows(params, rows, weight),
    customers: n,
    repeaters,
    iterations: best.iterations,
    method: best.method,
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
    paretoNbdProbabilityAlive(params, customer) * ((r + customer.x) * (beta + customer.T)) / (alpha + customer.T) * lifetimeFactor
  );
}

/**
 * The next purchase of a customer alive at T. Given alive, λ ~ Gamma(r+x, α+T) and μ ~ Gamma(s, β+T)
 * independently, and the next purchase comes at w before death with density
 *   f(w) = E[λ e^(−(λ+μ)w)] = (r+x)/(α+T) · ((α+T)/(α+T+w))^(r+x+1) · ((β+T)/(β+T+w))^s.
 * Its integral to ∞ is P(there is a next purchase | alive). This returns the cumulative
 * F(w) = ∫₀^w f on a grid in v = ln(1 + w/(α+T)) (where the integrand is smooth and decays like
 * e^(−(r+x+s)v)); trapezoid rule with 4000 steps.
 */
function nextPurchaseCumulative(params: ParetoNbdParams, customer: Customer): { v: Float64Array; F: Float64Array; scale: number } {
  const { r, alpha, s, beta } = params;
  const shape = r + customer.x;
  const a = alpha + customer.T;
  const b = beta + customer.T;
  // In v: f dw = shape · e^(−shape v) · (b/(b + a(e^v − 1)))^s dv.
  const vMax = 60 / shape;
  const steps = 4000;
  const h = vMax / steps;
  const v = new Float64Array(steps + 1);
  const F = new Float64Array(steps + 1);
  const g = (u: number) => shape * Math.exp(-shape * u - s * Math.log1p((a / b) * Math.expm1(u)));
  let previous = g(0);
  for (let i = 1; i <= steps; i++) {
    v[i] = i * h;
    const current = g(i * h);
    F[i] = (F[i - 1] as number) + 0.5 * h * (previous + current);
    previous = current;
  }
  return { v, F, scale: a };
}

function cumulativeAt(grid: { v: Float64Array; F: Float64Array; scale: number }, w: number): number {
  const u = Math.log1p(w / grid.scale);
  const h = grid.v[1] as number;
  const i = Math.min(Math.floor(u / h), grid.v.length - 2);
  const f = Math.min(1, (u - i * h) / h);
  return (grid.F[i] as number) + f * ((grid.F[i + 1] as number) - (grid.F[i] as number));
}

/**
 * P(at least one purchase in (T, T + t]) = P(alive) · ∫₀^t f(w) dw (f as above).
 *
 * @example
 * paretoNbdProbabilityOfPurchase({ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }, { x: 2, tx: 30.43, T: 38.86 }, 13);
 */
export function paretoNbdProbabilityOfPurchase(params: ParetoNbdParams, customer: Customer, t: number): number {
  if (!(t > 0)) return 0;
  return paretoNbdProbabilityAlive(params, customer) * cumulativeAt(nextPurchaseCumulative(params, customer), t);
}

/**
 * P(W > w | alive and there is a next purchase): the next-purchase timing of a customer who will buy
 * again, 1 − F(w)/F(∞).
 *
 * @example
 * paretoNbdNextPurchaseSurvival({ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }, { x: 2, tx: 30.43, T: 38.86 }, 8);
 */
export function paretoNbdNextPurchaseSurvival(params: ParetoNbdParams, customer: Customer, w: number): number {
  if (!(w > 0)) return 1;
  const grid = nextPurchaseCumulative(params, customer);
  const total = grid.F[grid.F.length - 1] as number;
  return Math.max(0, 1 - cumulativeAt(grid, w) / total);
}

/** Survival function factory for repeated quantile searches (one grid per customer). */
export function paretoNbdNextPurchaseSurvivalFunction(params: ParetoNbdParams, customer: Customer): (w: number) => number {
  const grid = nextPurchaseCumulative(params, customer);
  const total = grid.F[grid.F.length - 1] as number;
  return (w) => (w > 0 ? Math.max(0, 1 - cumulativeAt(grid, w) / total) : 1);
}
