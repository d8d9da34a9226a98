import { describe, expect, it } from 'vitest';
import { WEEKS_PER_MONTH } from './clv.js';
import { type CnbdParams, type CnbdVariant, cnbdForecaster, cnbdProbabilityOfPurchase } from './cnbd.js';
import { referenceCnbdDensity, referenceCnbdExpected, referenceCnbdSurvival } from './cnbd-reference.js';
import { customerForecastOf, expectedAndDiscounted } from './purchase-model.js';
import { seededRandom } from './simulation.js';

type Case = {
  params: CnbdParams;
  variant: CnbdVariant;
  customer: { x: number; tx: number; T: number };
};

/** Customers and parameters far beyond what fits give: k 1…12, x to 40, T to 300 weeks, a = 1 too. */
function cases(count: number, seed: number): Case[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const k = 1 + Math.floor(random() * 12);
    const params = {
      k,
      r: 0.05 + random() * 5,
      alpha: 0.1 + random() * 40,
      a: i % 25 === 0 ? 1 : 0.05 + random() * 3,
      b: 0.05 + random() * 8,
    };
    const x = random() < 0.3 ? 0 : Math.floor(random() * 40);
    const T = random() * 300;
    const tx = x > 0 ? random() * T : 0;
    return { params, variant: random() < 0.5 ? 'bg' : 'mbg', customer: { x, tx, T } };
  });
}

const relative = (actual: number, expected: number) =>
  Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);

// Scoring's horizons: the 90-day expectation among CLV's 12 month ends.
const horizons = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
  .map((m) => m * WEEKS_PER_MONTH)
  .concat(90 / 7)
  .sort((p, q) => p - q);

describe('the CNBD fast path (sums by M, all horizons in one pass) equals the sums by hidden events j', () => {
  it('E[purchases] at one and at 13 horizons, the wait’s survival and density, P(≥ 1 purchase): to 1e-9', () => {
    let worst = 0;
    for (const { params, variant, customer } of cases(600, 13)) {
      const forecast = cnbdForecaster(params, variant, customer);
      const together = new Float64Array(horizons.length);
      forecast.expectedAt(horizons, together);
      horizons.forEach((t, i) => {
        const reference = referenceCnbdExpected(params, variant, customer, t);
        if (reference < 1e-200) return;
        worst = Math.max(
          worst,
          relative(forecast.expected(t), reference),
          relative(together[i] as number, reference),
        );
      });
      for (const w of [0.01, 1, 4, 13, 52, 300]) {
        const survival = referenceCnbdSurvival(params, variant, customer, w);
        if (survival > 1e-200) worst = Math.max(worst, relative(forecast.survival(w), survival));
        const density = referenceCnbdDensity(params, variant, customer, w);
        if (density > 1e-200) worst = Math.max(worst, relative(forecast.density(w), density));
        // A probability, 1 − S: compared absolutely (both sides cancel where S is within 1e-6 of 1).
        const purchase = forecast.pAlive * (1 - survival);
        expect(Math.abs(cnbdProbabilityOfPurchase(params, variant, customer, w) - purchase)).toBeLessThan(
          1e-12,
        );
      }
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it('scoring’s 90-day expectation and discounted 12 months equal the reference’s, month by month', () => {
    const clv = { horizonMonths: 12, monthlyDiscountRate: 0.01 };
    for (const { params, variant, customer } of cases(200, 7)) {
      if (params.k === 1) continue;
      const model = { model: variant === 'bg' ? 'bgcnbd' : 'mbgcnbd', params } as const;
      const { expected, discounted } = expectedAndDiscounted(
        customerForecastOf(model, customer),
        90 / 7,
        clv,
      );
      let previous = 0;
      let reference = 0;
      for (let m = 1; m <= 12; m++) {
        const atMonth = referenceCnbdExpected(params, variant, customer, m * WEEKS_PER_MONTH);
        reference += (atMonth - previous) / 1.01 ** m;
        previous = atMonth;
      }
      expect(relative(expected, referenceCnbdExpected(params, variant, customer, 90 / 7))).toBeLessThan(1e-9);
      expect(relative(discounted as number, reference)).toBeLessThan(1e-9);
    }
  });

  it('the window’s quantiles (k > 1) are those of the reference survival, found by bisection, to 2e-8', () => {
    // The search stops at 1e-8 in ln w (a second in a year), as it always has; ∞ beyond 4,096 weeks.
    const bisect = (survival: (w: number) => number, level: number) => {
      if (survival(4096) > level) return Number.POSITIVE_INFINITY;
      let lo = 1e-12;
      let hi = 4096;
      for (let i = 0; i < 200; i++) {
        const mid = Math.sqrt(lo * hi);
        if (survival(mid) > level) lo = mid;
        else hi = mid;
      }
      return Math.sqrt(lo * hi);
    };
    for (const { params, variant, customer } of cases(300, 99)) {
      if (params.k === 1) continue;
      const model = { model: variant === 'bg' ? 'bgcnbd' : 'mbgcnbd', params } as const;
      const window = customerForecastOf(model, customer).window();
      const survival = (w: number) => referenceCnbdSurvival(params, variant, customer, w);
      for (const [level, weeks] of [
        [0.9, window.startWeeks],
        [0.5, window.medianWeeks],
        [0.1, window.endWeeks],
      ] as const) {
        const reference = bisect(survival, level);
        if (reference === Number.POSITIVE_INFINITY) expect(weeks).toBe(Number.POSITIVE_INFINITY);
        else expect(relative(weeks, reference)).toBeLessThan(2e-8);
      }
    }
  });

  it('customers sharing x and T (batch scoring) get the numbers they get alone, and the reference’s', () => {
    const params = { k: 3, r: 0.7, alpha: 4.2, a: 0.9, b: 2.1 };
    const other = { k: 2, r: 1.1, alpha: 6, a: 1.3, b: 3 };
    const batch = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].flatMap((x) =>
      [20, 33.5, 40].flatMap((T) => [0, 0.3, 0.9].map((share) => ({ x, tx: x > 0 ? share * T : 0, T }))),
    );
    const together = batch.map((customer) => {
      const out = new Float64Array(horizons.length);
      cnbdForecaster(params, 'mbg', customer).expectedAt(horizons, out);
      return out;
    });
    batch.forEach((customer, i) => {
      // Another parameter set in between: nothing shared survives it.
      cnbdForecaster(other, 'bg', customer).expectedAt(horizons, new Float64Array(horizons.length));
      const alone = new Float64Array(horizons.length);
      cnbdForecaster(params, 'mbg', customer).expectedAt(horizons, alone);
      expect(Array.from(alone)).toEqual(Array.from(together[i] as Float64Array));
      horizons.forEach((t, h) => {
        const reference = referenceCnbdExpected(params, 'mbg', customer, t);
        expect(relative((together[i] as Float64Array)[h] as number, reference)).toBeLessThan(1e-9);
      });
    });
  });
});
