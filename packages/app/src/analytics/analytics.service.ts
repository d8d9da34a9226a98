import {
  AnalyticsError,
  dayNumber,
  expectedPurchases,
  isoDay,
  medianWeeksToNextPurchase,
  probabilityAlive,
  rfmSegmentNames,
  suggestRelationshipLevel,
} from '@crm/analytics';
import { type Customer, DomainError, type ModelFit, newId } from '@crm/domain';
import {
  CustomerRepository,
  ModelRepository,
  type OrderFact,
  type TenantClientFactory,
  TenantRepository,
} from '@crm/dynamodb';
import {
  ASSUMED_MARGIN_RATE,
  fitTenantModel,
  scoreOneCustomer,
  type TenantCustomer,
  valueIndexOf,
} from './tenant-model.js';

/** Customers whose orders are read at once during a refit. */
const READ_CONCURRENCY = 32;
/** Scores written at once during a refit (UpdateItem each). */
const WRITE_CONCURRENCY = 32;
/** How long `POST /v1/analytics/refit` waits before answering 202 and finishing in the background. */
export const DEFAULT_REFIT_WAIT_MS = 8_000;

export type RefitOutcome = { status: 'succeeded' | 'failed' | 'running'; fit: ModelFit };

/** Where a dispatched refit runs: its running record is stored; the worker completes it. */
export type RefitRequest = { tenantId: string; fitId: string; startedAt: string };

/**
 * Hands a refit to a worker that outlives the request. In AWS the API Lambda invokes the refit
 * Lambda asynchronously (a Lambda is frozen once it has answered, so it cannot finish the fit in
 * the background); the local runtime, a long-lived process, needs none and runs it in-process.
 */
export type RefitDispatch = (request: RefitRequest) => Promise<void>;

/**
 * A run still `running` after this long is taken as lost (no worker runs longer: the refit Lambda
 * times out at 15 minutes): it is shown as interrupted and a new request starts another.
 */
const RUN_STALE_MS = 16 * 60_000;

/** How long a tenant found without a fit is not asked again by the scores reaction. */
const NO_FIT_MEMORY_MS = 5_000;
/**
 * A change this long before a fit began was read by that fit (stream times are whole seconds,
 * and a query may lag a write by a moment): its scores already count it.
 */
const FIT_SAW_CHANGE_MS = 2_000;

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

function today(now: Date): number {
  return dayNumber(now.toISOString());
}

/**
 * Analytics in the product: refits of a tenant's models (on demand and nightly), the per-customer
 * rescoring the stream reaction calls, insights with their inputs, and the tenant summary.
 */
export class AnalyticsService {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;
  /** Refits under way in this process, by tenant: a second request joins the first. */
  private readonly running = new Map<string, { fit: ModelFit; done: Promise<RefitOutcome> }>();
  private readonly dispatch: RefitDispatch | undefined;
  /**
   * Tenants seen without a fit, until when (wall clock). A bulk import into a tenant never fitted
   * sends one order record per row through the stream; each would otherwise read the model only to
   * find none. Only absence is remembered: a stored fit is always read fresh, so scores never use
   * parameters a refit has replaced.
   */
  private readonly noFitUntil = new Map<string, number>();

  constructor(deps: { tenantClient: TenantClientFactory; clock: () => Date; dispatch?: RefitDispatch }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
    this.dispatch = deps.dispatch;
  }

  /**
   * On-demand refit through the dispatcher: answers `running` at once with the stored run, or with
   * the run already under way (a second click joins the first rather than starting a twin).
   */
  private async dispatchRefit(tenantId: string, trigger: ModelFit['trigger']): Promise<RefitOutcome> {
    const models = this.models(tenantId);
    const [lastRun] = await models.history({ limit: 1 });
    const now = this.clock();
    if (lastRun?.status === 'running' && now.getTime() - Date.parse(lastRun.startedAt) < RUN_STALE_MS) {
      return { status: 'running', fit: lastRun };
    }
    const fit: ModelFit = { id: newId(), status: 'running', trigger, startedAt: now.toISOString() };
    await models.saveFit(fit);
    try {
      await (this.dispatch as RefitDispatch)({ tenantId, fitId: fit.id, startedAt: fit.startedAt });
    } catch (error) {
      console.error('analytics refit could not be dispatched', error);
      const failed: ModelFit = {
        ...fit,
        status: 'failed',
        fittedAt: this.clock().toISOString(),
        error: { code: 'internal', message: 'The refit could not be started; try again' },
      };
      await models.saveFit(failed);
      return { status: 'failed', fit: failed };
    }
    return { status: 'running', fit };
  }

  /**
   * The worker's side of a dispatched refit: completes the stored running record. Idempotent: a
   * redelivered request for a run that is no longer running (or unknown) does nothing.
   */
  async completeDispatchedRefit(request: RefitRequest): Promise<RefitOutcome | undefined> {
    const fit = await this.models(request.tenantId).getFit(request);
    if (fit?.status !== 'running') return undefined;
    return this.runFit(request.tenantId, fit);
  }

  private models(tenantId: string) {
    return new ModelRepository(this.tenantClient(tenantId), tenantId);
  }

  /**
   * Starts a refit (or joins the one running) and waits up to `waitMs` for it: the outcome when it
   * finished in time, else `running` while it goes on in this process (the local runtime; in AWS
   * big tenants are refit by the scheduled Lambda, see docs/analytics.md).
   */
  async refit({
    tenantId,
    trigger = 'api',
    waitMs = DEFAULT_REFIT_WAIT_MS,
  }: {
    tenantId: string;
    trigger?: ModelFit['trigger'];
    waitMs?: number;
  }): Promise<RefitOutcome> {
    if (this.dispatch && trigger === 'api') return this.dispatchRefit(tenantId, trigger);
    let run = this.running.get(tenantId);
    if (!run) {
      const fit: ModelFit = {
        id: newId(),
        status: 'running',
        trigger,
        startedAt: this.clock().toISOString(),
      };
      await this.models(tenantId).saveFit(fit);
      const done = this.runFit(tenantId, fit).finally(() => this.running.delete(tenantId));
      run = { fit, done };
      this.running.set(tenantId, run);
    }
    // Beyond setTimeout's range (2^31 − 1 ms) means "wait for the outcome".
    if (waitMs >= 2 ** 31 - 1) return run.done;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<RefitOutcome>((resolve) => {
      timer = setTimeout(() => resolve({ status: 'running', fit: (run as { fit: ModelFit }).fit }), waitMs);
    });
    try {
      return await Promise.race([run.done, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Reads, fits, stores and scores; a failed fit is stored as such, never as numbers. */
  private async runFit(tenantId: string, started: ModelFit): Promise<RefitOutcome> {
    const t0 = performance.now();
    const models = this.models(tenantId);
    try {
      const client = this.tenantClient(tenantId);
      const tenant = await new TenantRepository(client).get({ tenantId });
      if (!tenant) throw new DomainError('not_found', 'Tenant not found');
      const currency = tenant.settings.defaultCurrency;
      const { customers, ordersByCustomer } = await this.readOrders(tenantId, currency);
      const readMs = performance.now() - t0;
      const { fit, scores } = fitTenantModel({
        fitId: started.id,
        startedAt: started.startedAt,
        trigger: started.trigger,
        currency,
        cutoffDay: today(this.clock()),
        customers,
        ordersByCustomer,
        now: this.clock,
      });
      const writeStarted = performance.now();
      // Scores first, then the fit: the latest fit never points at scores not yet written.
      await models.setScoresMany(scores, { concurrency: WRITE_CONCURRENCY });
      fit.diagnostics = {
        ...fit.diagnostics,
        readMs: Math.round(readMs),
        scoreMs: Math.round((fit.diagnostics?.scoreMs ?? 0) + performance.now() - writeStarted),
        totalMs: Math.round(performance.now() - t0),
      };
      await models.saveFit(fit);
      return { status: 'succeeded', fit };
    } catch (error) {
      const known = error instanceof AnalyticsError || error instanceof DomainError;
      const failed: ModelFit = {
        ...started,
        status: 'failed',
        fittedAt: this.clock().toISOString(),
        diagnostics: { converged: false, totalMs: Math.round(performance.now() - t0) },
        error: known
          ? {
              code: error.code,
              message: error.message,
              ...(error.details ? { details: JSON.parse(JSON.stringify(error.details)) } : {}),
            }
          : { code: 'internal', message: 'The fit failed unexpectedly' },
      };
      if (!known) console.error('analytics refit failed', error);
      await models.saveFit(failed);
      return { status: 'failed', fit: failed };
    }
  }

  /** Every live customer and the orders of those with any, `READ_CONCURRENCY` partitions at once. */
  private async readOrders(tenantId: string, currency: string) {
    const client = this.tenantClient(tenantId);
    const customerRepository = new CustomerRepository(client, tenantId);
    const models = new ModelRepository(client, tenantId);
    const customers: TenantCustomer[] = [];
    for await (const page of customerRepository.liveCustomerPages()) {
      for (const customer of page) customers.push({ id: customer.id, stats: customer.stats });
    }
    const ordersByCustomer = new Map<string, OrderFact[]>();
    const buyers: TenantCustomer[] = [];
    for (const customer of customers) {
      if (customer.stats.orderCount === 0) continue;
      const single = singleDayOrders(customer, currency);
      if (single) ordersByCustomer.set(customer.id, single);
      else buyers.push(customer);
    }
    let next = 0;
    const worker = async () => {
      while (next < buyers.length) {
        const customer = buyers[next++] as TenantCustomer;
        ordersByCustomer.set(customer.id, await models.listOrders({ customerId: customer.id }));
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, buyers.length) }, worker));
    return { customers, ordersByCustomer };
  }

  /** The latest fit, the one before it (to compare) and the latest run (running or failed). */
  async model({ tenantId }: { tenantId: string }) {
    const models = this.models(tenantId);
    const [latest, runs] = await Promise.all([models.latest(), models.history({ limit: 20 })]);
    const previous = latest
      ? runs.find((run) => run.status === 'succeeded' && run.id !== latest.id)
      : undefined;
    return { latest: latest ?? null, previous: previous ?? null, lastRun: this.asSeenNow(tenantId, runs[0]) };
  }

  /**
   * A run still `running` long after any worker could have finished it (the process or Lambda
   * died) is shown as failed, so nobody waits for it; the next refit starts afresh.
   */
  private asSeenNow(tenantId: string, run: ModelFit | undefined): ModelFit | null {
    if (!run) return null;
    if (run.status !== 'running' || this.running.get(tenantId)?.fit.id === run.id) return run;
    if (this.clock().getTime() - Date.parse(run.startedAt) < RUN_STALE_MS) return run;
    return {
      ...run,
      status: 'failed',
      error: { code: 'interrupted', message: 'The refit stopped before finishing; refit again' },
    };
  }

  async summary({ tenantId }: { tenantId: string }) {
    const latest = await this.models(tenantId).latest();
    if (!latest?.summary) {
      throw new DomainError('not_found', 'No model fit yet: POST /v1/analytics/refit first');
    }
    return { fitId: latest.id, fittedAt: latest.fittedAt ?? latest.startedAt, ...latest.summary };
  }

  /**
   * Recomputes one customer's scores from its orders with the stored parameters (no refit) and
   * writes them. Naturally idempotent: the result depends only on the timeline and the fit.
   * Nothing happens before the tenant's first fit or for a customer without orders.
   */
  async rescoreCustomer({
    tenantId,
    customerId,
    changedAt,
  }: {
    tenantId: string;
    customerId: string;
    /** When the order changed: a change the latest fit already read needs no rescoring. */
    changedAt?: string;
  }): Promise<boolean> {
    if ((this.noFitUntil.get(tenantId) ?? 0) > Date.now()) return false;
    const models = this.models(tenantId);
    const fit = await models.latest();
    if (!fit?.bgnbd) {
      this.noFitUntil.set(tenantId, Date.now() + NO_FIT_MEMORY_MS);
      return false;
    }
    this.noFitUntil.delete(tenantId);
    // A bulk import followed by a refit (the demo seed, or a stream consumer catching up) would
    // otherwise rescore every imported order's customer again, to the same numbers.
    if (changedAt && Date.parse(fit.startedAt) - Date.parse(changedAt) > FIT_SAW_CHANGE_MS) return false;
    const orders = await models.listOrders({ customerId });
    const now = this.clock();
    const scored = scoreOneCustomer({
      fit,
      customerId,
      orders,
      currency: fit.currency ?? 'CNY',
      asOfDay: today(now),
      now,
    });
    if (!scored) return false;
    return models.setScores({ customerId, scores: scored.scores });
  }

  /** A customer's numbers, each with the inputs, parameters and rule that produced it. */
  async insights({ tenantId, customerId }: { tenantId: string; customerId: string }) {
    const client = this.tenantClient(tenantId);
    const customer: Customer | undefined = await new CustomerRepository(client, tenantId).get({ customerId });
    if (!customer) throw new DomainError('not_found', 'Customer not found');
    const models = this.models(tenantId);
    const fit = await models.latest();
    const stored = (customer as { scores?: unknown }).scores ?? null;
    if (!fit?.bgnbd) {
      return { customerId, model: null, stored, insights: null, reason: 'no model fit yet' };
    }
    const now = this.clock();
    const asOfDay = today(now);
    const orders = await models.listOrders({ customerId });
    const scored = scoreOneCustomer({
      fit,
      customerId,
      orders,
      currency: fit.currency ?? 'CNY',
      asOfDay,
      now,
    });
    const model = {
      fitId: fit.id,
      fittedAt: fit.fittedAt ?? fit.startedAt,
      calibration: fit.calibration ?? null,
      currency: fit.currency ?? null,
      bgnbd: { r: fit.bgnbd.r, alpha: fit.bgnbd.alpha, a: fit.bgnbd.a, b: fit.bgnbd.b },
      gammaGamma: fit.gammaGamma
        ? { p: fit.gammaGamma.p, q: fit.gammaGamma.q, gamma: fit.gammaGamma.gamma }
        : null,
      clv: fit.clv ?? null,
    };
    if (!scored) return { customerId, model, stored, insights: null, reason: 'no orders yet' };
    const { scores, score, summary } = scored;
    const repeat = { x: score.inputs.x, tx: score.inputs.tx, T: score.inputs.T };
    const abcClass = score.abcClass ?? 'C';
    const customersInClass = fit.summary?.abc.counts[abcClass] ?? 0;
    const relationship = suggestRelationshipLevel({
      customerCount: customersInClass,
      marginRate: ASSUMED_MARGIN_RATE,
    });
    const valueIndex = valueIndexOf(fit, score);
    return {
      customerId,
      asOf: isoDay(asOfDay),
      model,
      stored,
      reason: null,
      insights: {
        scores,
        inputs: {
          ...scores.inputs,
          unit: 'weeks (x: repeat purchase days, same-day orders merged)',
          recencyDays: score.inputs.recencyDays,
          frequency: score.inputs.frequency,
          orders: orders.length,
        },
        pAlive: {
          value: probabilityAlive(model.bgnbd, repeat),
          equation: 'Fader, Hardie & Lee 2008 note, eq. 13',
          inputs: repeat,
          params: model.bgnbd,
        },
        expectedPurchases90d: {
          value: expectedPurchases(model.bgnbd, repeat, 90 / 7),
          equation: 'Fader, Hardie & Lee 2005, eq. 10, t = 90/7 weeks',
          inputs: repeat,
          params: model.bgnbd,
        },
        nextPurchase: {
          date: scores.nextPurchaseAt,
          medianWeeks: medianWeeksToNextPurchase(model.bgnbd, repeat),
          rule: 'median wait (α+T)(2^(1/(r+x)) − 1) weeks from today, if the customer is alive',
        },
        clv: {
          value: scores.clv,
          expectedSpend: scores.expectedSpend,
          discountedPurchases: score.discountedPurchases,
          spendInputs: { spendCount: summary.spendCount, meanSpend: summary.meanSpend },
          params: model.gammaGamma,
          options: model.clv,
          equation: 'CLV = margin · E(M|z̄,x) · Σₘ ΔE[Y]/(1+d)^m (docs/analytics.md)',
        },
        rfm: score.rfm
          ? {
              ...score.rfm,
              segmentName: rfmSegmentNames[score.rfm.segment],
              values: {
                recencyDays: score.inputs.recencyDays,
                frequency: score.inputs.frequency,
                monetary: score.inputs.monetary,
              },
              cutoffs: fit.rfm ?? null,
            }
          : null,
        abc: {
          abcClass: score.abcClass,
          value: summary.totalAmount,
          cutoffs: fit.abc?.cutoffs ?? null,
          thresholds: fit.abc?.thresholds ?? null,
        },
        lifecycle: {
          ...scores.lifecycleSuggestion,
          inputs: {
            tenureWeeks: score.inputs.T,
            repeatPurchases: score.inputs.x,
            pAlive: score.pAlive,
            trend: score.trend,
          },
        },
        relationship: {
          level: relationship.level,
          name: relationship.name,
          rule: `Kotler grid: ${customersInClass} customers in ABC class ${abcClass} (${relationship.customers}) × assumed margin rate ${ASSUMED_MARGIN_RATE} (${relationship.margin}) → ${relationship.level}`,
          inputs: { customersInClass, abcClass, marginRate: ASSUMED_MARGIN_RATE },
        },
        valueIndex,
      },
    };
  }
}
