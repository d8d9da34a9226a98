/**
 * The Gamma-Gamma model of spend per transaction: Fader, Hardie & Lee (2005), "RFM and CLV: Using
 * Iso-Value Curves for Customer Base Analysis", Journal of Marketing Research 42(4), 415–430, §4,
 * and Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value" (note 025). Equation numbers
 * refer to the note.
 *
 * A customer with x ≥ 1 repeat transactions of mean value z̄: each transaction's value is
 * Gamma(p, ν), ν ~ Gamma(q, γ) across customers. Spend is assumed independent of the transaction
 * process (check with the correlation of x and z̄ before relying on CLV).
 */
import { AnalyticsError } from './errors.js';
import { minimizeBfgs, minimizeNelderMead } from './optimize.js';
import { digamma, logGamma } from './special.js';

export type GammaGammaParams = { p: number; q: number; gamma: number };

/** A repeat customer's spend: `count` transactions (x) of mean value `meanSpend` (z̄ > 0). */
export type SpendHistory = { spendCount: number; meanSpend: number };

export type GammaGammaFit = {
  params: GammaGammaParams;
  logLikelihood: number;
  /** Customers used: those with spendCount ≥ 1 and meanSpend > 0. */
  customers: number;
  converged: true;
  iterations: number;
  gradientNorm: number;
  /** E(M) = pγ / (q − 1), the population mean spend per transaction (∞ when q ≤ 1). */
  populationMeanSpend: number;
};

/**
 * Σ ln f(z̄ | p, q, γ; x), the note's eq. (1a):
 *   f = Γ(px+q) / (Γ(px) Γ(q)) · γ^q z̄^(px−1) x^(px) / (γ + x z̄)^(px+q),
 * with the gradient in (ln p, ln q, ln γ) when `gradient` is given.
 */
function logLikelihoodWithGradient(
  params: GammaGammaParams,
  x: Float64Array,
  z: Float64Array,
  gradient?: Float64Array,
): number {
  const { p, q, gamma } = params;
  const lgQ = logGamma(q);
  const psiQ = gradient ? digamma(q) : 0;
  const logGammaParam = Math.log(gamma);
  let total = 0;
  let gP = 0;
  let gQ = 0;
  let gG = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    const zi = z[i] as number;
    const px = p * xi;
    const logZ = Math.log(zi);
    const logX = Math.log(xi);
    const logDen = Math.log(gamma + xi * zi);
    total +=
      logGamma(px + q) -
      logGamma(px) -
      lgQ +
      q * logGammaParam +
      (px - 1) * logZ +
      px * logX -
      (px + q) * logDen;
    if (gradient) {
      const psiPXQ = digamma(px + q);
      gP += xi * (psiPXQ - digamma(px) + logZ + logX - logDen);
      gQ += psiPXQ - psiQ + logGammaParam - logDen;
      gG += q / gamma - (px + q) / (gamma + xi * zi);
    }
  }
  if (gradient) {
    gradient[0] = p * gP;
    gradient[1] = q * gQ;
    gradient[2] = gamma * gG;
  }
  return total;
}

function usable(customers: readonly SpendHistory[]): { x: Float64Array; z: Float64Array } {
  const x: number[] = [];
  const z: number[] = [];
  for (const c of customers) {
    if (c.spendCount >= 1 && c.meanSpend > 0 && Number.isFinite(c.meanSpend)) {
      x.push(c.spendCount);
      z.push(c.meanSpend);
    }
  }
  return { x: Float64Array.from(x), z: Float64Array.from(z) };
}

/**
 * The Gamma-Gamma log-likelihood of the customers with spendCount ≥ 1 and meanSpend > 0 (eq. 1a);
 * others are skipped (see the zero-amount rule on `CustomerSummary`).
 *
 * @example
 * gammaGammaLogLikelihood({ p: 6.25, q: 3.74, gamma: 15.44 }, summaries);
 */
export function gammaGammaLogLikelihood(
  params: GammaGammaParams,
  customers: readonly SpendHistory[],
): number {
  const { x, z } = usable(customers);
  return logLikelihoodWithGradient(params, x, z);
}

/**
 * Maximum-likelihood (p, q, γ) from repeat customers' mean spend (eq. 1a), BFGS on log-parameters
 * with the analytic gradient, Nelder–Mead as the fallback. Customers without a positive repeat
 * spend are skipped. Throws `AnalyticsError` (`invalid_input` with fewer than 2 usable customers,
 * `degenerate_data` when every usable customer has the same mean spend, `fit_not_converged` when the
 * optimizer cannot settle).
 *
 * @example
 * fitGammaGamma(summaries).params; // CDNOW sample 1997-09-30: { p: 6.25, q: 3.74, gamma: 15.44 }
 */
export function fitGammaGamma(
  customers: readonly SpendHistory[],
  options: { gradientTolerance?: number } = {},
): GammaGammaFit {
  const { x, z } = usable(customers);
  const n = x.length;
  if (n < 2)
    throw new AnalyticsError(
      'invalid_input',
      'the Gamma-Gamma fit needs at least two repeat customers with spend',
    );
  // No spread in the customers' mean spend (e.g. one price for everything): the likelihood rises
  // for ever as p, q → ∞, so there is no estimate to search for (and the search is slow to give up).
  let lowest = Number.POSITIVE_INFINITY;
  let highest = Number.NEGATIVE_INFINITY;
  for (const value of z) {
    lowest = Math.min(lowest, value);
    highest = Math.max(highest, value);
  }
  if (highest - lowest <= 1e-12 * highest) {
    throw new AnalyticsError(
      'degenerate_data',
      'every repeat customer has the same mean spend: the Gamma-Gamma model has no finite estimate',
      { customers: n, meanSpend: highest },
    );
  }
  const tolerance = options.gradientTolerance ?? 1e-8;
  const fromLog = (theta: ArrayLike<number>): GammaGammaParams => ({
    p: Math.exp(theta[0] as number),
    q: Math.exp(theta[1] as number),
    gamma: Math.exp(theta[2] as number),
  });
  const objective = (theta: Float64Array, gradient: Float64Array): number => {
    const value = -logLikelihoodWithGradient(fromLog(theta), x, z, gradient) / n;
    for (let i = 0; i < 3; i++) gradient[i] = -(gradient[i] as number) / n;
    return value;
  };
  // Method-of-moments flavoured start: E(z̄) = pγ/(q−1); with p = q = 2, γ = mean spend / 2.
  let mean = 0;
  for (const value of z) mean += value / n;
  const starts = [
    [Math.log(2), Math.log(2), Math.log(mean / 2)],
    [Math.log(1), Math.log(3), Math.log(mean)],
    [Math.log(6), Math.log(4), Math.log(mean / 2)],
  ];
  let best: ReturnType<typeof minimizeBfgs> | undefined;
  let last: ReturnType<typeof minimizeBfgs> | undefined;
  for (const start of starts) {
    let result = minimizeBfgs(objective, start, { gradientTolerance: tolerance, maxIterations: 1000 });
    if (!result.converged) {
      const simplex = minimizeNelderMead((theta) => objective(theta, new Float64Array(3)), result.x);
      result = minimizeBfgs(objective, simplex.x, { gradientTolerance: tolerance, maxIterations: 1000 });
    }
    last = result;
    // A vanishing gradient far out (p, q → ∞: everyone spends the same) is not a finite optimum.
    const at = fromLog(result.x);
    const inside = (v: number, scale: number) => v >= 1e-5 * scale && v <= 1e5 * scale;
    const interior = inside(at.p, 1) && inside(at.q, 1) && inside(at.gamma, mean);
    if (result.converged && interior && (!best || result.value < best.value)) best = result;
  }
  if (!best) {
    throw new AnalyticsError('fit_not_converged', 'the Gamma-Gamma fit did not converge', {
      params: last ? fromLog(last.x) : undefined,
      gradientNorm: last?.gradientNorm,
      customers: n,
    });
  }
  const params = fromLog(best.x);
  return {
    params,
    logLikelihood: logLikelihoodWithGradient(params, x, z),
    customers: n,
    converged: true,
    iterations: best.iterations,
    gradientNorm: best.gradientNorm,
    populationMeanSpend: params.q > 1 ? (params.p * params.gamma) / (params.q - 1) : Number.POSITIVE_INFINITY,
  };
}

/**
 * E(M | p, q, γ, z̄, x): the expected spend per future transaction of a customer with x repeat
 * transactions of mean z̄ (the note's eq. 5):
 *   E = p (γ + x z̄) / (p x + q − 1)
 *     = (q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · z̄,
 * a credibility-weighted mix of the population mean pγ/(q−1) and the customer's own mean.
 * With x = 0 it is the population mean. Requires q > 1 (otherwise the mean does not exist: NaN).
 *
 * @example
 * expectedSpend({ p: 6.25, q: 3.74, gamma: 15.44 }, { spendCount: 2, meanSpend: 22.35 }); // ≈ 28
 */
export function expectedSpend(params: GammaGammaParams, customer: SpendHistory): number {
  const { p, q, gamma } = params;
  const x = customer.spendCount > 0 && customer.meanSpend > 0 ? customer.spendCount : 0;
  const denominator = p * x + q - 1;
  if (!(denominator > 0)) return Number.NaN;
  return (p * (gamma + x * (x > 0 ? customer.meanSpend : 0))) / denominator;
}
