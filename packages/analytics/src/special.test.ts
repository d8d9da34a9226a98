import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digamma, hyp2f1, hyp2f1Minus1, logAddExp, logGamma } from './special.js';

// Reference values: Abramowitz & Stegun tables / exact identities (Γ(n) = (n−1)!, Γ(½) = √π).
describe('logGamma', () => {
  it('matches exact factorials and Γ(½) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(logGamma(100)).toBeCloseTo(359.1342053695754, 9);
  });

  it('satisfies ln Γ(x+1) = ln Γ(x) + ln x', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e4, noNaN: true }), (x) => {
        expect(logGamma(x + 1)).toBeCloseTo(logGamma(x) + Math.log(x), 9);
      }),
    );
  });

  it('returns NaN outside its domain', () => {
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1)).toBeNaN();
  });
});

describe('digamma', () => {
  it('matches ψ(1) = −γ, ψ(½) = −γ − 2 ln 2 and ψ(10) = H₉ − γ', () => {
    const euler = 0.5772156649015329;
    expect(digamma(1)).toBeCloseTo(-euler, 13);
    expect(digamma(0.5)).toBeCloseTo(-euler - 2 * Math.LN2, 13);
    let h9 = 0;
    for (let k = 1; k <= 9; k++) h9 += 1 / k;
    expect(digamma(10)).toBeCloseTo(h9 - euler, 13);
  });

  it('is the derivative of logGamma', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 500, noNaN: true }), (x) => {
        const h = 1e-5 * Math.max(1, x);
        const numeric = (logGamma(x + h) - logGamma(x - h)) / (2 * h);
        expect(Math.abs(digamma(x) - numeric)).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric)));
      }),
    );
  });
});

describe('hyp2f1', () => {
  it('keeps ₂F₁ − 1 exact where 1 + tail rounds to 1 (hyp2f1Minus1)', () => {
    // −ln(1−z)/z − 1 = z/2 + z²/3 + … ; at z = 1e-12 only the tail form sees it.
    expect(hyp2f1Minus1(1, 1, 2, 1e-12) / 5e-13).toBeCloseTo(1, 9);
    expect(hyp2f1(1, 1, 2, 1e-17)).toBe(1);
    expect(hyp2f1Minus1(1, 1, 2, 0.3)).toBeCloseTo(-Math.log(0.7) / 0.3 - 1, 12);
  });

  it('matches closed forms: −ln(1−z)/z, (1−z)^−a and arcsin', () => {
    for (const z of [0.01, 0.3, 0.7, 0.95]) {
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 12);
      expect(hyp2f1(2.5, 0.7, 0.7, z)).toBeCloseTo((1 - z) ** -2.5, 10);
      const s = Math.sqrt(z);
      expect(hyp2f1(0.5, 0.5, 1.5, z)).toBeCloseTo(Math.asin(s) / s, 12);
    }
  });

  it('approaches Gauss’s sum Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b)) as z → 1 when c > a + b', () => {
    const [a, b, c] = [0.3, 0.8, 2.6];
    const gauss = Math.exp(logGamma(c) + logGamma(c - a - b) - logGamma(c - a) - logGamma(c - b));
    // F(1) − F(z) = O(1 − z) here, so z = 0.999 agrees to about 1e-3.
    expect(Math.abs(hyp2f1(a, b, c, 0.999) - gauss)).toBeLessThan(2e-3);
    expect(hyp2f1(a, b, c, 0.999)).toBeLessThan(gauss);
  });

  it('terminates for a negative integer parameter (a polynomial)', () => {
    // ₂F₁(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1))
    const [b, c, z] = [1.5, 3, 0.4];
    expect(hyp2f1(-2, b, c, z)).toBeCloseTo(1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1)), 14);
  });

  it('is 1 at z = 0 and NaN outside the unit disc', () => {
    expect(hyp2f1(3, 4, 5, 0)).toBe(1);
    expect(hyp2f1(1, 1, 2, 1)).toBeNaN();
  });
});

describe('logAddExp', () => {
  it('adds in log space without overflow and treats −∞ as zero', () => {
    expect(logAddExp(Math.log(2), Math.log(3))).toBeCloseTo(Math.log(5), 14);
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 10);
    expect(logAddExp(Number.NEGATIVE_INFINITY, 4)).toBe(4);
  });
});
