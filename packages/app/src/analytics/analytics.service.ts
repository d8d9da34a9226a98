import { AnalyticsError, dayNumber, isoDay } from '@crm/analytics';
import {
  type CustomerInsights,
  DomainError,
  defaultPurchaseModelPolicy,
  type HoldoutCheck,
  type ModelFit,
  newId,
  type PurchaseModelPolicy,
  PurchaseModelPolicySchema,
} from '@crm/domain';
import { CustomerRepository, ModelRepository, type TenantClientFactory } from '@crm/dynamodb';
import { CustomerRescoring } from './customer-rescoring.js';
import { runHoldoutCheck } from './holdout-check.js';
import { insightsModelOf, presentInsights } from './insights-presenter.js';
import {
  continueRefit,
  type KnownOrders,
  type RefitOutcome,
  type RefitStep,
  RUN_STALE_MS,
  runRefit,
} from './refit-runner.js';
import { scoreOneCustomer } from './tenant-model.js';

export type { KnownOrders, RefitOutcome, RefitProgress, RefitStep } from './refit-runner.js';

export type PurchaseModelPolicyView = {
  policy: PurchaseModelPolicy;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
};

/** How long `POST /v1/analytics/refit` waits before answering 202 and finishing in the background. */
export const DEFAULT_REFIT_WAIT_MS = 8_000;

/** Where a dispatched refit runs: its running record is stored; the worker completes it. */
export type RefitRequest = { tenantId: string; fitId: string; startedAt: string };

/**
 * Hands a refit to a worker that outlives the request. In AWS the API Lambda invokes the refit
 * Lambda asynchronously (a Lambda is frozen once it has answered, so it cannot finish the fit in
 * the background); the local runtime, a long-lived process, needs none and runs it in-process.
 */
export type RefitDispatch = (request: RefitRequest) => Promise<void>;

/** Where a refit in pieces goes on: its run, as `refitInPieces` and the continuation carry it. */
export function refitCursor(run: Pick<ModelFit, 'startedAt' | 'id'>): string {
  return `${run.startedAt}|${run.id}`;
}

function runOfCursor(cursor: string): { startedAt: string; fitId: string } {
  const [startedAt = '', fitId = ''] = cursor.split('|');
  if (!startedAt || !fitId) throw new DomainError('validation_failed', `not a refit cursor: ${cursor}`);
  return { startedAt, fitId };
}

function today(now: Date): number {
  return dayNumber(now.toISOString());
}

/**
 * Analytics in the product: refits of a tenant's models (on demand and nightly), the per-customer
 * rescoring the stream reaction calls, insights with their inputs, and the tenant summary.
 *
 * This file orchestrates refits (one per tenant at a time, dispatched or in-process, stale runs);
 * refit-runner.ts runs one, customer-rescoring.ts rescores one customer, insights-presenter.ts
 * explains one customer's numbers, tenant-model.ts holds the pure fit and scoring.
 */
export class AnalyticsService {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;
  /** Refits under way in this process, by tenant: a second request joins the first. */
  private readonly running = new Map<string, { fit: ModelFit; done: Promise<RefitOutcome> }>();
  private readonly dispatch: RefitDispatch | undefined;
  private readonly rescoring: CustomerRescoring;

  /** How long `refit` waits by default before answering `running`. */
  private readonly refitWaitMs: number;

  constructor(deps: {
    tenantClient: TenantClientFactory;
    clock: () => Date;
    dispatch?: RefitDispatch;
    refitWaitMs?: number;
  }) {
    this.tenantClient = deps.tenantClient;
    this.refitWaitMs = deps.refitWaitMs ?? DEFAULT_REFIT_WAIT_MS;
    this.clock = deps.clock;
    this.dispatch = deps.dispatch;
    this.rescoring = new CustomerRescoring({
      models: (tenantId) => this.models(tenantId),
      clock: this.clock,
    });
  }

  /**
   * Claims the tenant's one refit slot (a conditional write: of concurrent requests in any number
   * of processes exactly one wins) and records the new run as `running`; when another run holds
   * the slot, that run is the answer. A claim whose run outlived RUN_STALE_MS is taken over and
   * its run recorded as interrupted, so no run stays `running` for ever.
   */
  private async claimRun(
    tenantId: string,
    trigger: ModelFit['trigger'],
  ): Promise<{ claimed: boolean; fit: ModelFit }> {
    const models = this.models(tenantId);
    for (let attempt = 0; ; attempt++) {
      const now = this.clock();
      const fit: ModelFit = { id: newId(), status: 'running', trigger, startedAt: now.toISOString() };
      const claim = await models.claimRefit(
        { fitId: fit.id, startedAt: fit.startedAt, trigger },
        now,
        new Date(now.getTime() + RUN_STALE_MS),
      );
      if (claim.claimed) {
        try {
          if (claim.replaced) await models.markInterrupted(claim.replaced, now);
          await models.saveFit(fit);
        } catch (error) {
          // No run was recorded: the slot must not stay taken until it goes stale.
          await models.releaseRefit(fit.id).catch(() => {});
          throw error;
        }
        return { claimed: true, fit };
      }
      if (claim.holder) {
        const { fitId, startedAt, trigger: heldTrigger } = claim.holder;
        // The holder writes its run just after its claim: until then the claim describes it.
        const held = await models.getFit({ startedAt, fitId });
        return {
          claimed: false,
          fit: held ?? { id: fitId, status: 'running', trigger: heldTrigger, startedAt },
        };
      }
      // Released between our write and our read: the slot is free again.
      if (attempt >= 2) throw new DomainError('invalid_state', 'A refit is starting; try again');
    }
  }

  /** Ends a run: the slot goes back, whatever the outcome. */
  private async finishRun(tenantId: string, fitId: string, run: Promise<RefitOutcome>) {
    try {
      return await run;
    } finally {
      await this.models(tenantId)
        .releaseRefit(fitId)
        .catch((error: unknown) => console.error('analytics refit claim not released', error));
    }
  }

  /**
   * On-demand refit through the dispatcher: answers `running` at once with the stored run, or with
   * the run already under way (a second click joins the first rather than starting a twin).
   */
  private async dispatchRefit(tenantId: string, trigger: ModelFit['trigger']): Promise<RefitOutcome> {
    const { claimed, fit } = await this.claimRun(tenantId, trigger);
    if (!claimed) return { status: 'running', fit };
    const models = this.models(tenantId);
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
      await this.finishRun(
        tenantId,
        fit.id,
        models.saveFit(failed).then(() => ({ status: 'failed', fit })),
      );
      return { status: 'failed', fit: failed };
    }
    return { status: 'running', fit };
  }

  /**
   * The worker's side of a dispatched refit: completes the stored running record and gives the
   * claim back. Idempotent: a redelivered request for a run that is no longer running (or
   * unknown) does nothing.
   */
  async completeDispatchedRefit(
    request: RefitRequest,
    options: { more?: () => boolean; pageSize?: number } = {},
  ): Promise<RefitStep | undefined> {
    const fit = await this.models(request.tenantId).getFit(request);
    if (fit?.status !== 'running') return undefined;
    return this.pieces(request.tenantId, fit, options);
  }

  /**
   * A refit in pieces (issue 21), as the nightly worker runs it: without `cursor` a new run is
   * claimed (or the run holding the claim answered, as `refit` does); with it, that run goes on
   * where it stopped. While `more()` allows, piece follows piece; when it does not, the answer
   * says where to go on (`refitCursor`) and the claim is held for the continuation.
   */
  async refitInPieces({
    tenantId,
    trigger = 'schedule',
    cursor,
    more,
    pageSize,
    sampleLimit,
  }: {
    tenantId: string;
    trigger?: ModelFit['trigger'];
    cursor?: string;
    more?: () => boolean;
    pageSize?: number;
    /** At most this many buyers in the fit. @default FIT_SAMPLE_LIMIT (tests force it small) */
    sampleLimit?: number;
  }): Promise<RefitStep> {
    const options = {
      ...(more ? { more } : {}),
      ...(pageSize ? { pageSize } : {}),
      ...(sampleLimit ? { sampleLimit } : {}),
    };
    if (cursor) {
      const run = await this.models(tenantId).getFit(runOfCursor(cursor));
      if (!run) throw new DomainError('not_found', `No refit run ${cursor}`);
      // Ended meanwhile (taken over as lost, or finished by a redelivered message): nothing to do.
      if (run.status !== 'running') return { done: true, outcome: { status: run.status, fit: run } };
      return this.pieces(tenantId, run, options);
    }
    const { claimed, fit } = await this.claimRun(tenantId, trigger);
    if (claimed) return this.pieces(tenantId, fit, options);
    const crashed = await this.crashedBeforeFirstPiece(tenantId, fit, trigger);
    if (crashed) return this.pieces(tenantId, crashed, options);
    return { done: true, outcome: { status: 'running', fit } };
  }

  /**
   * The run holding the claim, if it is one of `trigger` that never stored a piece: an invocation
   * that died before its first piece was saved (issue 21). Its claim stays held until it goes
   * stale, so the retry of the same nightly message would otherwise find it "running" and skip
   * the tenant's night. The retry takes it up instead, from its stored state if the piece got
   * that far (its progress is what was not stored), else from the start. A second delivery of a message still running its first piece does the same;
   * the pieces are idempotent, so that costs work, never data.
   */
  private async crashedBeforeFirstPiece(
    tenantId: string,
    held: ModelFit,
    trigger: ModelFit['trigger'],
  ): Promise<ModelFit | undefined> {
    if (held.status !== 'running' || held.trigger !== trigger || held.progress) return undefined;
    const stored = await this.models(tenantId).getFit({ startedAt: held.startedAt, fitId: held.id });
    return stored?.status === 'running' && !stored.progress ? stored : undefined;
  }

  /** Pieces of the run while `more` allows; the claim goes back when the run ends. */
  private async pieces(
    tenantId: string,
    run: ModelFit,
    options: { more?: () => boolean; pageSize?: number; sampleLimit?: number },
  ): Promise<RefitStep> {
    // A crash is retried by the caller's queue or Lambda: the run waits, resumable, meanwhile.
    const step = await continueRefit({
      client: this.tenantClient(tenantId),
      tenantId,
      run,
      clock: this.clock,
      resumeAfterCrash: true,
      ...options,
    });
    if (step.done) await this.finishRun(tenantId, run.id, Promise.resolve(step.outcome));
    return step;
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
    waitMs = this.refitWaitMs,
    knownOrders,
  }: {
    tenantId: string;
    trigger?: ModelFit['trigger'];
    waitMs?: number;
    /**
     * Orders the caller holds already (the demo seed's): a run this call starts reads a customer's
     * orders only where they do not account for its figures. A run joined is left as it is.
     */
    knownOrders?: KnownOrders;
  }): Promise<RefitOutcome> {
    if (this.dispatch && trigger === 'api') return this.dispatchRefit(tenantId, trigger);
    let run = this.running.get(tenantId);
    if (!run) {
      const { claimed, fit } = await this.claimRun(tenantId, trigger);
      // Lost the claim: to a request of this process (join its run) or of another one.
      if (!claimed)
        run = this.running.get(tenantId) ?? { fit, done: Promise.resolve({ status: 'running', fit }) };
      else {
        const done = this.finishRun(tenantId, fit.id, this.runFit(tenantId, fit, knownOrders))
          // Nobody may be waiting any more (the request answered `running`): never reject.
          .catch((error: unknown): RefitOutcome => {
            console.error('analytics refit failed and could not be recorded', error);
            const failure = { code: 'internal', message: 'The fit failed unexpectedly' };
            return { status: 'failed', fit: { ...fit, status: 'failed', error: failure } };
          })
          .finally(() => this.running.delete(tenantId));
        run = { fit, done };
        this.running.set(tenantId, run);
      }
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

  private runFit(tenantId: string, started: ModelFit, knownOrders?: KnownOrders): Promise<RefitOutcome> {
    return runRefit({
      client: this.tenantClient(tenantId),
      tenantId,
      started,
      clock: this.clock,
      ...(knownOrders ? { knownOrders } : {}),
    });
  }

  /** The tenant's purchase-model policy (auto until an admin pins a model), with its version. */
  async purchaseModelPolicy({ tenantId }: { tenantId: string }): Promise<PurchaseModelPolicyView> {
    const stored = await this.models(tenantId).getPolicy();
    return stored
      ? {
          policy: stored.policy,
          version: stored.version,
          updatedAt: stored.updatedAt,
          updatedBy: stored.updatedBy,
        }
      : { policy: defaultPurchaseModelPolicy, version: 0, updatedAt: null, updatedBy: null };
  }

  /**
   * Pins a purchase model (or returns to auto) if the policy is still at `expectedVersion`; the
   * next refit follows it. The scores change only then: a pin is a choice of model, not a refit.
   */
  async putPurchaseModelPolicy(
    { tenantId, actorId }: { tenantId: string; actorId: string },
    input: { policy: PurchaseModelPolicy; expectedVersion: number },
  ): Promise<PurchaseModelPolicyView> {
    const policy = PurchaseModelPolicySchema.parse(input.policy);
    const updatedAt = this.clock().toISOString();
    const version = input.expectedVersion + 1;
    await this.models(tenantId).putPolicy(
      { policy, version, updatedAt, updatedBy: actorId },
      input.expectedVersion,
    );
    return { policy, version, updatedAt, updatedBy: actorId };
  }

  /** The latest fit, the one before it (to compare) and the latest run (running or failed). */
  async model({ tenantId }: { tenantId: string }) {
    const models = this.models(tenantId);
    const [latest, runs] = await Promise.all([models.latest(), models.history({ limit: 20 })]);
    const previous = latest
      ? runs.find((run) => run.status === 'succeeded' && run.id !== latest.id)
      : undefined;
    return {
      latest: latest ?? null,
      previous: previous ?? null,
      lastRun: await this.failIfStuck(tenantId, runs[0]),
    };
  }

  /**
   * Marks the tenant's latest run failed if it is stuck in `running` (for a scheduled pass; reading
   * the model does the same). Answers the run it failed.
   */
  async failStuckRun({ tenantId }: { tenantId: string }): Promise<ModelFit | undefined> {
    const [run] = await this.models(tenantId).history({ limit: 1 });
    const seen = await this.failIfStuck(tenantId, run);
    return seen && seen.status !== run?.status ? seen : undefined;
  }

  /**
   * The run as it stands now; a stuck one is recorded as failed, once (the stored change raises
   * `analytics.refit.failed` for the tenant's webhooks) and reported in the log.
   */
  private async failIfStuck(tenantId: string, run: ModelFit | undefined): Promise<ModelFit | null> {
    const seen = this.asSeenNow(tenantId, run);
    if (!run || !seen || seen.status === run.status) return seen;
    const failedNow = await this.models(tenantId).markInterrupted(
      { startedAt: run.startedAt, fitId: run.id },
      this.clock(),
    );
    if (failedNow) {
      console.warn(
        JSON.stringify({
          level: 'WARN',
          message: 'stuck refit marked failed',
          tenantId,
          fitId: run.id,
          startedAt: run.startedAt,
        }),
      );
    }
    return seen;
  }

  /**
   * A run still `running` long after any worker could have finished it (the process or Lambda
   * died) is shown as failed, so nobody waits for it; the next refit starts afresh.
   */
  private asSeenNow(tenantId: string, run: ModelFit | undefined): ModelFit | null {
    if (!run) return null;
    if (run.status !== 'running' || this.running.get(tenantId)?.fit.id === run.id) return run;
    // A run in pieces is held as far as its last piece said; any other run, RUN_STALE_MS.
    const heldUntil = run.progress
      ? Date.parse(run.progress.heldUntil)
      : Date.parse(run.startedAt) + RUN_STALE_MS;
    if (this.clock().getTime() < heldUntil) return run;
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
    return {
      fitId: latest.id,
      fittedAt: latest.fittedAt ?? latest.startedAt,
      ...latest.summary,
      ...(latest.sample ? { sample: latest.sample } : {}),
    };
  }

  /**
   * The holdout check on the tenant's orders as they are now (see holdout-check.ts): `end`
   * defaults to today, `cutoff` to halfway between the first order and `end`. Orders that give the
   * model nothing to fit (no repeat buyer before the cutoff) are a 422, not a failure.
   */
  async holdout({
    tenantId,
    cutoff,
    end = isoDay(today(this.clock())),
  }: {
    tenantId: string;
    cutoff?: string | undefined;
    end?: string | undefined;
  }): Promise<HoldoutCheck> {
    if (cutoff !== undefined && !(cutoff < end)) {
      throw new DomainError('validation_failed', `The cutoff must be before the end (${end})`, {
        fields: [{ path: 'cutoff', message: `must be before the end (${end})` }],
      });
    }
    try {
      return await runHoldoutCheck({
        client: this.tenantClient(tenantId),
        tenantId,
        end,
        ...(cutoff ? { cutoff } : {}),
      });
    } catch (error) {
      if (error instanceof AnalyticsError || error instanceof RangeError) {
        throw new DomainError('unprocessable', `The holdout check cannot be made: ${error.message}`);
      }
      throw error;
    }
  }

  /** Rescores one customer with the stored fit (the stream reaction); see customer-rescoring.ts. */
  rescoreCustomer(input: {
    tenantId: string;
    customerId: string;
    /** When the order changed: a change the latest fit already read needs no rescoring. */
    changedAt?: string;
  }): Promise<boolean> {
    return this.rescoring.rescore(input);
  }

  /** A customer's numbers, each with the inputs, parameters and rule that produced it. */
  async insights({
    tenantId,
    customerId,
  }: {
    tenantId: string;
    customerId: string;
  }): Promise<CustomerInsights> {
    const client = this.tenantClient(tenantId);
    const customer = await new CustomerRepository(client, tenantId).get({ customerId });
    if (!customer) throw new DomainError('not_found', 'Customer not found');
    const models = this.models(tenantId);
    const fit = await models.latest();
    const stored = (customer as { scores?: CustomerInsights['stored'] }).scores ?? null;
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
    const model = insightsModelOf({ ...fit, bgnbd: fit.bgnbd });
    if (!scored) return { customerId, model, stored, insights: null, reason: 'no orders yet' };
    return {
      customerId,
      asOf: isoDay(asOfDay),
      model,
      stored,
      reason: null,
      insights: presentInsights({ fit, model, scored, orderCount: orders.length }),
    };
  }
}
