/**
 * Choosing a tenant's purchase model by evidence: fit every candidate on a calibration period, score
 * each on the holdout period customer by customer, keep the best, refit it on all the data (issue 13;
 * the design follows Platzer & Reutterer 2016 §5, who compare models by customer-level forecast error
 * on a holdout period). Every candidate's figures are kept so a screen can show why the winner won.
 */
import { sharedRowIndex, withSharedRows } from './distinct-histories.js';
import { AnalyticsError } from './errors.js';
import { compareHoldoutWith, type HoldoutForecaster } from './holdout.js';
import { withinTimeBudget } from './optimize.js';
import {
  erlangShapeOf,
  expectedPurchasesOf,
  fitPinnedPurchaseModel,
  fitPurchaseModel,
  fitPurchaseModels,
  type PurchaseModel,
  type PurchaseModelFit,
  type PurchaseModelName,
  type PurchaseModelPin,
  probabilityOfPurchaseOf,
} from './purchase-model.js';
import {
  type HoldoutSummary,
  summarizeTransactions,
  summarizeWithHoldout,
  type Transaction,
} from './summary.js';
import { type TrackingCurve, trackingCurves } from './tracking-curve.js';

/**
 * Wall-clock budget of one candidate's fit in a model choice (and of the winner's refit): a
 * safety net, so that no data can make the choice hang; a candidate that overruns is reported as
 * failed with its reason and the choice goes on with the rest. The fits take well under a second
 * on a few thousand customers; Pareto/NBD's refit on the CDNOW master file takes ~6 s under load.
 */
export const CANDIDATE_TIME_BUDGET_MS = 20_000;

/** Points of a stored tracking curve: weekly up to 3 years, thinned beyond (a 400 KB item holds them). */
export const MAX_TRACKING_POINTS = 156;

/** The candidates of an automatic choice, in the order they are reported. */
export const defaultCandidateModels: readonly PurchaseModelName[] = [
  'bgnbd',
  'mbgnbd',
  'bgcnbd',
  'mbgcnbd',
  'paretonbd',
];

export type ModelCandidate = {
  model: PurchaseModelName;
  /** Erlang shape (1 for BG/NBD, MBG/NBD and Pareto/NBD). */
  k: number;
  /** Present when the calibration fit succeeded. */
  params?: PurchaseModel['params'];
  logLikelihood?: number;
  /** Holdout errors (see `HoldoutComparison.errors`), absent when the fit failed. */
  customerMae?: number;
  customerRmse?: number;
  bucketMae?: number;
  cumulativeEndError?: number;
  cumulativeMape?: number;
  totalActual?: number;
  totalExpected?: number;
  /**
   * Brier score of P(at least one purchase in the holdout) against whether the customer bought:
   * how well calibrated the model's "active" predictions are (lower is better).
   */
  activeBrier?: number;
  /**
   * Expected cumulative repeat purchases at the comparison's `tracking.weeks` (absent without
   * tracking or when the fit failed).
   */
  trackingExpected?: number[];
  /** Why the candidate has no figures (the fit's `AnalyticsError` code and message). */
  error?: { code: string; message: string };
};

export type HoldoutModelComparison = {
  customers: number;
  holdoutWeeks: number;
  candidates: ModelCandidate[];
  /** The candidate with the lowest customer-level MAE of holdout purchases. */
  chosen: { model: PurchaseModelName; k: number };
  criterion: 'customerMae';
  /**
   * The tracking plot's weeks and actual cumulative repeat purchases, shared by the candidates
   * (each has its `trackingExpected`), thinned to `MAX_TRACKING_POINTS`; absent with `tracking: false`.
   */
  tracking?: Omit<TrackingCurve, 'expected'>;
};

/** A `HoldoutForecaster` for any purchase model. */
export function forecasterOf(model: PurchaseModel): HoldoutForecaster {
  const newCustomer = { x: 0, tx: 0, T: 0 };
  return {
    expected: (c, t) => expectedPurchasesOf(model, c, t),
    expectedNew: (t) => expectedPurchasesOf(model, newCustomer, t),
  };
}

/** A key equal for the same model under two names: BG/CNBD-1 is BG/NBD, MBG/CNBD-1 is MBG/NBD. */
function sameModel(model: PurchaseModel): string {
  const { k, ...rest } = model.params as Record<string, number>;
  const variant = model.model === 'paretonbd' ? 'pareto' : model.model.startsWith('mbg') ? 'mbg' : 'bg';
  return JSON.stringify([variant, k ?? 1, rest]);
}

/**
 * The distinct calibration histories (x, t_x, T) of the customers and each customer's: customers
 * who share one have the same forecasts (CDNOW master's 23,570 customers have 7,517), so the
 * candidates' holdout figures are computed once per history.
 */
function distinctHistories(customers: readonly HoldoutSummary[]): {
  rowOf: Map<HoldoutSummary, number>;
  rows: { x: number; tx: number; T: number }[];
} {
  // The fits' grouping when there is one (t_x is 0 without repeat purchases in a summary).
  const shared = sharedRowIndex(customers);
  if (shared) {
    const rowOf = new Map<HoldoutSummary, number>();
    customers.forEach((c, i) => {
      rowOf.set(c, shared.rowOf[i] as number);
    });
    return { rowOf, rows: shared.rows };
  }
  const byKey = new Map<string, number>();
  const rowOf = new Map<HoldoutSummary, number>();
  const rows: { x: number; tx: number; T: number }[] = [];
  for (const c of customers) {
    const key = `${c.x}|${c.tx}|${c.T}`;
    let row = byKey.get(key);
    if (row === undefined) {
      row = rows.length;
      byKey.set(key, row);
      rows.push({ x: c.x, tx: c.tx, T: c.T });
    }
    rowOf.set(c, row);
  }
  return { rowOf, rows };
}

/**
 * Fits each model on the calibration part of `customers` (from `summarizeHoldout`) and scores it on
 * the holdout part. The winner has the lowest customer-level MAE; a candidate whose fit fails is
 * reported with its error and cannot win. Throws `fit_not_converged` when every candidate fails.
 *
 * @example
 * compareModelsOnHoldout(summarizeHoldout(transactions, { cutoffDay, endDay }), { cutoffDay, endDay }).chosen;
 */
export function compareModelsOnHoldout(
  customers: readonly HoldoutSummary[],
  options: {
    cutoffDay: number;
    endDay: number;
    models?: readonly PurchaseModelName[];
    /** false: no weekly curve for the cumulative errors (they become NaN). @default true */
    tracking?: boolean;
    /**
     * The stored tracking curves (`tracking`, `trackingExpected`), thinned to `MAX_TRACKING_POINTS`
     * and with weekly acquisition cohorts (see `trackingCurves`). @default `tracking`
     */
    curves?: boolean;
    /** Budget of each candidate's fit. @default CANDIDATE_TIME_BUDGET_MS */
    budgetMs?: number;
  },
): HoldoutModelComparison {
  // The candidates' fits and the holdout scoring group the same customers: once.
  return withSharedRows(customers, () => compareOnHoldout(customers, options));
}

function compareOnHoldout(
  customers: readonly HoldoutSummary[],
  options: Parameters<typeof compareModelsOnHoldout>[1],
): HoldoutModelComparison {
  const holdoutWeeks = (options.endDay - options.cutoffDay) / 7;
  const candidates: ModelCandidate[] = [];
  const names = options.models ?? defaultCandidateModels;
  const fits = fitPurchaseModels(names, customers, {
    budgetMs: options.budgetMs ?? CANDIDATE_TIME_BUDGET_MS,
  });
  const fitted: { index: number; model: PurchaseModel }[] = [];
  const { rowOf, rows } = distinctHistories(customers);
  const holdoutFigures = new Map<string, Omit<ModelCandidate, 'model' | 'k' | 'params' | 'logLikelihood'>>();
  for (const name of names) {
    const fit = fits.get(name) as PurchaseModelFit | AnalyticsError;
    if (fit instanceof AnalyticsError) {
      candidates.push({ model: name, k: 1, error: { code: fit.code, message: fit.message } });
      continue;
    }
    const model = { model: fit.model, params: fit.params } as PurchaseModel;
    fitted.push({ index: candidates.length, model });
    const figures = {
      model: name,
      k: erlangShapeOf(model),
      params: fit.params,
      logLikelihood: fit.logLikelihood,
    };
    // BG/CNBD-1 is BG/NBD and MBG/CNBD-1 is MBG/NBD (same likelihood, same fit, same forecasts):
    // what the holdout says of one it says of the other.
    const same = holdoutFigures.get(sameModel(model));
    if (same) {
      candidates.push({ ...figures, ...same });
      continue;
    }
    const expectedByRow = rows.map((c) => expectedPurchasesOf(model, c, holdoutWeeks));
    const general = forecasterOf(model);
    const forecaster: HoldoutForecaster = {
      expected: (c, t) => {
        const row = rowOf.get(c);
        return t === holdoutWeeks && row !== undefined
          ? (expectedByRow[row] as number)
          : general.expected(c, t);
      },
      expectedNew: general.expectedNew,
    };
    const { errors } = compareHoldoutWith(forecaster, customers, options);
    const activeByRow = rows.map((c) => probabilityOfPurchaseOf(model, c, holdoutWeeks));
    let brier = 0;
    for (const c of customers) {
      const p = activeByRow[rowOf.get(c) as number] as number;
      brier += (p - (c.holdoutPurchases > 0 ? 1 : 0)) ** 2;
    }
    const holdout = {
      customerMae: errors.customerMae,
      customerRmse: errors.customerRmse,
      bucketMae: errors.bucketMae,
      cumulativeEndError: errors.cumulativeEndError,
      cumulativeMape: errors.cumulativeMape,
      totalActual: errors.totalActual,
      totalExpected: errors.totalExpected,
      activeBrier: brier / Math.max(1, customers.length),
    };
    holdoutFigures.set(sameModel(model), holdout);
    candidates.push({ ...figures, ...holdout });
  }
  let tracking: Omit<TrackingCurve, 'expected'> | undefined;
  if ((options.curves ?? options.tracking !== false) && fitted.length > 0) {
    // One curve per distinct model (see `sameModel`).
    const distinct = new Map<string, number>();
    const forecasts: HoldoutForecaster['expectedNew'][] = [];
    for (const { model } of fitted) {
      const key = sameModel(model);
      if (!distinct.has(key)) {
        distinct.set(key, forecasts.length);
        forecasts.push(forecasterOf(model).expectedNew);
      }
    }
    const { expected, ...shared } = trackingCurves(customers, forecasts, {
      ...options,
      maxPoints: MAX_TRACKING_POINTS,
      weeklyCohorts: true,
    });
    tracking = shared;
    for (const { index, model } of fitted) {
      const curve = expected[distinct.get(sameModel(model)) as number] as number[];
      (candidates[index] as ModelCandidate).trackingExpected = [...curve];
    }
  }
  let winner: ModelCandidate | undefined;
  for (const c of candidates) {
    if (c.customerMae === undefined || !Number.isFinite(c.customerMae)) continue;
    if (!winner || c.customerMae < (winner.customerMae as number)) winner = c;
  }
  if (!winner) {
    throw new AnalyticsError('fit_not_converged', 'no candidate purchase model could be fitted', {
      candidates: candidates.map((c) => ({ model: c.model, error: c.error })),
    });
  }
  return {
    customers: customers.length,
    holdoutWeeks,
    candidates,
    chosen: { model: winner.model, k: winner.k },
    criterion: 'customerMae',
    ...(tracking ? { tracking } : {}),
  };
}

/** Minimum holdout (and calibration) length: 8 weeks. */
const MIN_PERIOD_DAYS = 56;

/**
 * The calibration cutoff of an automatic choice: the holdout is the last quarter of the history up
 * to `cutoffDay` (from the earliest first purchase), at least 8 weeks; undefined when what is left
 * for calibration would be shorter than 8 weeks.
 *
 * @example
 * calibrationCutoffFor(dayNumber('1997-01-01'), dayNumber('1997-09-30')); // 1997-07-24 (68-day holdout)
 */
export function calibrationCutoffFor(firstDay: number, cutoffDay: number): number | undefined {
  const span = cutoffDay - firstDay;
  const holdout = Math.max(Math.round(span / 4), MIN_PERIOD_DAYS);
  return span - holdout >= MIN_PERIOD_DAYS ? cutoffDay - holdout : undefined;
}

/**
 * Parsimony (issue 13): a model other than BG/NBD replaces it only on evidence — at least this many
 * customers with repeat purchases in the calibration period, and a customer-level MAE at least
 * `MIN_RELATIVE_GAIN` lower than BG/NBD's. On a few dozen customers the holdout differences are
 * noise, and a 12-stage Erlang clock fitted to them would date every reminder with false confidence.
 */
export const MIN_REPEAT_BUYERS_FOR_CHOICE = 50;
export const MIN_RELATIVE_GAIN = 0.02;

/**
 * The candidates in the order the choice tries them: by holdout MAE, except that BG/NBD goes first
 * unless the evidence is enough and the best beats it clearly (see `MIN_RELATIVE_GAIN`).
 */
function rankByEvidence(candidates: readonly ModelCandidate[], enoughEvidence: boolean): ModelCandidate[] {
  const ranked = candidates
    .filter((c) => c.customerMae !== undefined && Number.isFinite(c.customerMae))
    .sort((p, q) => (p.customerMae as number) - (q.customerMae as number));
  const baseline = ranked.find((c) => c.model === 'bgnbd');
  const best = ranked[0];
  if (!baseline || !best || best === baseline) return ranked;
  const clearlyBetter =
    (best.customerMae as number) <= (baseline.customerMae as number) * (1 - MIN_RELATIVE_GAIN);
  if (enoughEvidence && clearlyBetter) return ranked;
  return [baseline, ...ranked.filter((c) => c !== baseline)];
}

export type PurchaseModelChoice = {
  /** The chosen model refitted on all transactions up to the cutoff. */
  fit: PurchaseModelFit;
  /**
   * holdout: chosen by `compareModelsOnHoldout`; pinned: the tenant's (or caller's) fixed model;
   * too-little-history: no 8-week calibration and holdout fit in the data, the pinned or default
   * model (BG/NBD) is used; too-little-evidence: the comparison ran, but on fewer than
   * `MIN_REPEAT_BUYERS_FOR_CHOICE` repeat buyers, so BG/NBD is kept.
   */
  reason: 'holdout' | 'pinned' | 'too-little-history' | 'too-little-evidence';
  /** The comparison (absent when pinned or when the history is too short). */
  selection?: HoldoutModelComparison & { calibrationCutoffDay: number; cutoffDay: number };
};

/**
 * The product's model choice for one tenant. With `pinned` the comparison is skipped. Otherwise the
 * history up to `cutoffDay` is split (`calibrationCutoffFor`), the candidates compared, and the
 * winner refitted on all of it; if that refit fails, the next-best candidate is refitted instead.
 * BG/NBD stays unless another model beats it clearly on enough customers (`rankByEvidence`).
 *
 * @example
 * choosePurchaseModel(transactions, { cutoffDay: dayNumber('1997-09-30') }).fit.model;
 */
export function choosePurchaseModel(
  transactions: readonly Transaction[],
  options: {
    cutoffDay: number;
    /** A fixed model (a name, or a name and an Erlang shape for the CNBD-k models). */
    pinned?: PurchaseModelName | PurchaseModelPin;
    /**
     * With `pinned`: still compare the candidates (the pinned one among them) on the holdout, so a
     * screen can show how the pinned model fares against the others. @default false
     */
    compareWhenPinned?: boolean;
    models?: readonly PurchaseModelName[];
    /** false: skip the weekly tracking curve (cumulative errors become NaN). @default true */
    tracking?: boolean;
    /** The stored tracking curves (see `compareModelsOnHoldout`). @default `tracking` */
    curves?: boolean;
    /** Budget of each candidate's fit and of the refit. @default CANDIDATE_TIME_BUDGET_MS */
    budgetMs?: number;
  },
): PurchaseModelChoice {
  const budgetMs = options.budgetMs ?? CANDIDATE_TIME_BUDGET_MS;
  const pin = typeof options.pinned === 'string' ? { model: options.pinned } : options.pinned;
  if (pin && !options.compareWhenPinned) {
    const summaries = summarizeTransactions(transactions, { cutoffDay: options.cutoffDay });
    return { fit: fitPinnedPurchaseModel(pin, summaries), reason: 'pinned' };
  }
  // The summaries to the cutoff and the calibration/holdout split from one grouping of the orders.
  const { summaries, calibrationCutoffDay, holdout } = summarizeWithHoldout(transactions, {
    cutoffDay: options.cutoffDay,
    calibrationCutoff: (firstDay) => calibrationCutoffFor(firstDay, options.cutoffDay),
  });
  if (calibrationCutoffDay === undefined || !holdout.some((c) => c.x > 0)) {
    if (pin) return { fit: fitPinnedPurchaseModel(pin, summaries), reason: 'pinned' };
    return { fit: fitPurchaseModel('bgnbd', summaries), reason: 'too-little-history' };
  }
  const models = options.models ?? defaultCandidateModels;
  const comparison = compareModelsOnHoldout(holdout, {
    cutoffDay: calibrationCutoffDay,
    endDay: options.cutoffDay,
    // The pinned model is compared too, even when the caller's candidates leave it out.
    models: pin && !models.includes(pin.model) ? [...models, pin.model] : models,
    ...(options.tracking === false ? { tracking: false } : {}),
    ...(options.curves === undefined ? {} : { curves: options.curves }),
    budgetMs,
  });
  if (pin) {
    // The comparison is for the screen; the admin's pin decides, whatever the holdout says.
    const fit = fitPinnedPurchaseModel(pin, summaries);
    return {
      fit,
      reason: 'pinned',
      selection: {
        ...comparison,
        chosen: { model: fit.model, k: erlangShapeOf(fit) },
        calibrationCutoffDay,
        cutoffDay: options.cutoffDay,
      },
    };
  }
  let repeatBuyers = 0;
  for (const c of holdout) if (c.x > 0) repeatBuyers++;
  const enoughEvidence = repeatBuyers >= MIN_REPEAT_BUYERS_FOR_CHOICE;
  const ranked = rankByEvidence(comparison.candidates, enoughEvidence);
  let lastError: unknown;
  for (const candidate of ranked) {
    try {
      // From the calibration optimum: all the data move it a little, so the refit converges in a
      // few iterations instead of searching from the default starts.
      const fit = withinTimeBudget(budgetMs, candidate.model, () =>
        fitPurchaseModel(candidate.model, summaries, candidate.params ? { start: candidate.params } : {}),
      );
      return {
        fit,
        reason: !enoughEvidence && fit.model === 'bgnbd' ? 'too-little-evidence' : 'holdout',
        selection: {
          ...comparison,
          chosen: { model: fit.model, k: erlangShapeOf(fit) },
          calibrationCutoffDay,
          cutoffDay: options.cutoffDay,
        },
      };
    } catch (error) {
      if (!(error instanceof AnalyticsError)) throw error;
      lastError = error;
    }
  }
  throw lastError;
}
