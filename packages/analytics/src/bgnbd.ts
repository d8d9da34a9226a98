/**
 * The BG/NBD model of repeat buying: Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005),
 * "'Counting Your Customers' the Easy Way: An Alternative to the Pareto/NBD Model",
 * Marketing Science 24(2), 275–284. Equation numbers below refer to that paper; P(alive) follows
 * Fader, Hardie & Lee (2008), "Computing P(alive) Using the BG/NBD Model" (the note's eq. 13).
 *
 * Time is in weeks. A customer is (x, t_x, T): x repeat purchases, the last at t_x, observed for T
 * weeks since the first purchase (see `summarizeTransactions`).
 */

import { sharedBgNbdRows } from './distinct-histories.js';
import { AnalyticsError } from './errors.js';
import { activeBounds, minimizeBfgs, minimizeNelderMead } from './optimize.js';
import { digamma, hyp2f1Minus1, logAddExp, logGamma } from './special.js';
import { type NextPurchaseWindow, poissonWindow } from './wait-quantile.js';

export type BgNbdParams = {
  /** Shape of the Gamma heterogeneity in the purchase rate λ. */
  r: number;
  /** Scale (in weeks) of the Gamma heterogeneity in λ; E[λ] = r / α. */
  alpha: number;
  /** Beta heterogeneity in the dropout probability p after each purchase: E[p] = a / (a + b). */
  a: number;
  b: number;
};

/** The (x, t_x, T) triple the model needs; `CustomerSummary` satisfies it. */
export type RepeatBuying = { x: number; tx: number; T: number };

export type BgNbdFit = {
  params: BgNbdParams;
  /** Σ ln L_i at the optimum (eq. 6). */
  logLikelihood: number;
  customers: number;
  /** Customers with x > 0. */
  repeaters: number;
  /** Always true: a fit that does not converge throws an `AnalyticsError` with code fit_not_converged. */
  converged: true;
  iterations: number;
  evaluations: number;
  /** ‖∇(−LL/N)‖∞ in log-parameters at the optimum. */
  gradientNorm: number;
  method: 'bfgs' | 'nelder-mead+bfgs';
  /**
   * Present only when no start reached an interior optimum and the likelihood is maximised on the
   * edge of the search box (e.g. a, b → ∞ for very regular buyers: a dropout probability without
   * heterogeneity; r, α → ∞: no heterogeneity in the purchase rate). The parameters named here sit
   * at the bound: the true supremum lies beyond, the forecasts are its limit to within ~1e-5.
   */
  boundary?: ParameterAtBound[];
};

/** A parameter held at the edge of the fit's search box. */
export type ParameterAtBound = { parameter: string; bound: 'lower' | 'upper'; value: number };

/**
 * Customers with identical (x, t_x, T) contribute identical likelihood terms, so the data are
 * compressed to distinct triples with counts; the lgamma/digamma terms depend on x only and are
 * computed once per distinct x.
 */
type Compressed = {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  weight: Float64Array;
  /** Index into `xs` for each row. */
  xIndex: Int32Array;
  xs: Float64Array;
  customers: number;
  repeaters: number;
};

function compress(data: readonly RepeatBuying[]): Compressed {
  const shared = sharedBgNbdRows(data);
  if (shared)
    return withDistinctX(shared.x, shared.tx, shared.T, shared.weight, data.length, shared.repeaters);
  const rows = new Map<string, number>();
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const weight: number[] = [];
  let repeaters = 0;
  for (const c of data) {
    if (!(Number.isInteger(c.x) && c.x >= 0 && c.tx >= 0 && c.T >= c.tx && Number.isFinite(c.T))) {
      throw new AnalyticsError('invalid_input', 'each customer needs an integer x ≥ 0 and 0 ≤ t_x ≤ T', {
        customer: c,
      });
    }
    if (c.x > 0) repeaters++;
    const key = `${c.x}|${c.tx}|${c.T}`;
    const row = rows.get(key);
    if (row === undefined) {
      rows.set(key, x.length);
      x.push(c.x);
      tx.push(c.x > 0 ? c.tx : 0);
      T.push(c.T);
      weight.push(1);
    } else {
      weight[row] = (weight[row] as number) + 1;
    }
  }
  return withDistinctX(
    Float64Array.from(x),
    Float64Array.from(tx),
    Float64Array.from(T),
    Float64Array.from(weight),
    data.length,
    repeaters,
  );
}

/** The rows with the index of each row's x among the distinct x (ascending). */
function withDistinctX(
  x: Float64Array,
  tx: Float64Array,
  T: Float64Array,
  weight: Float64Array,
  customers: number,
  repeaters: number,
): Compressed {
  const xs = [...new Set(x)].sort((p, q) => p - q);
  const position = new Map(xs.map((value, i) => [value, i]));
  return {
    x,
    tx,
    T,
    weight,
    xIndex: Int32Array.from(x, (value) => position.get(value) as number),
    xs: Float64Array.from(xs),
    customers,
    repeaters,
  };
}

/**
 * Σ ln L(r, α, a, b | x, t_x, T) and, if `gradient` is given, its derivatives with respect to
 * (ln r, ln α, ln a, ln b). Eq. (6):
 *   L = Γ(r+x) α^r / Γ(r) · B(a, b+x) / B(a, b) · [ (α+T)^−(r+x) + δ_{x>0} a/(b+x−1) (α+t_x)^−(r+x) ],
 * evaluated in log space with log-sum-exp for the bracket.
 */
function logLikelihoodCompressed(params: BgNbdParams, data: Compressed, gradient?: Float64Array): number {
  const { r, alpha, a, b } = params;
  const distinct = data.xs.length;
  const constant = new Float64Array(distinct);
  const dr = new Float64Array(distinct);
  const da = new Float64Array(distinct);
  const db = new Float64Array(distinct);
  const lgR = logGamma(r);
  const lgB = logGamma(b);
  const lgAB = logGamma(a + b);
  const psiR = gradient ? digamma(r) : 0;
  const psiB = gradient ? digamma(b) : 0;
  const psiAB = gradient ? digamma(a + b) : 0;
  for (let k = 0; k < distinct; k++) {
    const x = data.xs[k] as number;
    // ln[Γ(r+x)/Γ(r)] + ln[B(a, b+x)/B(a, b)] = … + lnΓ(b+x) + lnΓ(a+b) − lnΓ(b) − lnΓ(a+b+x)
    constant[k] = logGamma(r + x) - lgR + logGamma(b + x) + lgAB - lgB - logGamma(a + b + x);
    if (gradient) {
      const psiABX = digamma(a + b + x);
      dr[k] = digamma(r + x) - psiR;
      da[k] = psiAB - psiABX;
      db[k] = digamma(b + x) - psiB + psiAB - psiABX;
    }
  }
  const logAlpha = Math.log(alpha);
  const logA = Math.log(a);
  let total = 0;
  let gR = 0;
  let gAlpha = 0;
  let gA = 0;
  let gB = 0;
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i] as number;
    const k = data.xIndex[i] as number;
    const w = data.weight[i] as number;
    const logAlphaT = Math.log(alpha + (data.T[i] as number));
    const a3 = -(r + x) * logAlphaT;
    let bracket = a3;
    let share = 0; // weight of the second bracket term, e^{A4 − bracket}
    let logAlphaTx = 0;
    if (x > 0) {
      logAlphaTx = Math.log(alpha + (data.tx[i] as number));
      const a4 = logA - Math.log(b + x - 1) - (r + x) * logAlphaTx;
      bracket = logAddExp(a3, a4);
      share = Math.exp(a4 - bracket);
    }
    total += w * ((constant[k] as number) + r * logAlpha + bracket);
    if (gradient) {
      const T = data.T[i] as number;
      gR += w * ((dr[k] as number) + logAlpha - (1 - share) * logAlphaT - share * logAlphaTx);
      gAlpha +=
        w * (r / alpha - (r + x) * ((1 - share) / (alpha + T) + share / (alpha + (data.tx[i] as number))));
      gA += w * ((da[k] as number) + (x > 0 ? share / a : 0));
      gB += w * ((db[k] as number) - (x > 0 ? share / (b + x - 1) : 0));
    }
  }
  if (gradient) {
    // Chain rule to log-parameters: ∂/∂ln θ = θ ∂/∂θ.
    gradient[0] = r * gR;
    gradient[1] = alpha * gAlpha;
    gradient[2] = a * gA;
    gradient[3] = b * gB;
  }
  return total;
}

/**
 * The BG/NBD log-likelihood of a sample, Σ_i ln L_i (eq. 6).
 *
 * @example
 * bgNbdLogLikelihood({ r: 0.2426, alpha: 4.414, a: 0.793, b: 2.426 }, summaries); // ≈ −9582.4 on CDNOW
 */
export function bgNbdLogLikelihood(params: BgNbdParams, customers: readonly RepeatBuying[]): number {
  return logLikelihoodCompressed(params, compress(customers));
}

export type FitBgNbdOptions = {
  /** Converged when ‖∇(−LL/N)‖∞ (log-parameters) is below this. @default 1e-8 */
  gradientTolerance?: number;
  /** Starting point; by default three spread-out starts are tried and the best optimum kept. */
  start?: BgNbdParams;
};

/**
 * The search box in log-parameters. The gradient also vanishes far out towards a boundary of the
 * parameter space (no dropout: a → 0 or b → ∞; no heterogeneity: r, α → ∞, or a, b → ∞ together).
 * There is then no finite maximum; the fit stops on the box edge and says so (`boundary`). Bounds:
 * r, a, b within [1e-5, 1e5]; α within [1e-5, 1e5] × the mean observation length.
 */
function logBox(meanT: number): [number, number][] {
  const unit: [number, number] = [Math.log(1e-5), Math.log(1e5)];
  const scale = Math.log(Math.max(meanT, 1e-9));
  return [unit, [unit[0] + scale, unit[1] + scale], unit, unit];
}

const bgNbdParameterNames = ['r', 'alpha', 'a', 'b'] as const;

function toLog(p: BgNbdParams): number[] {
  return [Math.log(p.r), Math.log(p.alpha), Math.log(p.a), Math.log(p.b)];
}

function fromLog(theta: ArrayLike<number>): BgNbdParams {
  return {
    r: Math.exp(theta[0] as number),
    alpha: Math.exp(theta[1] as number),
    a: Math.exp(theta[2] as number),
    b: Math.exp(theta[3] as number),
  };
}

/**
 * Maximum-likelihood estimate of (r, α, a, b) (eq. 6), optimizing over log-parameters with BFGS and
 * the analytic gradient, from several starting points; a Nelder–Mead pass rescues a start that BFGS
 * cannot finish. Throws `AnalyticsError('fit_not_converged')` when no start converges (for example
 * when the optimum is on the boundary: no dropout at all, a → 0), and `invalid_input` without
 * repeat buyers (the model is then not identified).
 *
 * @example
 * const fit = fitBgNbd(summaries); // CDNOW sample, cutoff 1997-09-30
 * fit.params; // { r: 0.2426, alpha: 4.414, a: 0.7930, b: 2.426 } (the paper's §4)
 */
export function fitBgNbd(customers: readonly RepeatBuying[], options: FitBgNbdOptions = {}): BgNbdFit {
  const data = compress(customers);
  if (data.customers === 0) throw new AnalyticsError('invalid_input', 'no customers to fit');
  if (data.repeaters === 0) {
    throw new AnalyticsError('invalid_input', 'no repeat purchases: the BG/NBD model is not identified');
  }
  const n = data.customers;
  const tolerance = options.gradientTolerance ?? 1e-8;
  const objective = (theta: Float64Array, gradient: Float64Array): number => {
    const value = -logLikelihoodCompressed(fromLog(theta), data, gradient) / n;
    for (let i = 0; i < 4; i++) gradient[i] = -(gradient[i] as number) / n;
    return value;
  };
  // Starts: the mean purchase rate r/α ≈ Σx / ΣT sets α for a given r.
  let sumX = 0;
  let sumT = 0;
  for (let i = 0; i < data.x.length; i++) {
    sumX += (data.weight[i] as number) * (data.x[i] as number);
    sumT += (data.weight[i] as number) * (data.T[i] as number);
  }
  const rate = Math.max(sumX / Math.max(sumT, 1e-9), 1e-6);
  const starts = options.start
    ? [options.start]
    : [
        { r: 1, alpha: 1 / rate, a: 1, b: 1 },
        { r: 0.3, alpha: 0.3 / rate, a: 0.5, b: 3 },
        { r: 3, alpha: 3 / rate, a: 2, b: 8 },
      ];
  let best:
    | {
        theta: number[];
        value: number;
        iterations: number;
        evaluations: number;
        gradientNorm: number;
        method: BgNbdFit['method'];
      }
    | undefined;
  let lastFailure: Record<string, unknown> = {};
  // The search stays in the box of `atBoundary`'s bounds: on data without a finite maximum (very
  // regular buyers) an unbounded search crawls outwards until its iteration limit from every start.
  const box = logBox(sumT / n);
  let bestOnBoundary: (NonNullable<typeof best> & { boundary: ParameterAtBound[] }) | undefined;
  for (const start of starts) {
    let result = minimizeBfgs(objective, toLog(start), {
      gradientTolerance: tolerance,
      maxIterations: 1000,
      bounds: box,
    });
    let method: BgNbdFit['method'] = 'bfgs';
    if (!result.converged) {
      const clamped = new Float64Array(4);
      const simplex = minimizeNelderMead(
        (theta) => {
          for (let i = 0; i < 4; i++) {
            const [lo, hi] = box[i] as [number, number];
            clamped[i] = Math.min(hi, Math.max(lo, theta[i] as number));
          }
          return objective(clamped, new Float64Array(4));
        },
        result.x,
        { maxIterations: 4000 },
      );
      const polished = minimizeBfgs(objective, simplex.x, {
        gradientTolerance: tolerance,
        maxIterations: 1000,
        bounds: box,
      });
      polished.evaluations += result.evaluations + simplex.evaluations;
      result = polished;
      method = 'nelder-mead+bfgs';
    }
    const atBound = activeBounds(result.x, box);
    if (result.converged && atBound.length > 0) {
      if (!bestOnBoundary || result.value < bestOnBoundary.value) {
        const params = fromLog(result.x);
        bestOnBoundary = {
          theta: result.x,
          value: result.value,
          iterations: result.iterations,
          evaluations: result.evaluations,
          gradientNorm: result.gradientNorm,
          method,
          boundary: atBound.map(({ index, bound }) => {
            const parameter = bgNbdParameterNames[index] as (typeof bgNbdParameterNames)[number];
            return { parameter, bound, value: params[parameter] };
          }),
        };
      }
      continue;
    }
    if (!result.converged) {
      lastFailure = { params: fromLog(result.x), gradientNorm: result.gradientNorm, message: result.message };
      continue;
    }
    if (!best || result.value < best.value) {
      best = {
        theta: result.x,
        value: result.value,
        iterations: result.iterations,
        evaluations: result.evaluations,
        gradientNorm: result.gradientNorm,
        method,
      };
    }
  }
  // An interior optimum wins; a boundary optimum is the answer only when there is none.
  const chosen = best ?? bestOnBoundary;
  if (!chosen) {
    throw new AnalyticsError('fit_not_converged', 'the BG/NBD fit did not converge from any starting point', {
      ...lastFailure,
      customers: n,
      repeaters: data.repeaters,
    });
  }
  const params = fromLog(chosen.theta);
  return {
    params,
    logLikelihood: logLikelihoodCompressed(params, data),
    customers: n,
    repeaters: data.repeaters,
    converged: true,
    iterations: chosen.iterations,
    evaluations: chosen.evaluations,
    gradientNorm: chosen.gradientNorm,
    method: chosen.method,
    ...(chosen === best ? {} : { boundary: bestOnBoundary?.boundary ?? [] }),
  };
}

/**
 * P(alive | x, t_x, T): the probability the customer has not dropped out by T. Fader, Hardie & Lee
 * (2008) note, eq. (13) (also the 2005 paper's appendix):
 *   P = 1 / (1 + δ_{x>0} · a / (b + x − 1) · ((α + T) / (α + t_x))^(r + x)).
 * It is 1 for x = 0: in BG/NBD a customer can only drop out right after a repeat purchase.
 *
 * @example
 * probabilityAlive({ r: 0.2426, alpha: 4.414, a: 0.793, b: 2.426 }, { x: 2, tx: 30.43, T: 38.86 }); // ≈ 0.82
 */
export function probabilityAlive(params: BgNbdParams, customer: RepeatBuying): number {
  if (customer.x === 0) return 1;
  const { r, alpha, a, b } = params;
  const x = customer.x;
  const logRatio = (r + x) * Math.log((alpha + customer.T) / (alpha + customer.tx));
  const odds = (a / (b + x - 1)) * Math.exp(logRatio);
  return 1 / (1 + odds);
}

/**
 * The common factor of eqs. (9) and (10): (a+b+x−1)/(a−1) · [1 − (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z)]
 * with z = t / (α' + t), α' = α + T. The paper writes ((α')/(α'+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z);
 * Euler's transformation ₂F₁(A,B;C;z) = (1−z)^(C−A−B) ₂F₁(C−A, C−B; C; z) (A&S 15.3.3) gives this
 * form, whose series converges much faster for large x. At a = 1 the expression is 0/0; a is moved
 * off 1 by 1e-7 there (relative error ~1e-7). It depends on r, b only through r + x and b + x; the
 * CNBD models at k = 1 use it with their posterior's (see `cnbd.ts`).
 */
export function expectedFactor(
  r: number,
  a: number,
  b: number,
  x: number,
  alphaT: number,
  t: number,
): number {
  if (t <= 0) return 0;
  const am1 = Math.abs(a - 1) < 1e-7 ? (a >= 1 ? 1e-7 : -1e-7) : a - 1;
  const z = t / (alphaT + t);
  const c = a + b + x - 1;
  // −expm1 and log1p(F − 1) keep precision when (1−z)^(a−1)·F is close to 1 (short horizons).
  // With a + b + x < 1 (c < 0: small a and b fitted on a few hundred customers) F can be ≤ 0,
  // which has no logarithm; the bracket is then far from 0 and the direct form loses nothing.
  const seriesTail = hyp2f1Minus1(a + b - 1 - r, am1, c, z);
  const bracket =
    seriesTail > -1
      ? -Math.expm1(am1 * Math.log1p(-z) + Math.log1p(seriesTail))
      : 1 - Math.exp(am1 * Math.log1p(-z)) * (1 + seriesTail);
  const factor = ((am1 + b + x) / am1) * bracket;
  if (Number.isFinite(factor) && factor >= 0) return factor;
  // A fit on the edge of its box (very regular buyers: a, b → ∞) has a point-mass dropout
  // probability, where the ₂F₁ series overflows. Its limit with p = a/(a+b+x) (the posterior mean,
  // exact as a + b → ∞) and λ | alive ~ Gamma(r+x, α') is E[1 − e^(−λpt)]/p, in closed form.
  const p = a / (a + b + x);
  return -Math.expm1(-(r + x) * Math.log1p((p * t) / alphaT)) / p;
}

/**
 * The series coefficients of `expectedFactor`'s ₂F₁(a+b−1−r, a−1; a+b+x−1; z): they depend on the
 * customer only through x, so scoring computes them once per x and parameter set and each horizon
 * costs one multiplication and one multiply-add per term. coefficient_n = Π_{i<n} ratio_i.
 */
type SeriesCoefficients = { coefficient: Float64Array; ratio: Float64Array };

let seriesUpper = { A: Number.NaN, B: Number.NaN };
let seriesByC = new Map<number, SeriesCoefficients>();

const MAX_SERIES_TERMS = 100_000;

function seriesCoefficients(A: number, B: number, C: number, length: number): SeriesCoefficients {
  if (seriesUpper.A !== A || seriesUpper.B !== B) {
    seriesUpper = { A, B };
    seriesByC = new Map();
  }
  const cached = seriesByC.get(C);
  if (cached && cached.coefficient.length >= length) return cached;
  let size = cached ? cached.coefficient.length : 128;
  while (size < length) size *= 2;
  size = Math.min(size, MAX_SERIES_TERMS);
  const coefficient = new Float64Array(size);
  const ratio = new Float64Array(size);
  let value = 1;
  for (let n = 0; n < size; n++) {
    coefficient[n] = value;
    const step = ((A + n) * (B + n)) / ((C + n) * (n + 1));
    ratio[n] = step;
    value *= step;
  }
  const series = { coefficient, ratio };
  seriesByC.set(C, series);
  return series;
}

/**
 * ₂F₁(A, B; C; z) − 1 as `hyp2f1Minus1` sums it (terms n ≥ 1 until one is below 1e-16 of the sum
 * while the terms shrink), from cached coefficients in four interleaved chains (n mod 4, powers of
 * z⁴), tested every four terms. NaN when 100,000 terms do not converge (the caller then falls back).
 */
function seriesTailAt(A: number, B: number, C: number, z: number): number {
  let series = seriesCoefficients(A, B, C, 128);
  const z2 = z * z;
  const z4 = z2 * z2;
  let p1 = z;
  let p2 = z2;
  let p3 = z2 * z;
  let p4 = z4;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let n = 1; ; n += 4) {
    if (n + 3 >= series.coefficient.length) {
      if (series.coefficient.length >= MAX_SERIES_TERMS) return Number.NaN;
      series = seriesCoefficients(A, B, C, series.coefficient.length * 2);
    }
    const c = series.coefficient;
    s1 += (c[n] as number) * p1;
    s2 += (c[n + 1] as number) * p2;
    s3 += (c[n + 2] as number) * p3;
    s4 += (c[n + 3] as number) * p4;
    const last = (c[n + 3] as number) * p4;
    p1 *= z4;
    p2 *= z4;
    p3 *= z4;
    p4 *= z4;
    const tail = s1 + s2 + (s3 + s4);
    if (last === 0) return tail;
    if (Math.abs(last) <= 1e-16 * Math.abs(1 + tail) && Math.abs((series.ratio[n + 2] as number) * z) < 1) {
      return tail;
    }
  }
}

/**
 * `expectedFactor` at several horizons into `out` (times `scale`, e.g. P(alive)): the ₂F₁ series of
 * each horizon from coefficients shared by every customer with the same x (`seriesCoefficients`).
 * Equal to `expectedFactor` to rounding (the same terms, summed in another order); the cases it
 * handles specially (c ≤ 0, the boundary limit, a series that does not converge) go to it.
 */
export function expectedFactorsAt(
  r: number,
  a: number,
  b: number,
  x: number,
  alphaT: number,
  horizons: readonly number[],
  scale: number,
  out: Float64Array,
): void {
  const am1 = Math.abs(a - 1) < 1e-7 ? (a >= 1 ? 1e-7 : -1e-7) : a - 1;
  const A = a + b - 1 - r;
  const C = a + b + x - 1;
  const prefactor = (am1 + b + x) / am1;
  for (let h = 0; h < horizons.length; h++) {
    const t = horizons[h] as number;
    if (t <= 0) {
      out[h] = 0;
      continue;
    }
    const z = t / (alphaT + t);
    const tail = C > 0 ? seriesTailAt(A, am1, C, z) : Number.NaN;
    const bracket =
      tail > -1
        ? -Math.expm1(am1 * Math.log1p(-z) + Math.log1p(tail))
        : 1 - Math.exp(am1 * Math.log1p(-z)) * (1 + tail);
    const factor = prefactor * bracket;
    out[h] =
      (Number.isFinite(factor) && factor >= 0 ? factor : expectedFactor(r, a, b, x, alphaT, t)) * scale;
  }
}

/**
 * E[X(t)]: expected purchases in (0, t] of a customer just acquired at time 0 (eq. 9; it counts
 * repeat purchases after the first).
 *
 * @example
 * expectedPurchasesNew({ r: 0.2426, alpha: 4.414, a: 0.793, b: 2.426 }, 52); // ≈ 1.4 purchases in a year
 */
export function expectedPurchasesNew(params: BgNbdParams, t: number): number {
  return expectedFactor(params.r, params.a, params.b, 0, params.alpha, t);
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in the next t weeks (T, T+t] of a customer with history
 * (x, t_x, T), eq. (10):
 *   (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
 *   / [1 + δ_{x>0} a/(b+x−1) ((α+T)/(α+t_x))^(r+x)].
 *
 * @example
 * expectedPurchases({ r: 0.2426, alpha: 4.414, a: 0.793, b: 2.426 }, { x: 2, tx: 30.43, T: 38.86 }, 39);
 */
export function expectedPurchases(params: BgNbdParams, customer: RepeatBuying, t: number): number {
  const factor = expectedFactor(params.r, params.a, params.b, customer.x, params.alpha + customer.T, t);
  return factor * probabilityAlive(params, customer);
}

/**
 * P(X(t) = n): probability that a customer acquired at time 0 makes exactly n repeat purchases in
 * (0, t], eq. (8):
 *   B(a, b+n)/B(a, b) · Γ(r+n)/(Γ(r) n!) · (α/(α+t))^r (t/(α+t))^n
 *   + δ_{n>0} B(a+1, b+n−1)/B(a, b) · [1 − (α/(α+t))^r Σ_{j=0}^{n−1} Γ(r+j)/(Γ(r) j!) (t/(α+t))^j].
 *
 * @example
 * probabilityOfPurchases({ r: 0.2426, alpha: 4.414, a: 0.793, b: 2.426 }, 0, 39); // share making no repeat purchase
 */
export function probabilityOfPurchases(params: BgNbdParams, n: number, t: number): number {
  if (!(Number.isInteger(n) && n >= 0)) return 0;
  const { r, alpha, a, b } = params;
  if (t <= 0) return n === 0 ? 1 : 0;
  const logBeta = (p: number, q: number) => logGamma(p) + logGamma(q) - logGamma(p + q);
  const logP0 = r * Math.log(alpha / (alpha + t));
  const logZ = Math.log(t / (alpha + t));
  const first = Math.exp(
    logBeta(a, b + n) - logBeta(a, b) + logGamma(r + n) - logGamma(r) - logGamma(n + 1) + logP0 + n * logZ,
  );
  if (n === 0) return first;
  // Σ_{j<n} NBD(j) by the term recurrence NBD(j+1) = NBD(j) (r+j)/(j+1) · t/(α+t).
  let term = Math.exp(logP0);
  let cumulative = 0;
  const z = Math.exp(logZ);
  for (let j = 0; j < n; j++) {
    cumulative += term;
    term *= ((r + j) / (j + 1)) * z;
  }
  const second = Math.exp(logBeta(a + 1, b + n - 1) - logBeta(a, b)) * Math.max(0, 1 - cumulative);
  return first + second;
}

/**
 * The expected next-purchase date (the rice seller's delivery date), as weeks from T.
 *
 * Definition: the MEDIAN waiting time from T to the next purchase of a customer who is alive and
 * stays alive. Given alive at T, the customer's purchase rate has the posterior
 * λ | x, T ~ Gamma(r + x, α + T) (Poisson counts with a Gamma prior, eq. 2; the dropout process
 * does not change it), so the wait W is Pareto II: P(W > w) = ((α+T)/(α+T+w))^(r+x), whose median is
 *   w½ = (α + T) · (2^(1/(r+x)) − 1).
 * It is conditional on being alive: read it together with P(alive) (the probability there is a next
 * purchase at all). The median, not the mean, because the mean (α+T)/(r+x−1) is infinite for r+x ≤ 1,
 * which is every one-time buyer in typical fits.
 *
 * @example
 * medianWeeksToNextPurchase({ r: 0.2426, alpha: 4.414, a: 0.793, b: 2.426 }, { x: 10, tx: 38, T: 39 }); // ≈ 2.8
 */
export function medianWeeksToNextPurchase(params: BgNbdParams, customer: RepeatBuying): number {
  const shape = params.r + customer.x;
  return (params.alpha + customer.T) * Math.expm1(Math.LN2 / shape);
}

/**
 * One customer's scoring forecasts under BG/NBD (P(alive) once, eq. (10) at each horizon, the
 * closed-form next-purchase window); an object with methods, not closures, as scoring makes one per
 * customer.
 */
export class BgNbdCustomerForecast {
  readonly pAlive: number;

  constructor(
    private readonly params: BgNbdParams,
    private readonly customer: RepeatBuying,
  ) {
    this.pAlive = probabilityAlive(params, customer);
  }

  expected(t: number): number {
    return expectedPurchases(this.params, this.customer, t);
  }

  /** eq. (10) at each horizon (see `expectedFactorsAt`). */
  expectedAt(horizons: readonly number[], out: Float64Array): void {
    const { r, a, b, alpha } = this.params;
    expectedFactorsAt(r, a, b, this.customer.x, alpha + this.customer.T, horizons, this.pAlive, out);
  }

  window(): NextPurchaseWindow {
    return poissonWindow(this.params.alpha + this.customer.T, this.params.r + this.customer.x, this.pAlive);
  }
}
