import {
  AnalyticsError,
  dayNumber,
  scoreCustomer,
  summarizeTransactions,
  valueDeciles,
} from '@crm/analytics';
import {
  applyInteraction,
  type Customer,
  type CustomerScores,
  DomainError,
  emptyCustomerStats,
  type ModelFit,
} from '@crm/domain';
import {
  type BucketLimit,
  CustomerRepository,
  ModelRepository,
  type OrderFact,
  RefitWorkRepository,
  type RefitWorkState,
  scoreWritePacer,
  type TableClient,
  TenantRepository,
} from '@crm/dynamodb';
import pMap from 'p-map';
import {
  addToTally,
  emptyTally,
  FIT_SAMPLE_LIMIT,
  FIT_SAMPLE_SEED,
  summaryOverEveryone,
} from './fit-sample.js';
import { decodePages, encodePage, type StoredPage } from './refit-pages.js';
import { firstUnstorableNumber, storableCopy } from './storable-numbers.js';
import { fitTenantModel, scoringParamsOf, type TenantCustomer, toCustomerScores } from './tenant-model.js';

/** Customers whose orders are read at once during a refit. */
const READ_CONCURRENCY = 32;
/** Customers per read page, and so per score page. */
export const REFIT_PAGE_SIZE = 200;
/**
 * A run counts as lost once this long passes without a piece (no piece runs longer: a Lambda
 * stops at 15 minutes). Every piece moves it on.
 */
export const RUN_STALE_MS = 16 * 60_000;
/**
 * A run handed to another invocation (a continuation message behind the night's queue) is held
 * this long: the nightly window. A run nobody continues is then shown as interrupted.
 */
export const RUN_HANDOFF_MS = 4 * 60 * 60_000;

export type RefitOutcome = { status: 'succeeded' | 'failed' | 'running'; fit: ModelFit };

/** A piece of work done: the run ended (outcome), or it stopped between pieces and goes on later. */
export type RefitStep =
  | { done: true; outcome: RefitOutcome }
  | { done: false; progress: RefitProgress; run: Pick<ModelFit, 'id' | 'startedAt'> };
export type RefitProgress = NonNullable<ModelFit['progress']>;

/**
 * A customer whose orders all fell on one day, in the default currency, is fully described by its
 * stats (one purchase day of amount orderValue: x = 0): its timeline need not be read. On CDNOW
 * that is about half the customers, and half the refit's reads.
 */
function singleDayOrders(customer: TenantCustomer, currency: string): OrderFact[] | undefined {
  const { firstOrderAt, lastOrderAt, orderValueByCurrency, orderValue } = customer.stats;
  if (!firstOrderAt || !lastOrderAt || dayNumber(firstOrderAt) !== dayNumber(lastOrderAt)) return undefined;
  if (Object.keys(orderValueByCurrency).some((code) => code !== currency)) return undefined;
  return [{ occurredAt: firstOrderAt, amount: orderValue, currency }];
}

/**
 * Orders a caller already holds, by customer id, as `listOrders` would read them (the demo seed's,
 * just written by its import): a refit given them reads a customer's orders only when those it was
 * given do not account for the customer's stored figures.
 */
export type KnownOrders = ReadonlyMap<string, readonly OrderFact[]>;

/**
 * Whether `orders` are every order behind `stats`: the same count, totals per currency and first
 * and last instants, as the import and the API compute them (`applyInteraction`). Anything written
 * since they were handed over (an order added, removed or moved to another day's end) shows here.
 */
function accountsFor(
  stats: TenantCustomer['stats'],
  orders: readonly OrderFact[],
  currency: string,
): boolean {
  let figures = emptyCustomerStats();
  try {
    for (const order of orders) {
      figures = applyInteraction(
        figures,
        {
          type: 'order',
          occurredAt: order.occurredAt,
          amount: order.amount,
          currency: order.currency ?? currency,
        },
        currency,
      );
    }
  } catch {
    return false;
  }
  const byCurrency = (totals: Readonly<Record<string, number>>) =>
    JSON.stringify(Object.entries(totals).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return (
    figures.orderCount === stats.orderCount &&
    figures.orderValue === stats.orderValue &&
    figures.firstOrderAt === stats.firstOrderAt &&
    figures.lastOrderAt === stats.lastOrderAt &&
    byCurrency(figures.orderValueByCurrency) === byCurrency(stats.orderValueByCurrency)
  );
}

/**
 * The orders of `customers` who have any, `READ_CONCURRENCY` partitions at once; those `known`
 * holds for a customer when they account for its figures (the very orders a read would find).
 */
async function ordersOf(
  models: ModelRepository,
  customers: readonly TenantCustomer[],
  currency: string,
  known?: KnownOrders,
): Promise<Map<string, OrderFact[]>> {
  const ordersByCustomer = new Map<string, OrderFact[]>();
  const buyers: TenantCustomer[] = [];
  for (const customer of customers) {
    if (customer.stats.orderCount === 0) continue;
    const single = singleDayOrders(customer, currency);
    const given = single ? undefined : known?.get(customer.id);
    if (single) ordersByCustomer.set(customer.id, single);
    else if (given && accountsFor(customer.stats, given, currency))
      ordersByCustomer.set(customer.id, [...given]);
    else buyers.push(customer);
  }
  await pMap(
    buyers,
    async (customer) => {
      ordersByCustomer.set(customer.id, await models.listOrders({ customerId: customer.id }));
    },
    { concurrency: READ_CONCURRENCY },
  );
  return ordersByCustomer;
}

/** Every live customer and the orders of those with any (the holdout check reads them whole). */
export async function readOrders(client: TableClient, tenantId: string, currency: string) {
  const customers: TenantCustomer[] = [];
  for await (const page of new CustomerRepository(client, tenantId).liveCustomerPages()) {
    for (const customer of page) customers.push({ id: customer.id, stats: customer.stats });
  }
  const ordersByCustomer = await ordersOf(new ModelRepository(client, tenantId), customers, currency);
  return { customers, ordersByCustomer };
}

/** One stored page's scores with the run's fit, as `fitTenantModel` scores every customer. */
function scorePage(text: string, fit: ModelFit, state: RefitWorkState) {
  const page = JSON.parse(text) as StoredPage;
  const transactions = page.buyers.flatMap(([customerId, , purchases]) => {
    const list = [];
    for (let at = 0; at < purchases.length; at += 2) {
      list.push({ customerId, day: purchases[at] as number, amount: purchases[at + 1] as number });
    }
    return list;
  });
  const params = scoringParamsOf(fit);
  // Scored as of the fit: a page written again after a crash writes the very same scores.
  const scoredAt = new Date(fit.fittedAt ?? fit.startedAt);
  return summarizeTransactions(transactions, { cutoffDay: state.cutoffDay }).map((summary) => ({
    customerId: summary.customerId,
    scores: toCustomerScores(fit, scoreCustomer(params, summary, state.cutoffDay), summary, scoredAt),
  }));
}

/**
 * The fit, with numeric breakdowns on degenerate data (a series that does not converge for
 * parameters at the edge of their range) told as such rather than as an unexpected failure.
 */
function fitOrExplain(input: Parameters<typeof fitTenantModel>[0]): ReturnType<typeof fitTenantModel> {
  try {
    return fitTenantModel(input);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new AnalyticsError(
      'degenerate_data',
      `The orders give the models no stable answer (too few repeat buyers?): ${error.message}`,
    );
  }
}

function progressOf(state: RefitWorkState, now: Date, heldMs: number): RefitProgress {
  return {
    phase: state.phase,
    pagesRead: state.pagesRead,
    customersRead: state.customersRead,
    pagesScored: state.pagesScored,
    customersScored: state.customersScored,
    updatedAt: now.toISOString(),
    heldUntil: new Date(now.getTime() + heldMs).toISOString(),
  };
}

/**
 * One refit, in pieces (issue 21): each piece is one page of customers read (their orders kept in
 * the run's work items), the fit (once, on every page read), or one page of scores written with
 * the stored fit. After each piece the run's state is stored, so the run goes on from there in
 * this call while `more()` allows, or in a later call (another invocation) given the same run. The
 * first piece of a call always runs. A page redone after a crash gives the same items and the
 * same scores. The fit becomes the latest only after the last page of scores: `LATEST` never
 * names scores not yet written. A failed fit is stored as such, never as numbers.
 */
export async function continueRefit(input: {
  client: TableClient;
  tenantId: string;
  /** The run, as claimed and stored `running`. */
  run: ModelFit;
  clock: () => Date;
  /** Whether another piece may start. @default always */
  more?: () => boolean;
  pageSize?: number;
  /** At most this many buyers go into the fit (the rest are scored with it). @default FIT_SAMPLE_LIMIT */
  sampleLimit?: number;
  /**
   * An unexpected error (not the data's answer) is thrown on, leaving the run `running` with its
   * stored state, so a retry of the same call (SQS, Lambda's async retries) resumes from the last
   * stored piece. @default false: it is stored as a failed fit (`internal`)
   */
  resumeAfterCrash?: boolean;
  /**
   * The write units a second the score writes may put on each list shard (docs/scaling.md:
   * unpaced, a refit would write ~4,000 customers a second into a small tenant's one shard, 24×
   * what a partition takes). @default SCORE_WRITE_BUDGET where the table has partition limits
   * (in AWS); none on DynamoDB Local
   */
  scoreWriteBudget?: BucketLimit;
  /** Orders the caller holds already (`KnownOrders`): read only where they fall short. */
  knownOrders?: KnownOrders;
}): Promise<RefitStep> {
  const { client, tenantId, run, clock } = input;
  const more = input.more ?? (() => true);
  const models = new ModelRepository(client, tenantId);
  const work = new RefitWorkRepository(client, tenantId, run.id);
  // One budget for every page this call writes: pages follow each other within the second. On
  // DynamoDB Local (no partition limit) only an explicit budget paces.
  const paced = input.scoreWriteBudget !== undefined || client.partitionLimited !== false;
  const pacer = paced ? scoreWritePacer(input.scoreWriteBudget) : undefined;
  const t0 = performance.now();
  try {
    let state = await work.getState();
    if (!state) {
      const tenant = await new TenantRepository(client).get({ tenantId });
      if (!tenant) throw new DomainError('not_found', 'Tenant not found');
      state = {
        phase: 'reading',
        pagesRead: 0,
        customersRead: 0,
        buyersRead: 0,
        pagesScored: 0,
        customersScored: 0,
        currency: tenant.settings.defaultCurrency,
        cutoffDay: dayNumber(clock().toISOString()),
        readMs: 0,
        scoreMs: 0,
      };
    }
    for (let piece = 0; ; piece++) {
      if (state.phase === 'scoring' && state.pagesScored >= state.pagesRead) break;
      if (piece > 0 && !more()) {
        // Handed on: held until another invocation takes it up.
        const progress = progressOf(state, clock(), RUN_HANDOFF_MS);
        await models.renewRefit(run.id, new Date(progress.heldUntil));
        if (!(await models.setProgress({ startedAt: run.startedAt, fitId: run.id }, progress))) {
          return { done: true, outcome: await interruptedOutcome(models, run) };
        }
        return { done: false, progress, run: { id: run.id, startedAt: run.startedAt } };
      }
      const pieceStarted = performance.now();
      if (state.phase === 'reading') {
        const pages = new CustomerRepository(client, tenantId).liveCustomerPagesFrom({
          ...(state.cursor ? { cursor: state.cursor } : {}),
          pageSize: input.pageSize ?? REFIT_PAGE_SIZE,
        });
        const first = await pages[Symbol.asyncIterator]().next();
        const page = first.done ? undefined : first.value;
        const customers: Customer[] = page?.customers ?? [];
        const ordersByCustomer = await ordersOf(
          models,
          customers.map((customer) => ({ id: customer.id, stats: customer.stats })),
          state.currency,
          input.knownOrders,
        );
        await work.putPage(state.pagesRead, encodePage(customers, ordersByCustomer, state.currency), clock());
        state.pagesRead++;
        state.customersRead += customers.length;
        state.buyersRead += ordersByCustomer.size;
        if (page?.next) state.cursor = page.next;
        else {
          delete state.cursor;
          state.phase = 'fitting';
        }
        state.readMs += performance.now() - pieceStarted;
      } else if (state.phase === 'fitting') {
        const [texts, policy] = await Promise.all([work.pages(), models.getPolicy()]);
        const { customers, ordersByCustomer, orderValues, sample } = decodePages(
          texts,
          state.currency,
          input.sampleLimit ?? FIT_SAMPLE_LIMIT,
        );
        state.readMs += performance.now() - pieceStarted;
        const pin = policy?.policy;
        const { fit, scores } = fitOrExplain({
          fitId: run.id,
          startedAt: run.startedAt,
          trigger: run.trigger,
          currency: state.currency,
          cutoffDay: state.cutoffDay,
          ...(pin && pin.model !== 'auto'
            ? { pinnedModel: { model: pin.model, ...(pin.k === null ? {} : { k: pin.k }) } }
            : {}),
          customers,
          ordersByCustomer,
          now: clock,
        });
        const unstorable = firstUnstorableNumber({ fit, scores });
        if (unstorable) {
          throw new AnalyticsError(
            'degenerate_data',
            'The orders give the models no stable answer (too few repeat buyers for this many customers): ' +
              `${unstorable} came out beyond any storable number`,
            { at: unstorable, repeaters: fit.diagnostics?.repeaters ?? null, customers: customers.length },
          );
        }
        if (sample) {
          // Fitted on a sample, scored on everyone: the score pages count the summary over all.
          fit.sample = { ...sample, seed: FIT_SAMPLE_SEED };
          if (fit.summary) fit.summary.valueDistribution = valueDeciles(orderValues);
          if (fit.diagnostics) fit.diagnostics.customersRead = state.customersRead;
          state.tally = emptyTally();
        }
        state.fit = fit;
        state.phase = 'scoring';
      } else {
        const fit = state.fit as ModelFit;
        const [text = '{"customers":0,"buyers":[]}'] = await work.pages(state.pagesScored);
        const scores: { customerId: string; scores: CustomerScores }[] = scorePage(text, fit, state);
        await models.setScoresMany(scores, { pacer });
        if (state.tally) addToTally(state.tally, scores);
        state.pagesScored++;
        state.customersScored += scores.length;
        state.scoreMs += performance.now() - pieceStarted;
      }
      await work.putState(state, clock());
      const progress = progressOf(state, clock(), RUN_STALE_MS);
      await models.renewRefit(run.id, new Date(progress.heldUntil));
      // Taken over (it looked lost) or ended elsewhere: this run stops here.
      if (!(await models.setProgress({ startedAt: run.startedAt, fitId: run.id }, progress))) {
        return { done: true, outcome: await interruptedOutcome(models, run) };
      }
    }
    const fit = state.fit as ModelFit;
    if (state.tally && fit.summary)
      fit.summary = summaryOverEveryone(fit.summary, state.tally, state.customersRead);
    fit.diagnostics = {
      ...fit.diagnostics,
      readMs: Math.round(state.readMs),
      scoreMs: Math.round((fit.diagnostics?.scoreMs ?? 0) + state.scoreMs),
      totalMs: Math.round(state.readMs + (fit.diagnostics?.fitMs ?? 0) + state.scoreMs),
    };
    // The work items go before the run is stored finished: once a run reads as ended, its claim is
    // given back at once, and a request seeing it ended starts the next run (a crash in between
    // leaves the run `running`; a later piece reads it again from the start).
    await work
      .clear()
      .catch((error: unknown) => console.error('analytics refit: work items not removed', error));
    await models.saveFit(fit);
    return { done: true, outcome: { status: 'succeeded', fit } };
  } catch (error) {
    const known = error instanceof AnalyticsError || error instanceof DomainError;
    if (!known && input.resumeAfterCrash) throw error;
    const failed: ModelFit = {
      ...run,
      status: 'failed',
      fittedAt: clock().toISOString(),
      diagnostics: { converged: false, totalMs: Math.round(performance.now() - t0) },
      error: known
        ? {
            code: error.code,
            message: error.message,
            ...(error.details ? { details: storableCopy(error.details) } : {}),
          }
        : { code: 'internal', message: 'The fit failed unexpectedly' },
    };
    delete failed.progress;
    if (!known) console.error('analytics refit failed', error);
    await work.clear().catch(() => {});
    try {
      await models.saveFit(failed);
    } catch (saveError) {
      // The run must not stay `running`: store it failed without the details that would not go in.
      console.error('analytics refit: the failed fit could not be stored with its details', saveError);
      const { details: _dropped, ...error } = failed.error ?? { code: 'internal', message: '' };
      await models.saveFit({ ...failed, diagnostics: { converged: false }, error });
    }
    return { done: true, outcome: { status: 'failed', fit: failed } };
  }
}

async function interruptedOutcome(models: ModelRepository, run: ModelFit): Promise<RefitOutcome> {
  const stored = (await models.getFit({ startedAt: run.startedAt, fitId: run.id })) ?? run;
  return { status: stored.status, fit: stored };
}

/** One refit start to end in this call: every piece, no time limit (the local runtime, tests). */
export async function runRefit(input: {
  client: TableClient;
  tenantId: string;
  started: ModelFit;
  clock: () => Date;
  knownOrders?: KnownOrders;
}): Promise<RefitOutcome> {
  const step = await continueRefit({
    client: input.client,
    tenantId: input.tenantId,
    run: input.started,
    clock: input.clock,
    ...(input.knownOrders ? { knownOrders: input.knownOrders } : {}),
  });
  if (!step.done) throw new Error('a refit without a time limit stopped short');
  return step.outcome;
}
