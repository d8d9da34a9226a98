/**
 * Special functions the models need: log-gamma, digamma and the Gauss hypergeometric series.
 * Written here (rather than pulled from a library) because the models call them in hot loops with
 * scalar arguments and the accuracy needs are known: ~1e-14 relative for the ranges we use.
 */

// Lanczos approximation, g = 7, n = 9 (the coefficients of Numerical Recipes 3rd ed. §6.1 / Godfrey);
// relative error < 1e-15 for x > 0.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln Γ(x) for x > 0 (Lanczos, g = 7). Returns NaN for x ≤ 0: the models only use positive arguments.
 *
 * @example
 * logGamma(5); // ln 24 ≈ 3.1780538
 */
export function logGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x < 0.5) {
    // Reflection: Γ(x)Γ(1−x) = π / sin(πx) keeps the Lanczos sum in its accurate range.
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < 9; i++) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * ψ(x) = d/dx ln Γ(x) for x > 0: upward recurrence to x ≥ 10, then the asymptotic series
 * (Abramowitz & Stegun 6.3.18).
 *
 * @example
 * digamma(1); // −γ (Euler–Mascheroni) ≈ −0.5772157
 */
export function digamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  let result = 0;
  let y = x;
  while (y < 10) {
    result -= 1 / y;
    y += 1;
  }
  const inv = 1 / y;
  const inv2 = inv * inv;
  // ln y − 1/(2y) − Σ B_2k / (2k y^2k), B_2k Bernoulli numbers, five terms.
  result +=
    Math.log(y) -
    0.5 * inv -
    inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132)))));
  return result;
}

/** ln(e^a + e^b) without overflow; either argument may be −∞. */
export function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/**
 * Gauss hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z < 1 by its power series
 * Σ (a)_k (b)_k / ((c)_k k!) z^k (Abramowitz & Stegun 15.1.1), summed with the term recurrence
 * t_{k+1} = t_k (a+k)(b+k) / ((c+k)(k+1)) z until a term no longer changes the sum (relative 1e-16)
 * and the terms are shrinking. c must not be 0, −1, −2, … . Throws if the series fails to converge
 * within `maxTerms` (only for z very close to 1); callers that need z near 1 should transform first
 * (see `expectedPurchases`, which uses Euler's transformation).
 *
 * @example
 * hyp2f1(1, 1, 2, 0.5); // −ln(1 − 0.5) / 0.5 = 1.3862944
 */
export function hyp2f1(a: number, b: number, c: number, z: number, maxTerms = 100_000): number {
  return 1 + hyp2f1Minus1(a, b, c, z, maxTerms);
}

/**
 * ₂F₁(a, b; c; z) − 1, the series without its leading 1, summed as in `hyp2f1`. For small z the
 * result keeps its full precision, which 1 + (tiny) would round away: callers that take the
 * logarithm use log1p of this (see `expectedPurchases` at short horizons).
 *
 * @example
 * hyp2f1Minus1(1, 1, 2, 1e-12); // ≈ 5e-13, not 0
 */
export function hyp2f1Minus1(a: number, b: number, c: number, z: number, maxTerms = 100_000): number {
  if (z === 0) return 0;
  if (!(z > -1 && z < 1)) return Number.NaN;
  let term = 1;
  let tail = 0;
  for (let k = 0; k < maxTerms; k++) {
    const ratio = ((a + k) * (b + k)) / ((c + k) * (k + 1));
    term *= ratio * z;
    tail += term;
    if (term === 0) return tail;
    // Stop once the tail is negligible: the term is tiny relative to the sum and the ratio is < 1
    // in magnitude (so the remaining terms shrink geometrically).
    if (Math.abs(term) <= 1e-16 * Math.abs(1 + tail) && Math.abs(ratio * z) < 1) return tail;
  }
  throw new RangeError(`hyp2f1(${a}, ${b}; ${c}; ${z}) did not converge in ${maxTerms} terms`);
}
