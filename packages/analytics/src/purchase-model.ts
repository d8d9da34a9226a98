/**
 * One face for every purchase-timing model the product can choose between: BG/NBD, MBG/NBD,
 * (M)BG/CNBD-k and Pareto/NBD. A `PurchaseModel` is what a fit stores (name and parameters, JSON);
 * the functions here give each model's P(alive), expected purchases, P(at least one purchase) and the
 * next-purchase window, so callers never branch on the model themselves.
 */
import {
  BgNbdCustomerForecast,
  type BgNbdFit,
  type BgNbdParams,
  expectedPurchases as bgNbdExpectedPurchases,
  probabilityAlive as bgNbdProbabilityAlive,
  fitBgNbd,
  type ParameterAtBound,
} from './bgnbd.js';
import { WEEKS_PER_MONTH } from './clv.js';
import {
  CnbdCustomerForecast,
  type CnbdFit,
  type CnbdParams,
  type CnbdVariant,
  cnbdExpectedPurchases,
  cnbdForecaster,
  cnbdProbabilityAlive,
  cnbdProbabilityOfPurchase,
  fitCnbd,
  fitCnbdChoosingK,
  type TimedRepeatBuying,
} from './cnbd.js';
import { withSharedRows } from './distinct-histories.js';
import { AnalyticsError } from './errors.js';
import { withinTimeBudget } from './optimize.js';
import {
  fitParetoNbd,
  ParetoNbdCustomerForecast,
  type ParetoNbdParams,
  paretoNbdExpectedPurchases,
  paretoNbdNextPurchaseSurvivalFunction,
  paretoNbdProbabilityAlive,
  paretoNbdProbabilityOfPurchase,
} from './pareto-nbd.js';
import type { NextPurchaseWindow } from './wait-quantile.js';

export type { NextPurchaseWindow };

export const purchaseModelNames = ['bgnbd', 'mbgnbd', 'bgcnbd', 'mbgcnbd', 'paretonbd'] as const;
export type PurchaseModelName = (typeof purchaseModelNames)[number];

export type PurchaseModel =
  | { model: 'bgnbd'; params: BgNbdParams }
  | { model: 'mbgnbd' | 'bgcnbd' | 'mbgcnbd'; params: CnbdParams }
  | { model: 'paretonbd'; params: ParetoNbdParams };

export type PurchaseModelFit = PurchaseModel & {
  logLikelihood: number;
  customers: number;
  repeaters: number;
  iterations: number;
  method: string;
  /** (M)BG/CNBD-k: the log-likelihood of each k tried while choosing k. */
  likelihoodByK?: { k: number; logLikelihood: number }[];
  /**
   * Only when the likelihood has no interior maximum and the fit stopped on the edge of its search
   * box: the parameters held there (e.g. BG/NBD's a, b → ∞ on very regular buyers).
   */
  boundary?: ParameterAtBound[];
};

type History = { x: number; tx: number; T: number };

const cnbdVariant = (model: 'mbgnbd' | 'bgcnbd' | 'mbgcnbd'): CnbdVariant =>
  model === 'bgcnbd' ? 'bg' : 'mbg';

/** The Erlang shape k of a model (1 for the Poisson-timing models). */
export function erlangShapeOf(model: PurchaseModel): number {
  return model.model === 'bgnbd' || model.model === 'paretonbd' ? 1 : model.params.k;
}

/**
 * Fits one model by maximum likelihood. MBG/NBD is MBG/CNBD with k = 1; BG/CNBD-k and MBG/CNBD-k
 * choose k by likelihood (`fitCnbdChoosingK`). Throws the models' `AnalyticsError`s.
 *
 * @example
 * fitPurchaseModel('paretonbd', summaries).params; // { r, alpha, s, beta }
 */
export function fitPurchaseModel(
  name: PurchaseModelName,
  customers: readonly TimedRepeatBuying[],
  options: {
    /**
     * A nearby optimum to start from (the same model fitted on a calibration period): Pareto/NBD
     * and the CNBD models' k = 1 fit try it first. BG/NBD keeps its own starts (its fit is cheap).
     */
    start?: PurchaseModel['params'];
  } = {},
): PurchaseModelFit {
  const start = options.start as Record<string, number> | undefined;
  if (start && name === 'paretonbd') {
    const fit = fitParetoNbd(customers, { start: start as ParetoNbdParams });
    return { model: 'paretonbd', ...fit };
  }
  if (start && (name === 'mbgnbd' || name === 'bgcnbd' || name === 'mbgcnbd') && (start.k ?? 1) === 1) {
    const { r, alpha, a, b } = start as CnbdParams;
    const startOne = { r, alpha, a, b };
    const fit =
      name === 'mbgnbd'
        ? fitCnbdChoosingK(customers, 'mbg', { maxK: 1, startOne })
        : fitCnbdChoosingK(customers, cnbdVariant(name), { startOne });
    const { likelihoodByK, ...rest } = fromCnbd(name, fit);
    return name === 'mbgnbd' ? rest : { ...rest, ...(likelihoodByK ? { likelihoodByK } : {}) };
  }
  const result = fitPurchaseModels([name], customers).get(name) as PurchaseModelFit | Error;
  if (result instanceof Error) throw result;
  return result;
}

/** A model fixed by the caller (a tenant's pin): the CNBD-k models may fix k as well. */
export type PurchaseModelPin = { model: PurchaseModelName; k?: number };

/**
 * Fits a pinned model: with `k` for BG/CNBD-k or MBG/CNBD-k that Erlang shape is fitted as given;
 * otherwise as `fitPurchaseModel` (k by likelihood). `k` on another model is an `invalid_input`.
 *
 * @example
 * fitPinnedPurchaseModel({ model: 'mbgcnbd', k: 3 }, summaries).params.k; // 3
 */
export function fitPinnedPurchaseModel(
  pin: PurchaseModelPin,
  customers: readonly TimedRepeatBuying[],
): PurchaseModelFit {
  if (pin.k === undefined) return fitPurchaseModel(pin.model, customers);
  if (pin.model !== 'bgcnbd' && pin.model !== 'mbgcnbd') {
    throw new AnalyticsError('invalid_input', `k can be fixed for bgcnbd and mbgcnbd only, not ${pin.model}`);
  }
  return fromCnbd(pin.model, fitCnbd(customers, cnbdVariant(pin.model), { k: pin.k }));
}

function fromCnbd(name: 'mbgnbd' | 'bgcnbd' | 'mbgcnbd', fit: CnbdFit): PurchaseModelFit {
  return {
    model: name,
    params: fit.params,
    logLikelihood: fit.logLikelihood,
    customers: fit.customers,
    repeaters: fit.repeaters,
    iterations: fit.iterations,
    method: fit.method,
    ...(fit.likelihoodByK ? { likelihoodByK: fit.likelihoodByK } : {}),
    ...(fit.boundary ? { boundary: fit.boundary } : {}),
  };
}

/**
 * Fits several models on the same customers, each k = 1 fit once: BG/CNBD-k's k = 1 is BG/NBD (same
 * likelihood: (k−1)·litt vanishes) and MBG/CNBD-k's is MBG/NBD. A model whose fit fails maps to its
 * `AnalyticsError`; any other error is thrown.
 *
 * @example
 * fitPurchaseModels(['bgnbd', 'mbgcnbd'], summaries).get('mbgcnbd');
 */
export function fitPurchaseModels(
  names: readonly PurchaseModelName[],
  customers: readonly TimedRepeatBuying[],
  options: {
    /** Wall-clock budget of each model's fit; one that overruns fails with fit_not_converged. */
    budgetMs?: number;
  } = {},
): Map<PurchaseModelName, PurchaseModelFit | AnalyticsError> {
  // Every CNBD and Pareto/NBD fit below groups the same customers: once.
  return withSharedRows(customers, () => fitEach(names, customers, options.budgetMs));
}

function fitEach(
  names: readonly PurchaseModelName[],
  customers: readonly TimedRepeatBuying[],
  budget: number | undefined,
): Map<PurchaseModelName, PurchaseModelFit | AnalyticsError> {
  const results = new Map<PurchaseModelName, PurchaseModelFit | AnalyticsError>();
  const budgetMs = budget ?? Number.POSITIVE_INFINITY;
  let current = '';
  const attempt = <T>(run: () => T): T | AnalyticsError => {
    try {
      return withinTimeBudget(budgetMs, current, run);
    } catch (error) {
      if (error instanceof AnalyticsError) return error;
      throw error;
    }
  };
  let bgnbd: BgNbdFit | AnalyticsError | undefined;
  let mbgOne: CnbdFit | AnalyticsError | undefined;
  const bg = () => {
    bgnbd ??= attempt(() => fitBgNbd(customers));
    return bgnbd;
  };
  const mbg = () => {
    mbgOne ??= attempt(() => fitCnbd(customers, 'mbg', { k: 1 }));
    return mbgOne;
  };
  for (const name of names) {
    current = name;
    switch (name) {
      case 'bgnbd': {
        const fit = bg();
        results.set(
          name,
          fit instanceof AnalyticsError
            ? fit
            : {
                model: 'bgnbd',
                params: fit.params,
                logLikelihood: fit.logLikelihood,
                customers: fit.customers,
                repeaters: fit.repeaters,
                iterations: fit.iterations,
                method: fit.method,
                ...(fit.boundary ? { boundary: fit.boundary } : {}),
              },
        );
        break;
      }
      case 'mbgnbd': {
        const fit = mbg();
        results.set(name, fit instanceof AnalyticsError ? fit : fromCnbd(name, fit));
        break;
      }
      case 'bgcnbd': {
        const one = bg();
        const kOne: CnbdFit | undefined =
          one instanceof AnalyticsError
            ? undefined
            : {
                variant: 'bg',
                params: { k: 1, ...one.params },
                logLikelihood: one.logLikelihood,
                customers: one.customers,
                repeaters: one.repeaters,
                iterations: one.iterations,
                method: one.method,
                ...(one.boundary ? { boundary: one.boundary } : {}),
              };
        const fit = attempt(() => fitCnbdChoosingK(customers, 'bg', kOne ? { kOne } : {}));
        results.set(name, fit instanceof AnalyticsError ? fit : fromCnbd(name, fit));
        break;
      }
      case 'mbgcnbd': {
        const one = mbg();
        const fit = attempt(() =>
          fitCnbdChoosingK(customers, 'mbg', one instanceof AnalyticsError ? {} : { kOne: one }),
        );
        results.set(name, fit instanceof AnalyticsError ? fit : fromCnbd(name, fit));
        break;
      }
      case 'paretonbd': {
        const fit = attempt(() => fitParetoNbd(customers));
        results.set(name, fit instanceof AnalyticsError ? fit : { model: 'paretonbd', ...fit });
        break;
      }
    }
  }
  return results;
}

/** P(alive | history) under the model. */
export function probabilityAliveOf(model: PurchaseModel, customer: History): number {
  switch (model.model) {
    case 'bgnbd':
      return bgNbdProbabilityAlive(model.params, customer);
    case 'paretonbd':
      return paretoNbdProbabilityAlive(model.params, customer);
    default:
      return cnbdProbabilityAlive(model.params, cnbdVariant(model.model), customer);
  }
}

/** E[purchases in (T, T + t] | history]; a customer just acquired is (0, 0, 0). */
export function expectedPurchasesOf(model: PurchaseModel, customer: History, t: number): number {
  switch (model.model) {
    case 'bgnbd':
      return bgNbdExpectedPurchases(model.params, customer, t);
    case 'paretonbd':
      return paretoNbdExpectedPurchases(model.params, customer, t);
    default:
      return cnbdExpectedPurchases(model.params, cnbdVariant(model.model), customer, t);
  }
}

/** Survival of the wait to the next purchase given alive (and, for Pareto/NBD, given it comes). */
function nextPurchaseSurvivalFunction(model: PurchaseModel, customer: History): (w: number) => number {
  switch (model.model) {
    case 'bgnbd': {
      // Given alive, λ | x, T ~ Gamma(r+x, α+T): the wait is Pareto II (see medianWeeksToNextPurchase).
      const scale = model.params.alpha + customer.T;
      const shape = model.params.r + customer.x;
      return (w) => (w > 0 ? Math.exp(-shape * Math.log1p(w / scale)) : 1);
    }
    case 'paretonbd':
      return paretoNbdNextPurchaseSurvivalFunction(model.params, customer);
    default:
      return cnbdForecaster(model.params, cnbdVariant(model.model), customer).survival;
  }
}

/**
 * P(at least one purchase in (T, T + t] | history): P(alive) times the chance the next purchase
 * comes within t.
 */
export function probabilityOfPurchaseOf(model: PurchaseModel, customer: History, t: number): number {
  if (!(t > 0)) return 0;
  switch (model.model) {
    case 'bgnbd':
      return (
        bgNbdProbabilityAlive(model.params, customer) * (1 - nextPurchaseSurvivalFunction(model, customer)(t))
      );
    case 'paretonbd':
      return paretoNbdProbabilityOfPurchase(model.params, customer, t);
    default:
      return cnbdProbabilityOfPurchase(model.params, cnbdVariant(model.model), customer, t);
  }
}

/**
 * The next-purchase window: the 10 %, 50 % and 90 % quantiles of the time from the as-of day (T) to
 * the next purchase, for a customer who is alive (BG-type models: dropout only follows a purchase,
 * so an alive customer does buy again; Pareto/NBD: given the next purchase comes before death). For
 * BG/NBD the median equals `medianWeeksToNextPurchase`. Erlang-k timing (k > 1) narrows the window
 * and moves it with the time since the last purchase; Poisson timing is memoryless. Poisson timing
 * has the quantiles in closed form; k > 1 and Pareto/NBD search them (`waitQuantile`).
 *
 * @example
 * nextPurchaseWindowOf({ model: 'mbgcnbd', params: { k: 3, r: 2, alpha: 6, a: 0.5, b: 3 } }, { x: 5, tx: 30, T: 32 });
 */
export function nextPurchaseWindowOf(model: PurchaseModel, customer: History): NextPurchaseWindow {
  return customerForecastOf(model, customer).window();
}

/** One customer's forecasts under a model, with what they share (the posterior) computed once. */
export type CustomerForecast = {
  readonly pAlive: number;
  /** E[purchases in (T, T + t]]. */
  expected(t: number): number;
  /**
   * `expected` at several horizons (scoring's 90 days and the 12 CLV months) into `out`, sharing the
   * per-customer work.
   */
  expectedAt(horizons: readonly number[], out: Float64Array): void;
  window(): NextPurchaseWindow;
};

/**
 * What scoring needs of one customer under any model: P(alive), expected purchases at any horizon and
 * the next-purchase window, sharing the per-customer work (the CNBD posterior, Pareto/NBD's P(alive)
 * series) instead of redoing it for each number. Scoring makes one per customer: the forecasts are
 * objects with methods (`BgNbdCustomerForecast`, `CnbdCustomerForecast`, `ParetoNbdCustomerForecast`),
 * not closures.
 *
 * @example
 * const f = customerForecastOf(model, { x: 3, tx: 20, T: 40 });
 * f.pAlive; f.expected(13); f.window().medianWeeks;
 */
export function customerForecastOf(model: PurchaseModel, customer: History): CustomerForecast {
  switch (model.model) {
    case 'bgnbd':
      return new BgNbdCustomerForecast(model.params, customer);
    case 'paretonbd':
      return new ParetoNbdCustomerForecast(model.params, customer);
    default:
      return new CnbdCustomerForecast(model.params, cnbdVariant(model.model), customer);
  }
}

/**
 * Σ_{m=1..H} (E[Y(m w)] − E[Y((m−1) w)]) / (1+d)^m for any model (w weeks per month): the
 * purchase part of CLV (see `customerLifetimeValue`).
 */
export function discountedExpectedPurchasesOf(
  model: PurchaseModel,
  customer: History,
  horizonMonths: number,
  monthlyDiscountRate: number,
): number {
  const forecast = customerForecastOf(model, customer);
  return discountedPurchases((t) => forecast.expected(t), horizonMonths, monthlyDiscountRate);
}

/** Σ_{m=1..H} (E(m w) − E((m−1) w)) / (1+d)^m for a customer's E(t) (w weeks per month). */
export function discountedPurchases(
  expectedAt: (t: number) => number,
  horizonMonths: number,
  monthlyDiscountRate: number,
): number {
  const monthly: number[] = [];
  for (let m = 1; m <= horizonMonths; m++) monthly.push(expectedAt(m * WEEKS_PER_MONTH));
  return discountMonthly(monthly, monthlyDiscountRate);
}

/** Σ_m (E_m − E_{m−1}) / (1+d)^m from E_1 … E_H, the expectations at the month ends (`skip`: not one). */
function discountMonthly(values: ArrayLike<number>, monthlyDiscountRate: number, skip = -1): number {
  let previous = 0;
  let total = 0;
  let discount = 1;
  for (let i = 0; i < values.length; i++) {
    if (i === skip) continue;
    const expected = values[i] as number;
    discount /= 1 + monthlyDiscountRate;
    total += (expected - previous) * discount;
    previous = expected;
  }
  return total;
}

/** The last horizons `expectedAndDiscounted` built (scoring asks for the same ones customer after customer). */
let lastHorizons:
  | { weeks: number; months: number; horizons: number[]; at: number; values: Float64Array }
  | undefined;

/**
 * Scoring's two uses of E[purchases] together: at `horizonWeeks` and, with `clv`, the discounted
 * monthly purchases of CLV (`discountedPurchases`), asking the forecast for all horizons at once.
 *
 * @example
 * expectedAndDiscounted(customerForecastOf(model, c), 90 / 7, { horizonMonths: 12, monthlyDiscountRate: 0.01 });
 */
export function expectedAndDiscounted(
  forecast: CustomerForecast,
  horizonWeeks: number,
  clv?: { horizonMonths: number; monthlyDiscountRate: number },
): { expected: number; discounted: number | null } {
  if (!clv) return { expected: forecast.expected(horizonWeeks), discounted: null };
  if (!lastHorizons || lastHorizons.weeks !== horizonWeeks || lastHorizons.months !== clv.horizonMonths) {
    const horizons: number[] = [];
    let at = -1;
    for (let m = 1; m <= clv.horizonMonths; m++) {
      const t = m * WEEKS_PER_MONTH;
      if (at < 0 && horizonWeeks <= t) {
        at = horizons.length;
        horizons.push(horizonWeeks);
      }
      horizons.push(t);
    }
    if (at < 0) {
      at = horizons.length;
      horizons.push(horizonWeeks);
    }
    lastHorizons = {
      weeks: horizonWeeks,
      months: clv.horizonMonths,
      horizons,
      at,
      values: new Float64Array(horizons.length),
    };
  }
  const { horizons, at, values } = lastHorizons;
  forecast.expectedAt(horizons, values);
  return {
    expected: values[at] as number,
    discounted: discountMonthly(values, clv.monthlyDiscountRate, at),
  };
}
