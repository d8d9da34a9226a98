/**
 * Quantiles of the wait to the next purchase (the next-purchase window) by Newton's method on
 * ln S(w) against ln w, for the models whose quantiles have no closed form ((M)BG/CNBD-k with k > 1,
 * Pareto/NBD). Scoring runs this for every customer of a tenant, so a wait distribution gives ln S
 * and its elasticity together (one evaluation per step, no closures, no allocation per step).
 */

/** The wait W as the search needs it. */
export interface WaitDistribution {
  /**
   * ln P(W > w) for w > 0 (≤ 0), and sets `elasticity` to d ln S / d ln w = −w f(w) / S(w) there
   * (f the density).
   */
  logSurvival(w: number): number;
  elasticity: number;
}

export type NextPurchaseWindow = {
  /** Weeks from the as-of day: 10 %, 50 % and 90 % quantiles of the wait (the 80 % window). */
  startWeeks: number;
  medianWeeks: number;
  /** Infinity when the 90 % quantile is beyond 10,000 weeks (a heavy-tailed, hardly known rate). */
  endWeeks: number;
  /** P(alive): the window describes the next purchase of a customer who is still there. */
  probabilityAlive: number;
};

/** Beyond 4,096 weeks a quantile is ∞ (as when the search bracketed by powers of 4 up to 4^6). */
const LIMIT_WEEKS = 4096;
const LOG_LIMIT = Math.log(LIMIT_WEEKS);

/**
 * The w with S(w) = level, to 1e-8 in ln w (then one more Newton step: a second in a year), from the
 * guess e^u, with ln w known to lie in (lo, hi) (±∞ when unknown). Newton on φ(u) = ln S(e^u) −
 * ln level, φ' the elasticity; a step that leaves the bracket is replaced by bisection, or by a move
 * of e² towards the unknown side while one side is open. ∞ when S(4096) is still above the level.
 * From a moment-matched guess this takes 3–5 evaluations (the bracketing by powers of 4 and safe
 * Newton it replaces took about 8 per quantile).
 */
export function waitQuantile(
  wait: WaitDistribution,
  level: number,
  guess: number,
  lower = Number.NEGATIVE_INFINITY,
  upper = Number.POSITIVE_INFINITY,
): number {
  const logLevel = Math.log(level);
  let lo = lower;
  let hi = upper;
  let limitChecked = !(hi > LOG_LIMIT);
  let u = guess;
  if (!(u > lo && u < hi)) {
    if (lo > Number.NEGATIVE_INFINITY && hi < Number.POSITIVE_INFINITY) u = 0.5 * (lo + hi);
    else if (lo > Number.NEGATIVE_INFINITY) u = lo + 2;
    else if (hi < Number.POSITIVE_INFINITY) u = hi - 2;
    else u = 0;
  }
  for (let i = 0; i < 200; i++) {
    if (!limitChecked && u >= LOG_LIMIT) {
      limitChecked = true;
      if (wait.logSurvival(LIMIT_WEEKS) > logLevel) return Number.POSITIVE_INFINITY;
      hi = LOG_LIMIT;
      u = lo > Number.NEGATIVE_INFINITY ? 0.5 * (lo + hi) : hi - 2;
    }
    const phi = wait.logSurvival(Math.exp(u)) - logLevel;
    if (phi > 0) lo = u;
    else hi = u;
    let next = u - phi / wait.elasticity;
    if (!(next > lo && next < hi)) {
      if (lo > Number.NEGATIVE_INFINITY && hi < Number.POSITIVE_INFINITY) next = 0.5 * (lo + hi);
      else if (lo === Number.NEGATIVE_INFINITY) next = hi - 2;
      else next = lo + 2;
    }
    if (Math.abs(next - u) < 1e-8 || hi - lo < 1e-8) return Math.exp(next);
    u = next;
  }
  return Math.exp(u);
}

/**
 * The 10 %, 50 % and 90 % quantiles: the median from `medianGuess` (weeks), then the other two from
 * a Newton step off the median (S(median) = ½ lies between their levels, so the median bounds them).
 */
export function waitWindow(
  wait: WaitDistribution,
  medianGuess: number,
  probabilityAlive: number,
): NextPurchaseWindow {
  const medianWeeks = waitQuantile(wait, 0.5, Math.log(medianGuess));
  if (!(Number.isFinite(medianWeeks) && medianWeeks > 1e-9)) {
    return {
      startWeeks: waitQuantile(wait, 0.9, 0),
      medianWeeks,
      endWeeks: Number.isFinite(medianWeeks) ? waitQuantile(wait, 0.1, 0) : Number.POSITIVE_INFINITY,
      probabilityAlive,
    };
  }
  const u = Math.log(medianWeeks);
  // φ(u) at the median for the other levels is ln ½ − ln level; its slope is the elasticity there
  // (as the search left it, within 1e-8 of the median in ln w).
  const slope = wait.elasticity;
  return {
    startWeeks: waitQuantile(
      wait,
      0.9,
      u - (Math.log(0.5) - Math.log(0.9)) / slope,
      Number.NEGATIVE_INFINITY,
      u,
    ),
    medianWeeks,
    endWeeks: waitQuantile(wait, 0.1, u - (Math.log(0.5) - Math.log(0.1)) / slope, u),
    probabilityAlive,
  };
}

/** A wait given by its survival and density functions (the rare Pareto/NBD quadrature case). */
export class SurvivalAndDensity implements WaitDistribution {
  elasticity = 0;
  constructor(
    private readonly survival: (w: number) => number,
    private readonly density: (w: number) => number,
  ) {}
  logSurvival(w: number): number {
    const s = this.survival(w);
    this.elasticity = (-w * this.density(w)) / s;
    return Math.log(s);
  }
}

/**
 * Poisson timing (BG/NBD, and the CNBD models at k = 1): given alive, λ ~ Gamma(r+x, α+T) and the
 * wait is exponential in λ, so Pareto II: S(w) = (1 + w/(α+T))^−(r+x), w_S = (α+T)(S^(−1/(r+x)) − 1)
 * — no search. ∞ beyond 10,000 weeks.
 */
export function poissonWindow(scale: number, shape: number, probabilityAlive: number): NextPurchaseWindow {
  return {
    startWeeks: paretoQuantile(scale, shape, 0.9),
    medianWeeks: paretoQuantile(scale, shape, 0.5),
    endWeeks: paretoQuantile(scale, shape, 0.1),
    probabilityAlive,
  };
}

const WINDOW_LIMIT_WEEKS = 10_000;

function paretoQuantile(scale: number, shape: number, level: number): number {
  const w = scale * Math.expm1(-Math.log(level) / shape);
  return w <= WINDOW_LIMIT_WEEKS ? w : Number.POSITIVE_INFINITY;
}
