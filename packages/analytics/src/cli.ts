/**
 * The analytics CLI, for people and for checks:
 *   npm run --silent analytics -- fit FILE [--cutoff YYYY-MM-DD] [--model MODEL]
 *   npm run --silent analytics -- holdout FILE --cutoff YYYY-MM-DD --end YYYY-MM-DD [--model MODEL]
 * Prints one JSON line on stdout; bad arguments or a failed fit exit non-zero with a message on stderr.
 */
import { parseArgs } from 'node:util';
import { fitBgNbd } from './bgnbd.js';
import { AnalyticsError } from './errors.js';
import { fitGammaGamma } from './gamma-gamma.js';
import { compareHoldout } from './holdout.js';
import { choosePurchaseModel, compareModelsOnHoldout, type ModelCandidate } from './model-choice.js';
import { erlangShapeOf, type PurchaseModelFit, purchaseModelNames } from './purchase-model.js';
import { wheatMorrisonRegularity } from './regularity.js';
import { shrunkMeanSpend } from './spend-fallback.js';
import {
  type CustomerSummary,
  dayNumber,
  isoDay,
  summarizeHoldout,
  summarizeTransactions,
} from './summary.js';
import { readTransactionsFile } from './transactions-file.js';

const modelChoices = ['auto', ...purchaseModelNames] as const;
type ModelOption = (typeof modelChoices)[number];

const usage = `usage:
  analytics fit FILE [--cutoff YYYY-MM-DD] [--model ${modelChoices.join('|')}]
  analytics holdout FILE --cutoff YYYY-MM-DD --end YYYY-MM-DD [--model ${modelChoices.join('|')}]
FILE: the CDNOW sample layout (5 columns), the CDNOW master layout (4 columns, header) or a CSV
with header customer_id,date,amount (ISO dates). Transactions after --cutoff are ignored for the fit.
--model: fit that purchase model (auto: compare every model on a holdout of the last quarter of
the history, at least 8 weeks, and refit the one with the lowest customer-level MAE); holdout
--model auto compares every model on the given holdout.`;

class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

function parseDay(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError(`${flag} must be YYYY-MM-DD, got "${value}"`);
  let day: number;
  try {
    day = dayNumber(value);
  } catch {
    throw new UsageError(`${flag} is not a calendar date: "${value}"`);
  }
  if (isoDay(day) !== value) throw new UsageError(`${flag} is not a calendar date: "${value}"`);
  return day;
}

function run(argv: string[]): unknown {
  let parsed: ReturnType<
    typeof parseArgs<{
      options: { cutoff: { type: 'string' }; end: { type: 'string' }; model: { type: 'string' } };
      allowPositionals: true;
    }>
  >;
  try {
    parsed = parseArgs({
      args: argv,
      options: { cutoff: { type: 'string' }, end: { type: 'string' }, model: { type: 'string' } },
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [command, file, ...rest] = parsed.positionals;
  if (command !== 'fit' && command !== 'holdout') throw new UsageError(`unknown command "${command ?? ''}"`);
  if (!file) throw new UsageError('missing FILE');
  if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(' ')}`);
  let cutoffDay = parseDay(parsed.values.cutoff, '--cutoff');
  const endDay = parseDay(parsed.values.end, '--end');
  const modelOption = parsed.values.model;
  if (modelOption !== undefined && !(modelChoices as readonly string[]).includes(modelOption)) {
    throw new UsageError(`--model must be one of ${modelChoices.join(', ')}, got "${modelOption}"`);
  }
  const model = modelOption as ModelOption | undefined;

  let read: ReturnType<typeof readTransactionsFile>;
  try {
    read = readTransactionsFile(file);
  } catch (error) {
    if (error instanceof AnalyticsError) throw error;
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const { layout, transactions } = read;
  const started = performance.now();

  if (command === 'fit') {
    if (endDay !== undefined) throw new UsageError('--end belongs to the holdout command');
    cutoffDay ??= transactions.reduce((max, t) => Math.max(max, t.day), Number.NEGATIVE_INFINITY);
    const summaries = summarizeTransactions(transactions, { cutoffDay });
    if (model === undefined) {
      const bgnbd = fitBgNbd(summaries);
      return {
        customers: bgnbd.customers,
        repeaters: bgnbd.repeaters,
        bgnbd: {
          ...bgnbd.params,
          ll: bgnbd.logLikelihood,
          iterations: bgnbd.iterations,
          method: bgnbd.method,
          ...boundaryOutput(bgnbd.boundary),
        },
        ...spendOutput(summaries),
        layout,
        cutoff: isoDay(cutoffDay),
        ms: Math.round(performance.now() - started),
      };
    }
    const choice = choosePurchaseModel(transactions, {
      cutoffDay,
      ...(model === 'auto' ? {} : { pinned: model }),
    });
    const bgnbd = choice.fit.model === 'bgnbd' ? choice.fit : tryBgNbd(summaries);
    const regularity = wheatMorrisonRegularity(transactions, { cutoffDay });
    return {
      customers: choice.fit.customers,
      repeaters: choice.fit.repeaters,
      ...(bgnbd
        ? {
            bgnbd: {
              ...bgnbd.params,
              ll: bgnbd.logLikelihood,
              iterations: bgnbd.iterations,
              method: bgnbd.method,
              ...boundaryOutput(bgnbd.boundary),
            },
          }
        : {}),
      ...spendOutput(summaries),
      ...modelOutput(choice.fit),
      selection: {
        reason: choice.reason,
        ...(choice.selection
          ? {
              calibrationCutoff: isoDay(choice.selection.calibrationCutoffDay),
              holdoutWeeks: choice.selection.holdoutWeeks,
              criterion: choice.selection.criterion,
              candidates: choice.selection.candidates.map(candidateOutput),
            }
          : {}),
      },
      regularity: { wheatMorrisonK: regularity.k, customers: regularity.customers },
      layout,
      cutoff: isoDay(cutoffDay),
      ms: Math.round(performance.now() - started),
    };
  }
  if (cutoffDay === undefined || endDay === undefined)
    throw new UsageError('holdout needs --cutoff and --end');
  if (endDay <= cutoffDay) throw new UsageError('--end must be after --cutoff');
  const customers = summarizeHoldout(transactions, { cutoffDay, endDay });
  if (model === undefined) {
    const fit = fitBgNbd(customers);
    const comparison = compareHoldout(fit.params, customers, { cutoffDay, endDay });
    return {
      repeaters: fit.repeaters,
      bgnbd: { ...fit.params, ll: fit.logLikelihood },
      cutoff: isoDay(cutoffDay),
      end: isoDay(endDay),
      ...comparison,
      layout,
    };
  }
  const models = model === 'auto' ? undefined : [model];
  const candidates = compareModelsOnHoldout(customers, { cutoffDay, endDay, ...(models ? { models } : {}) });
  const fit = tryBgNbd(customers);
  return {
    repeaters: customers.filter((c) => c.x > 0).length,
    ...(fit
      ? {
          bgnbd: { ...fit.params, ll: fit.logLikelihood },
          ...compareHoldout(fit.params, customers, { cutoffDay, endDay }),
        }
      : { customers: customers.length, holdoutWeeks: candidates.holdoutWeeks }),
    cutoff: isoDay(cutoffDay),
    end: isoDay(endDay),
    criterion: candidates.criterion,
    candidates: candidates.candidates.map(candidateOutput),
    chosen: candidates.chosen,
    layout,
  };
}

function tryBgNbd(customers: readonly CustomerSummary[]): ReturnType<typeof fitBgNbd> | undefined {
  try {
    return fitBgNbd(customers);
  } catch (error) {
    if (error instanceof AnalyticsError) return undefined;
    throw error;
  }
}

/**
 * Gamma-Gamma as before; when it cannot be fitted (e.g. every amount equal: the likelihood has no
 * finite maximum) the purchase-model output still comes, with `gammaGamma: null` and the shrunk-mean
 * fallback under `spend`, saying why.
 */
function spendOutput(summaries: readonly CustomerSummary[]): Record<string, unknown> {
  try {
    const gammaGamma = fitGammaGamma(summaries);
    return {
      gammaGamma: {
        ...gammaGamma.params,
        ll: gammaGamma.logLikelihood,
        customers: gammaGamma.customers,
        populationMeanSpend: gammaGamma.populationMeanSpend,
      },
    };
  } catch (error) {
    if (!(error instanceof AnalyticsError)) throw error;
    let fallback: ReturnType<typeof shrunkMeanSpend> | undefined;
    try {
      fallback = shrunkMeanSpend(summaries);
    } catch (inner) {
      if (!(inner instanceof AnalyticsError)) throw inner;
    }
    return {
      gammaGamma: null,
      spend: {
        ...(fallback ?? { model: null }),
        gammaGammaError: { code: error.code, message: error.message },
        note: fallback
          ? "Gamma-Gamma could not be fitted: each customer's mean spend is shrunk to the tenant mean (weight of one purchase)"
          : 'no spend model: no repeat purchase with a positive amount',
      },
    };
  }
}

function modelOutput(fit: PurchaseModelFit): Record<string, unknown> {
  const isCnbd = fit.model === 'mbgnbd' || fit.model === 'bgcnbd' || fit.model === 'mbgcnbd';
  return {
    model: fit.model,
    ...(isCnbd ? { k: erlangShapeOf(fit) } : {}),
    params: fit.params,
    ll: fit.logLikelihood,
    ...(fit.likelihoodByK ? { likelihoodByK: fit.likelihoodByK } : {}),
    ...boundaryOutput(fit.boundary),
  };
}

/**
 * Only for a fit that stopped on the edge of its search box (no interior maximum): which
 * parameters sit there, and a note; a normal fit's line is unchanged.
 */
function boundaryOutput(boundary: PurchaseModelFit['boundary']): Record<string, unknown> {
  if (!boundary) return {};
  const names = boundary.map((p) => `${p.parameter} at its ${p.bound} bound`).join(', ');
  return {
    boundary,
    notes: [
      `the likelihood has no interior maximum: the fit stopped on the edge of its search box (${names}); the forecasts are those of the limiting model`,
    ],
  };
}

function candidateOutput(c: ModelCandidate): Record<string, unknown> {
  // The weekly tracking curve is for the screen; the CLI's line keeps the figures.
  const { logLikelihood, trackingExpected: _curve, ...rest } = c;
  return { ...rest, ...(logLikelihood !== undefined ? { ll: logLikelihood } : {}) };
}

try {
  process.stdout.write(`${JSON.stringify(run(process.argv.slice(2)))}\n`);
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`analytics: ${error.message}\n${usage}\n`);
    process.exitCode = 2;
  } else if (error instanceof AnalyticsError) {
    process.stderr.write(`analytics: ${error.code}: ${error.message}\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
