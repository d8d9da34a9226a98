/**
 * Maximum likelihood over log-parameters for the timing models that have no hand-derived gradient
 * ((M)BG/CNBD-k, Pareto/NBD): BFGS on central differences, Nelder–Mead to rescue a start BFGS cannot
 * finish, several starts, and the same "boundary optimum is no optimum" rule as `fitBgNbd`.
 */
import { AnalyticsError } from './errors.js';
import { minimizeBfgs, minimizeNelderMead, numericGradient } from './optimize.js';

export type MaximumLikelihood = {
  /** The optimum, in the parameters' own (not log) scale. */
  params: number[];
  /** −(objective) at the optimum: the mean log-likelihood per customer. */
  meanLogLikelihood: number;
  iterations: number;
  method: 'bfgs' | 'nelder-mead+bfgs' | 'nelder-mead';
};

/**
 * Minimizes `negativeMeanLogLikelihood(θ)` over log-parameters θ from the starts (given in the
 * parameters' own scale), in order, and returns the first interior optimum: these likelihoods are
 * smooth and, on the data we see, unimodal in log-parameters, and each start costs a few hundred
 * likelihood passes (the model choice fits up to a dozen models), so later starts are fallbacks. `bounds[i]` is the [lo, hi] range
 * outside which parameter i counts as "at the boundary" (no finite maximum: not converged).
 */
export function maximizeLikelihood(
  negativeMeanLogLikelihood: (params: readonly number[]) => number,
  starts: readonly (readonly number[])[],
  bounds: readonly (readonly [number, number])[],
  label: string,
): MaximumLikelihood {
  const objective = (theta: Float64Array): number => {
    const value = negativeMeanLogLikelihood(Array.from(theta, Math.exp));
    return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
  };
  const withGradient = numericGradient(objective);
  // Central differences carry ~1e-10 noise, so the gradient test is looser than fitBgNbd's.
  const tolerance = 1e-6;
  let best: MaximumLikelihood | undefined;
  let lastFailure: Record<string, unknown> = {};
  for (const start of starts) {
    const theta0 = start.map(Math.log);
    let result = minimizeBfgs(withGradient, theta0, { gradientTolerance: tolerance, maxIterations: 200 });
    let method: MaximumLikelihood['method'] = 'bfgs';
    if (!result.converged) {
      const simplex = minimizeNelderMead(objective, result.x, { maxIterations: 1500, restarts: 1 });
      const polished = minimizeBfgs(withGradient, simplex.x, {
        gradientTolerance: tolerance,
        maxIterations: 400,
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
    const inside = params.every((p, i) => {
      const [lo, hi] = bounds[i] as readonly [number, number];
      return p >= lo && p <= hi;
    });
    if (!result.converged || !inside || !Number.isFinite(result.value)) {
      lastFailure = {
        params,
        message: result.converged
          ? 'the likelihood is maximised at the boundary of the parameter space'
          : result.message,
      };
      continue;
    }
    best = { params, meanLogLikelihood: -result.value, iterations: result.iterations, method };
    break;
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
