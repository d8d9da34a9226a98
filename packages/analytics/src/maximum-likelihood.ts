/**
 * Maximum likelihood over log-parameters for the timing models ((M)BG/CNBD-k, Pareto/NBD): BFGS on
 * the model's analytic gradient (central differences for an objective without one), Nelder–Mead to
 * rescue a start BFGS cannot finish, several starts, and the same "boundary optimum is no optimum"
 * rule as `fitBgNbd`.
 */
import { AnalyticsError } from './errors.js';
import {
  activeBounds,
  minimizeBfgs,
  minimizeNelderMead,
  numericGradient,
  type ObjectiveWithGradient,
} from './optimize.js';

export type MaximumLikelihood = {
  /** The optimum, in the parameters' own (not log) scale. */
  params: number[];
  /** −(objective) at the optimum: the mean log-likelihood per customer. */
  meanLogLikelihood: number;
  iterations: number;
  method: 'bfgs' | 'nelder-mead+bfgs' | 'nelder-mead';
  /**
   * Only when no start reached an interior optimum: the indices of the parameters held on the edge
   * of the search box (`bounds`), where the likelihood keeps rising beyond.
   */
  boundary?: { index: number; bound: 'lower' | 'upper' }[];
};

/**
 * Minimizes `negativeMeanLogLikelihood(θ)` over log-parameters θ from the starts (given in the
 * parameters' own scale), in order, and returns the first interior optimum: these likelihoods are
 * smooth and, on the data we see, unimodal in log-parameters, and each start costs a few hundred
 * likelihood passes (the model choice fits up to a dozen models), so later starts are fallbacks.
 * `bounds[i]` is the [lo, hi] box the search stays in: without a finite maximum (very regular or
 * homogeneous buyers) an unbounded search crawls outwards until its iteration limit from every
 * start. An optimum on the box edge is returned (with `boundary`) only if no start finds one inside.
 */
/**
 * −(mean log-likelihood) at `params` (the parameters' own scale); with `gradient`, also writes its
 * derivatives with respect to the log-parameters there.
 */
export type NegativeMeanLogLikelihood = (params: readonly number[], gradient?: Float64Array) => number;

export function maximizeLikelihood(
  negativeMeanLogLikelihood: NegativeMeanLogLikelihood,
  starts: readonly (readonly number[])[],
  bounds: readonly (readonly [number, number])[],
  label: string,
  options: {
    /** 'numeric': the objective ignores `gradient`, use central differences. @default 'analytic' */
    gradient?: 'analytic' | 'numeric';
  } = {},
): MaximumLikelihood {
  const objective = (theta: Float64Array): number => {
    const value = negativeMeanLogLikelihood(Array.from(theta, Math.exp));
    return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
  };
  const box = bounds.map(([lo, hi]) => [Math.log(lo), Math.log(hi)] as [number, number]);
  const clamped = new Float64Array(box.length);
  // Nelder–Mead has no box: it sees the objective of the nearest point inside.
  const clampedObjective = (theta: Float64Array): number => {
    for (let i = 0; i < box.length; i++) {
      const [lo, hi] = box[i] as [number, number];
      clamped[i] = Math.min(hi, Math.max(lo, theta[i] as number));
    }
    return objective(clamped);
  };
  const withGradient: ObjectiveWithGradient =
    options.gradient === 'numeric'
      ? numericGradient(objective)
      : (theta, gradient) => {
          const value = negativeMeanLogLikelihood(Array.from(theta, Math.exp), gradient);
          if (Number.isFinite(value)) return value;
          gradient.fill(0);
          return Number.POSITIVE_INFINITY;
        };
  // The tolerance of the central-difference days (they carry ~1e-10 noise), kept with the analytic
  // gradients so that the fitted numbers stay where the tests pin them.
  const tolerance = 1e-6;
  let best: MaximumLikelihood | undefined;
  let bestOnBoundary: (MaximumLikelihood & { value: number }) | undefined;
  let lastFailure: Record<string, unknown> = {};
  for (const start of starts) {
    const theta0 = start.map(Math.log);
    let result = minimizeBfgs(withGradient, theta0, {
      gradientTolerance: tolerance,
      maxIterations: 200,
      bounds: box,
    });
    let method: MaximumLikelihood['method'] = 'bfgs';
    if (!result.converged) {
      const simplex = minimizeNelderMead(clampedObjective, result.x, { maxIterations: 1500, restarts: 1 });
      simplex.x = simplex.x.map((t, i) =>
        Math.min((box[i] as [number, number])[1], Math.max((box[i] as [number, number])[0], t)),
      );
      const polished = minimizeBfgs(withGradient, simplex.x, {
        gradientTolerance: tolerance,
        maxIterations: 400,
        bounds: box,
      });
      if (polished.converged && polished.value <= simplex.value + 1e-12) {
        result = polished;
        method = 'nelder-mead+bfgs';
      } else {
        result = simplex;
        method = 'nelder-mead';
      }
    }
    const params = result.x.map(Math.exp);
    if (!result.converged || !Number.isFinite(result.value)) {
      lastFailure = { params, message: result.message };
      continue;
    }
    const atBound = activeBounds(result.x, box);
    if (atBound.length > 0) {
      if (!bestOnBoundary || result.value < bestOnBoundary.value) {
        bestOnBoundary = {
          params,
          meanLogLikelihood: -result.value,
          iterations: result.iterations,
          method,
          boundary: atBound,
          value: result.value,
        };
      }
      continue;
    }
    best = { params, meanLogLikelihood: -result.value, iterations: result.iterations, method };
    break;
  }
  if (!best && bestOnBoundary) {
    const { value: _value, ...onBoundary } = bestOnBoundary;
    best = onBoundary;
  }
  if (!best) {
    throw new AnalyticsError(
      'fit_not_converged',
      `the ${label} fit did not converge from any starting point`,
      lastFailure,
    );
  }
  return best;
}

/** `boundary` with parameter names and values, for a fit's output (undefined for an interior optimum). */
export function namedBoundary(
  fit: MaximumLikelihood,
  names: readonly string[],
): { parameter: string; bound: 'lower' | 'upper'; value: number }[] | undefined {
  return fit.boundary?.map(({ index, bound }) => ({
    parameter: names[index] as string,
    bound,
    value: fit.params[index] as number,
  }));
}
