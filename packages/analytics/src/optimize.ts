/**
 * Small unconstrained minimizers for the model fits (a handful of parameters, smooth objectives).
 * The models minimize over log-parameters, so "unconstrained" is the natural setting.
 */

import { AnalyticsError } from './errors.js';

export type Objective = (x: Float64Array) => number;
/** Writes ∇f(x) into `gradient` and returns f(x). */
export type ObjectiveWithGradient = (x: Float64Array, gradient: Float64Array) => number;

export type MinimizeResult = {
  x: number[];
  value: number;
  converged: boolean;
  iterations: number;
  evaluations: number;
  /** ‖∇f‖∞ at the returned point (BFGS only; NaN for Nelder–Mead). */
  gradientNorm: number;
  message: string;
};

export type BfgsOptions = {
  /** Converged when ‖∇f‖∞ ≤ gradientTolerance. @default 1e-7 */
  gradientTolerance?: number;
  /** @default 500 */
  maxIterations?: number;
  /**
   * A box [lower_i, upper_i] the iterates stay in (projected BFGS): a coordinate at a bound whose
   * gradient points out of the box is held there and left out of the convergence test, so a
   * likelihood whose supremum lies at infinity (no finite maximum) stops at the box edge in a few
   * steps instead of crawling outwards until the iteration limit.
   */
  bounds?: readonly (readonly [number, number])[];
};

let deadline = Number.POSITIVE_INFINITY;
let deadlineLabel = '';

/**
 * Runs `run` with a wall-clock budget for every minimizer call inside it (nested budgets keep the
 * earlier deadline): a minimizer that passes it throws `AnalyticsError('fit_not_converged')` with
 * `details.timedOut`, so one pathological fit cannot stall a model choice or a tenant's refit.
 */
export function withinTimeBudget<T>(milliseconds: number, label: string, run: () => T): T {
  const previous = deadline;
  const previousLabel = deadlineLabel;
  const mine = performance.now() + milliseconds;
  if (mine < deadline) {
    deadline = mine;
    deadlineLabel = label;
  }
  try {
    return run();
  } finally {
    deadline = previous;
    deadlineLabel = previousLabel;
  }
}

function checkTimeBudget(): void {
  if (deadline !== Number.POSITIVE_INFINITY && performance.now() > deadline) {
    throw new AnalyticsError(
      'fit_not_converged',
      `the ${deadlineLabel} fit did not finish within its time budget`,
      { timedOut: true },
    );
  }
}

/**
 * Central-difference gradient of `f`, step h = 1e-6·max(1, |x_i|) (error O(h²)); for objectives
 * without an analytic gradient.
 */
export function numericGradient(f: Objective): ObjectiveWithGradient {
  return (x, gradient) => {
    const probe = Float64Array.from(x);
    for (let i = 0; i < x.length; i++) {
      const xi = x[i] as number;
      const h = 1e-6 * Math.max(1, Math.abs(xi));
      probe[i] = xi + h;
      const up = f(probe);
      probe[i] = xi - h;
      const down = f(probe);
      probe[i] = xi;
      gradient[i] = (up - down) / (2 * h);
    }
    return f(x);
  };
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (const value of v) m = Math.max(m, Math.abs(value));
  return m;
}

/**
 * BFGS quasi-Newton (Nocedal & Wright 2006, Algorithm 6.1) with a backtracking Armijo line search
 * and the curvature check sᵀy > 0 before each inverse-Hessian update (skipped otherwise), so the
 * search direction stays a descent direction. Non-finite objective values are treated as +∞, which
 * makes the line search back off from regions where the model is undefined.
 *
 * @example
 * const rosenbrock: ObjectiveWithGradient = (x, g) => {
 *   const [a, b] = [x[0]!, x[1]!];
 *   g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
 *   g[1] = 200 * (b - a * a);
 *   return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
 * };
 * minimizeBfgs(rosenbrock, [-1.2, 1]).x; // ≈ [1, 1]
 */
export function minimizeBfgs(
  f: ObjectiveWithGradient,
  start: readonly number[],
  options: BfgsOptions = {},
): MinimizeResult {
  const tolerance = options.gradientTolerance ?? 1e-7;
  const maxIterations = options.maxIterations ?? 500;
  const n = start.length;
  const bounds = options.bounds;
  const x = Float64Array.from(start);
  if (bounds) clampInto(x, bounds);
  // The gradient with the components that push against an active bound zeroed (= g without bounds).
  const pg = new Float64Array(n);
  const projected = (at: Float64Array, gradient: Float64Array): Float64Array => {
    for (let i = 0; i < n; i++) {
      const gi = gradient[i] as number;
      const [lo, hi] = bounds ? (bounds[i] as readonly [number, number]) : [-Infinity, Infinity];
      const xi = at[i] as number;
      pg[i] = (xi <= lo && gi > 0) || (xi >= hi && gi < 0) ? 0 : gi;
    }
    return pg;
  };
  const g = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const direction = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const hy = new Float64Array(n);
  // Inverse Hessian approximation, row-major, starts as the identity (rescaled after step one).
  const H = new Float64Array(n * n);
  for (let i = 0; i < n; i++) H[i * n + i] = 1;

  let evaluations = 1;
  let fx = f(x, g);
  if (!Number.isFinite(fx)) {
    return result(false, 0, 'objective is not finite at the starting point');
  }
  let iteration = 0;
  let stalledOnEdge = 0;
  for (; iteration < maxIterations; iteration++) {
    checkTimeBudget();
    const free = projected(x, g);
    if (maxAbs(free) <= tolerance) return result(true, iteration, 'gradient below tolerance');
    let slope = 0;
    for (let i = 0; i < n; i++) {
      let d = 0;
      for (let j = 0; j < n; j++) d -= (H[i * n + j] as number) * (free[j] as number);
      // Held at a bound: no move out of the box.
      if (bounds && free[i] === 0 && g[i] !== 0) d = 0;
      direction[i] = d;
      slope += d * (g[i] as number);
    }
    if (!(slope < 0)) {
      // Lost descent (numerical trouble): restart from steepest descent.
      H.fill(0);
      for (let i = 0; i < n; i++) {
        H[i * n + i] = 1;
        direction[i] = -(free[i] as number);
      }
      slope = 0;
      for (let i = 0; i < n; i++) slope -= (free[i] as number) ** 2;
    }
    // Backtracking line search with the Armijo condition (N&W Algorithm 3.1), c1 = 1e-4.
    // Cap the first step so one step moves no coordinate (a log-parameter) by more than 5.
    let step = Math.min(1, 5 / Math.max(1e-300, maxAbs(direction)));
    let fNew = Number.POSITIVE_INFINITY;
    let accepted = false;
    for (let tries = 0; tries < 60; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = (x[i] as number) + step * (direction[i] as number);
      let decrease = step * slope;
      if (bounds && clampInto(xNew, bounds)) {
        // Projected step: the Armijo test uses the step actually taken.
        decrease = 0;
        for (let i = 0; i < n; i++) decrease += (g[i] as number) * ((xNew[i] as number) - (x[i] as number));
      }
      fNew = f(xNew, gNew);
      evaluations++;
      if (Number.isFinite(fNew) && fNew <= fx + 1e-4 * decrease) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) {
      // No decrease along a descent direction: we sit at the optimum to machine precision, or the
      // problem is ill-posed. Only the first counts as convergence.
      const converged = maxAbs(projected(x, g)) <= tolerance * 100;
      return result(converged, iteration, converged ? 'no further decrease possible' : 'line search failed');
    }
    let sy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = (xNew[i] as number) - (x[i] as number);
      y[i] = (gNew[i] as number) - (g[i] as number);
      sy += (s[i] as number) * (y[i] as number);
    }
    const improvement = fx - fNew;
    x.set(xNew);
    g.set(gNew);
    fx = fNew;
    if (sy > 1e-12) {
      if (iteration === 0) {
        // N&W eq. 6.20: scale the initial inverse Hessian by sᵀy / yᵀy before the first update.
        let yy = 0;
        for (let i = 0; i < n; i++) yy += (y[i] as number) ** 2;
        const scale = sy / yy;
        for (let i = 0; i < n; i++) H[i * n + i] = scale;
      }
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1 / sᵀy (N&W eq. 6.17), expanded.
      const rho = 1 / sy;
      let yHy = 0;
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += (H[i * n + j] as number) * (y[j] as number);
        hy[i] = v;
        yHy += (y[i] as number) * v;
      }
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const si = s[i] as number;
          const sj = s[j] as number;
          H[i * n + j] =
            (H[i * n + j] as number) -
            rho * ((hy[i] as number) * sj + si * (hy[j] as number)) +
            (rho * rho * yHy + rho) * si * sj;
        }
      }
    }
    // On the box edge the free coordinates often chase a flat ridge (the supremum lies beyond the
    // box) where the gradient test is never met in double precision: there a relative change of
    // the objective below 1e-9 over 3 iterations in a row is convergence.
    let held = false;
    if (bounds) {
      const free = projected(x, g);
      for (let i = 0; i < n; i++) if (free[i] === 0 && g[i] !== 0) held = true;
    }
    stalledOnEdge =
      held && improvement >= 0 && improvement <= 1e-9 * Math.max(1, Math.abs(fx)) ? stalledOnEdge + 1 : 0;
    if (stalledOnEdge >= 3) return result(true, iteration + 1, 'objective stalled on the edge of the box');
    if (
      improvement >= 0 &&
      improvement <= 1e-15 * Math.max(1, Math.abs(fx)) &&
      maxAbs(projected(x, g)) <= tolerance * 100
    ) {
      return result(true, iteration + 1, 'objective stalled at a near-zero gradient');
    }
  }
  return result(maxAbs(projected(x, g)) <= tolerance, iteration, 'iteration limit reached');

  function result(converged: boolean, iterations: number, message: string): MinimizeResult {
    return {
      x: Array.from(x),
      value: fx,
      converged,
      iterations,
      evaluations,
      gradientNorm: maxAbs(projected(x, g)),
      message,
    };
  }
}

/** Moves x into the box; true if any coordinate moved. */
function clampInto(x: Float64Array, bounds: readonly (readonly [number, number])[]): boolean {
  let moved = false;
  for (let i = 0; i < x.length; i++) {
    const [lo, hi] = bounds[i] as readonly [number, number];
    const xi = x[i] as number;
    const inside = Math.min(hi, Math.max(lo, xi));
    if (inside !== xi) {
      x[i] = inside;
      moved = true;
    }
  }
  return moved;
}

/** The coordinates of `x` that sit on a bound of the box (within 1e-9), with which bound. */
export function activeBounds(
  x: readonly number[],
  bounds: readonly (readonly [number, number])[],
): { index: number; bound: 'lower' | 'upper' }[] {
  const active: { index: number; bound: 'lower' | 'upper' }[] = [];
  x.forEach((xi, index) => {
    const [lo, hi] = bounds[index] as readonly [number, number];
    if (xi <= lo + 1e-9) active.push({ index, bound: 'lower' });
    else if (xi >= hi - 1e-9) active.push({ index, bound: 'upper' });
  });
  return active;
}

export type NelderMeadOptions = {
  /** Converged when the simplex's values and vertices span less than these. @default 1e-10 */
  valueTolerance?: number;
  /** @default 1e-8 */
  pointTolerance?: number;
  /** @default 5000 */
  maxIterations?: number;
  /** Initial simplex edge. @default 0.5 */
  initialStep?: number;
  /** Restart from the best vertex this many times (guards against a collapsed simplex). @default 2 */
  restarts?: number;
};

/**
 * Nelder–Mead simplex (Lagarias et al. 1998 coefficients: reflection 1, expansion 2, contraction ½,
 * shrink ½) with restarts from the best point. Derivative-free fallback and the cross-check for BFGS.
 *
 * @example
 * minimizeNelderMead((x) => (x[0]! - 3) ** 2 + (x[1]! + 1) ** 2, [0, 0]).x; // ≈ [3, −1]
 */
export function minimizeNelderMead(
  f: Objective,
  start: readonly number[],
  options: NelderMeadOptions = {},
): MinimizeResult {
  const valueTolerance = options.valueTolerance ?? 1e-10;
  const pointTolerance = options.pointTolerance ?? 1e-8;
  const maxIterations = options.maxIterations ?? 5000;
  const restarts = options.restarts ?? 2;
  const n = start.length;
  const safe = (p: Float64Array): number => {
    const v = f(p);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  let best = Float64Array.from(start);
  let evaluations = 0;
  let totalIterations = 0;
  let converged = false;
  let bestValue = Number.POSITIVE_INFINITY;
  for (let round = 0; round <= restarts; round++) {
    const simplex: Float64Array[] = [Float64Array.from(best)];
    for (let i = 0; i < n; i++) {
      const vertex = Float64Array.from(best);
      vertex[i] = (vertex[i] as number) + (options.initialStep ?? 0.5);
      simplex.push(vertex);
    }
    const values = simplex.map((p) => safe(p));
    evaluations += n + 1;
    const centroid = new Float64Array(n);
    const trial = (from: Float64Array, t: number): Float64Array => {
      const p = new Float64Array(n);
      for (let i = 0; i < n; i++)
        p[i] = (centroid[i] as number) + t * ((from[i] as number) - (centroid[i] as number));
      return p;
    };
    converged = false;
    let iteration = 0;
    for (; iteration < maxIterations; iteration++) {
      if (iteration % 16 === 0) checkTimeBudget();
      const order = values.map((_, i) => i).sort((i, j) => (values[i] as number) - (values[j] as number));
      const sortedSimplex = order.map((i) => simplex[i] as Float64Array);
      const sortedValues = order.map((i) => values[i] as number);
      for (let i = 0; i <= n; i++) {
        simplex[i] = sortedSimplex[i] as Float64Array;
        values[i] = sortedValues[i] as number;
      }
      const lowest = values[0] as number;
      const highest = values[n] as number;
      let spread = 0;
      for (let i = 1; i <= n; i++) {
        for (let j = 0; j < n; j++) {
          spread = Math.max(
            spread,
            Math.abs(
              ((simplex[i] as Float64Array)[j] as number) - ((simplex[0] as Float64Array)[j] as number),
            ),
          );
        }
      }
      if (
        Math.abs(highest - lowest) <= valueTolerance * Math.max(1, Math.abs(lowest)) &&
        spread <= pointTolerance
      ) {
        converged = true;
        break;
      }
      centroid.fill(0);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++)
          centroid[j] = (centroid[j] as number) + ((simplex[i] as Float64Array)[j] as number) / n;
      }
      const worst = simplex[n] as Float64Array;
      const reflected = trial(worst, -1);
      const fr = safe(reflected);
      evaluations++;
      if (fr < lowest) {
        const expanded = trial(worst, -2);
        const fe = safe(expanded);
        evaluations++;
        if (fe < fr) {
          simplex[n] = expanded;
          values[n] = fe;
        } else {
          simplex[n] = reflected;
          values[n] = fr;
        }
      } else if (fr < (values[n - 1] as number)) {
        simplex[n] = reflected;
        values[n] = fr;
      } else {
        const outside = fr < highest;
        const contracted = trial(outside ? reflected : worst, 0.5);
        const fc = safe(contracted);
        evaluations++;
        if (fc < (outside ? fr : highest)) {
          simplex[n] = contracted;
          values[n] = fc;
        } else {
          const bestVertex = simplex[0] as Float64Array;
          for (let i = 1; i <= n; i++) {
            const vertex = simplex[i] as Float64Array;
            for (let j = 0; j < n; j++) {
              vertex[j] =
                (bestVertex[j] as number) + 0.5 * ((vertex[j] as number) - (bestVertex[j] as number));
            }
            values[i] = safe(vertex);
            evaluations++;
          }
        }
      }
    }
    totalIterations += iteration;
    let bestIndex = 0;
    for (let i = 1; i <= n; i++) if ((values[i] as number) < (values[bestIndex] as number)) bestIndex = i;
    const roundValue = values[bestIndex] as number;
    const improved = bestValue - roundValue;
    if (roundValue <= bestValue) {
      best = Float64Array.from(simplex[bestIndex] as Float64Array);
      bestValue = roundValue;
    }
    // A restart that finds nothing better confirms the optimum.
    if (converged && round > 0 && improved <= valueTolerance * Math.max(1, Math.abs(bestValue))) break;
  }
  return {
    x: Array.from(best),
    value: bestValue,
    converged: converged && Number.isFinite(bestValue),
    iterations: totalIterations,
    evaluations,
    gradientNorm: Number.NaN,
    message: converged ? 'simplex collapsed below tolerance' : 'iteration limit reached',
  };
}
