import { createHash } from 'node:crypto';
import {
  addDays,
  ageTenantReceivables,
  type CreditAgeing,
  type CreditDecision,
  type CreditFile,
  type CreditLimitSet,
  type CreditOverview,
  type CreditPolicyInput,
  CreditPolicyInputSchema,
  type CreditPolicyPreview,
  type CreditPreviewSubject,
  type Customer,
  checkOrder,
  DomainError,
  defaultCreditPolicy,
  deterministicUlid,
  evaluateCreditFile,
  gradeFor,
  isOverdue,
  limitChangeNeedsApproval,
  openByDueDate,
  overdueCheckDue,
  previewCreditPolicy,
  type ReceivablesSummary,
  type SuggestedLimitView,
  sameReceivableFigures,
  suggestLimit,
  type Tenant,
} from '@crm/domain';
import {
  AlertRepository,
  CreditRepository,
  CustomerRepository,
  type StoredReceivable,
  type TenantClientFactory,
  TenantRepository,
} from '@crm/dynamodb';
import pRetry, { AbortError } from 'p-retry';
import { readTenantPolicy, replaceTenantPolicy, type TenantPolicyView } from '../tenant-policy.js';
import { CreditLedger } from './credit-ledger.js';

type TenantScope = { tenantId: string };
type Actor = { tenantId: string; actorId: string };

export type CreditPolicyView = TenantPolicyView<CreditPolicyInput>;

/** How many credit files a policy preview evaluates at most (a bounded read, answered in seconds). */
export const CREDIT_PREVIEW_CAP = 5000;

/** How many holds, overdue receivables and at-risk alerts the dashboard tile reads at most. */
export const CREDIT_OVERVIEW_CAP = 10_000;

/** A file's evaluation can lose to a concurrent one (the nightly pass beside a payment): read again. */
const EVALUATION_RETRY = { retries: 6, minTimeout: 10, factor: 2, maxTimeout: 200, randomize: true } as const;

class FileConflict extends Error {}

/**
 * What an evaluation reads: a handful of items, however many receivables the customer has open.
 * The stream reaction needs the same facts before it records a charge or a payment (the term, the
 * policy, the currency, the credit waiting to be spent), so it reads them once and hands them on
 * instead of each step reading them again.
 */
export type CreditContext = {
  customer: Customer;
  tenant: Tenant;
  policy: CreditPolicyInput;
  /** The file as stored (undefined: never evaluated). Its version guards the save. */
  stored: CreditFile | undefined;
  /** The receivables' running totals; derived from the receivables when none is stored yet. */
  summary: ReceivablesSummary;
  /** Whether `summary` was derived just now (a file from before summaries): saved with the file. */
  summaryDerived: boolean;
};

/** One re-evaluation's outcome, for what follows the file (the credit alert). */
export type CreditEvaluated = {
  tenantId: string;
  file: CreditFile;
  /** Whether this evaluation saved the file (false: the facts were unchanged, e.g. a redelivery). */
  saved: boolean;
  /** What the saved evaluation recorded (`hold_placed`, `hold_released`, …); empty when not saved. */
  decisions: CreditDecision['kind'][];
  customer: Customer;
};

/**
 * Credit control (评估和控制客户信用): the tenant's policy, each customer's credit file, manual
 * limits and the synchronous "would this order pass?". Re-evaluation is one method, called by the
 * stream reaction, the nightly pass and a limit change alike.
 */
export class CreditService {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;
  private readonly afterEvaluation: ((evaluated: CreditEvaluated) => Promise<void>) | undefined;

  /**
   * `afterEvaluation` runs after every re-evaluation with the file as it now stands, whether this
   * evaluation saved it and what it decided (the credit alert follows the file through it).
   */
  constructor(deps: {
    tenantClient: TenantClientFactory;
    clock: () => Date;
    afterEvaluation?: (evaluated: CreditEvaluated) => Promise<void>;
  }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
    this.afterEvaluation = deps.afterEvaluation;
  }

  private repositories(tenantId: string) {
    const client = this.tenantClient(tenantId);
    return {
      alerts: new AlertRepository(client, tenantId),
      credit: new CreditRepository(client, tenantId),
      customers: new CustomerRepository(client, tenantId),
      tenants: new TenantRepository(client),
    };
  }

  async policy({ tenantId }: TenantScope): Promise<CreditPolicyView> {
    return readTenantPolicy(this.repositories(tenantId).credit, defaultCreditPolicy);
  }

  async putPolicy(
    { tenantId, actorId }: Actor,
    input: { policy: CreditPolicyInput; expectedVersion: number },
  ): Promise<CreditPolicyView> {
    const policy = CreditPolicyInputSchema.parse(input.policy);
    return replaceTenantPolicy(this.repositories(tenantId).credit, {
      policy,
      expectedVersion: input.expectedVersion,
      actorId,
      now: this.clock(),
    });
  }

  /**
   * 信用政策预览: how many customers `proposed` would move against the current policy (grades,
   * limits, holds), each evaluated under both on the same facts now. Reads the first
   * `CREDIT_PREVIEW_CAP` credit files from their index and their customers and summaries in batch
   * gets; writes nothing.
   */
  async previewPolicy({ tenantId }: TenantScope, proposed: CreditPolicyInput): Promise<CreditPolicyPreview> {
    const policy = CreditPolicyInputSchema.parse(proposed);
    const { credit, tenants } = this.repositories(tenantId);
    const [current, tenant, { files, more }] = await Promise.all([
      this.policy({ tenantId }),
      tenants.get({ tenantId }),
      credit.listFiles(CREDIT_PREVIEW_CAP),
    ]);
    if (!tenant) throw new DomainError('not_found', 'Tenant not found');
    const { customers, summaries } = await credit.getPreviewFacts(files.map((file) => file.customerId));
    const asOf = this.clock().toISOString();
    const subjects: CreditPreviewSubject[] = [];
    for (const file of files) {
      const customer = customers.get(file.customerId);
      if (!customer) continue;
      // A file from before summaries: derive its summary as an evaluation would (rare, bounded).
      const summary = summaries.get(file.customerId) ?? (await credit.deriveSummary(file.customerId));
      subjects.push({
        name: customer.name,
        inputs: this.evaluationFacts({ customer, tenant, stored: file, summary }, asOf),
      });
    }
    return previewCreditPolicy(subjects, current.policy, policy, { cap: CREDIT_PREVIEW_CAP, capped: more });
  }

  /**
   * The dashboard tile: holds (the hold list's index), overdue receivables (the open receivables
   * index, due before today less the maturity margin) and at-risk value (customers with an
   * unresolved churn alert, their 12-month CLV, else what they have ordered). Index reads only,
   * each up to `CREDIT_OVERVIEW_CAP`.
   */
  async overview({ tenantId }: TenantScope): Promise<CreditOverview> {
    const { alerts, credit, customers, tenants } = this.repositories(tenantId);
    const [tenant, { policy }] = await Promise.all([tenants.get({ tenantId }), this.policy({ tenantId })]);
    if (!tenant) throw new DomainError('not_found', 'Tenant not found');
    const currency = tenant.settings.defaultCurrency;
    const dueBefore = addDays(this.clock().toISOString(), -policy.maturityMarginDays);
    const [holds, overdue, churnAlerts] = await Promise.all([
      credit.countHolds(CREDIT_OVERVIEW_CAP),
      credit.openReceivablesDueBefore(dueBefore, CREDIT_OVERVIEW_CAP),
      alerts.customersWithUnresolved('churn', CREDIT_OVERVIEW_CAP),
    ]);
    const owing = overdue.items.filter((receivable) => receivable.currency === currency);
    // Only their worth: a few thousand at-risk customers' whole items took seconds to read.
    const atRisk = await customers.valuesOf({ customerIds: churnAlerts.customerIds });
    return {
      currency,
      holds,
      overdue: {
        amount: owing.reduce((sum, receivable) => sum + Math.max(0, receivable.amount - receivable.paid), 0),
        customers: new Set(owing.map((receivable) => receivable.customerId)).size,
        capped: overdue.capped,
      },
      atRisk: {
        customers: atRisk.length,
        value: atRisk.reduce((sum, customer) => sum + Math.round(customer.clv ?? customer.orderValue), 0),
        capped: churnAlerts.capped,
      },
    };
  }

  /**
   * The tenant's ageing report (账龄分析): every open receivable in the tenant's currency from the
   * open receivables index (up to `CREDIT_OVERVIEW_CAP`), bucketed as each customer's file is;
   * the `limit` customers whose money is oldest are named (one batch get).
   */
  async ageing({ tenantId, limit }: TenantScope & { limit: number }): Promise<CreditAgeing> {
    const { credit, customers, tenants } = this.repositories(tenantId);
    const [tenant, open] = await Promise.all([
      tenants.get({ tenantId }),
      credit.openReceivables(CREDIT_OVERVIEW_CAP),
    ]);
    if (!tenant) throw new DomainError('not_found', 'Tenant not found');
    const currency = tenant.settings.defaultCurrency;
    const asOf = this.clock().toISOString();
    const report = ageTenantReceivables(
      open.items.filter((receivable) => receivable.currency === currency),
      asOf,
    );
    const shown = report.customers.slice(0, limit);
    const names = new Map(
      (await customers.batchGet({ customerIds: shown.map((line) => line.customerId) })).map((customer) => [
        customer.id,
        customer.name,
      ]),
    );
    return {
      currency,
      asOf: asOf.slice(0, 10),
      totals: report.totals,
      open: report.open,
      receivables: report.receivables,
      customerCount: report.customers.length,
      customers: shown.map((line) => ({ ...line, name: names.get(line.customerId) ?? '' })),
      capped: open.capped,
    };
  }

  /** The stored file, or (for a customer never evaluated) what an evaluation would say now. */
  async file({ tenantId, customerId }: TenantScope & { customerId: string }): Promise<CreditFile> {
    const { credit } = this.repositories(tenantId);
    const stored = await credit.getFile(customerId);
    if (stored) return stored;
    return (await this.evaluate(tenantId, customerId)).file;
  }

  /**
   * The suggested limit (none of the anchors has it): the expected purchases within the grade's
   * term (the model's 90-day expectation scaled to the term) times the average order, scaled by
   * how reliably the customer pays, capped at the 12-month CLV. An admin accepts or overrides it.
   */
  async suggestedLimit({
    tenantId,
    customerId,
  }: TenantScope & { customerId: string }): Promise<SuggestedLimitView> {
    const context = await this.context(tenantId, customerId);
    const { file } = await this.evaluate(tenantId, customerId, context);
    const { customer } = context;
    const inputs = {
      expectedOrdersInTerm: ((customer.scores?.expectedPurchases90d ?? 0) * file.termDays) / 90,
      averageOrderValue:
        customer.stats.orderCount > 0 ? Math.round(customer.stats.orderValue / customer.stats.orderCount) : 0,
      clv: customer.scores?.clv == null ? null : Math.round(customer.scores.clv),
      onTimeShare: file.settledTotal > 0 ? file.settledOnTime / file.settledTotal : null,
      termDays: file.termDays,
    };
    return { ...suggestLimit(inputs), inputs, currency: file.currency };
  }

  async decisions({ tenantId, customerId, limit }: TenantScope & { customerId: string; limit: number }) {
    await this.requireCustomer(tenantId, customerId);
    return this.repositories(tenantId).credit.listDecisions(customerId, limit);
  }

  async receivables({
    tenantId,
    customerId,
  }: TenantScope & { customerId: string }): Promise<StoredReceivable[]> {
    await this.requireCustomer(tenantId, customerId);
    const receivables = await this.repositories(tenantId).credit.listReceivables(customerId);
    return receivables.sort(
      (a, b) => a.dueDate.localeCompare(b.dueDate) || a.issuedAt.localeCompare(b.issuedAt),
    );
  }

  async holds({ tenantId, limit }: TenantScope & { limit: number }): Promise<CreditFile[]> {
    return this.repositories(tenantId).credit.listHolds(limit);
  }

  /** 赊销 check: would an order of `amount` pass now? Nothing is written. */
  async check({ tenantId }: TenantScope, { customerId, amount }: { customerId: string; amount: number }) {
    const context = await this.context(tenantId, customerId);
    const { file } = await this.evaluate(tenantId, customerId, context);
    const policy = context.policy;
    const figures = {
      limit: file.limit,
      exposure: file.exposure,
      overdueAmount: file.overdue,
      maxDaysOverdue: file.maxDaysOverdue,
    };
    const outcome = checkOrder(figures, policy.blocking, amount);
    return {
      pass: outcome.status !== 'hold',
      status: outcome.status,
      reasons: outcome.reasons,
      limit: file.limit,
      exposureAfter: file.exposure + amount,
    };
  }

  /**
   * An admin's limit (an override of the grade's, with the reason). Raising it above the grade
   * waits for a second admin when the policy says so; the file shows it as pending.
   */
  async setLimit(
    { tenantId, actorId }: Actor,
    customerId: string,
    input: CreditLimitSet,
  ): Promise<CreditFile> {
    const at = this.clock().toISOString();
    return this.reevaluate({
      tenantId,
      customerId,
      cause: `user:${actorId}`,
      actorId,
      note: input.reason,
      change: (file, policy) => {
        const band = gradeFor(file.score, policy.grades);
        if (limitChangeNeedsApproval(input.limit, band, policy.limitOverrideNeedsApproval)) {
          return {
            file: {
              ...file,
              pendingLimit: {
                limit: input.limit,
                reason: input.reason,
                requestedBy: actorId,
                requestedAt: at,
              },
            },
            kind: 'limit_requested',
          };
        }
        return {
          file: {
            ...file,
            override: { limit: input.limit, reason: input.reason, setBy: actorId, setAt: at },
            pendingLimit: null,
          },
          kind: 'limit_set',
        };
      },
    });
  }

  /** A second admin approves a pending limit (never the one who asked for it). */
  async approveLimit({ tenantId, actorId }: Actor, customerId: string): Promise<CreditFile> {
    const at = this.clock().toISOString();
    return this.reevaluate({
      tenantId,
      customerId,
      cause: `user:${actorId}`,
      actorId,
      note: null,
      change: (file) => {
        const pending = file.pendingLimit;
        if (!pending)
          throw new AbortError(new DomainError('invalid_state', 'No limit is waiting for approval'));
        if (pending.requestedBy === actorId) {
          throw new AbortError(new DomainError('forbidden', 'A limit must be approved by another admin'));
        }
        return {
          file: {
            ...file,
            override: { limit: pending.limit, reason: pending.reason, setBy: actorId, setAt: at },
            pendingLimit: null,
          },
          kind: 'limit_approved',
        };
      },
    });
  }

  /** A risk manager releases a hold whose figures have cleared (policy: release needs approval). */
  async releaseHold(
    { tenantId, actorId }: Actor,
    customerId: string,
    note: string | null,
  ): Promise<CreditFile> {
    return this.reevaluate({
      tenantId,
      customerId,
      cause: `user:${actorId}`,
      actorId,
      note,
      change: (file) => {
        if (file.status !== 'hold')
          throw new AbortError(new DomainError('invalid_state', 'The customer is not on hold'));
        if (!file.releasePending) {
          throw new AbortError(
            new DomainError(
              'invalid_state',
              'The figures still hold this customer: settle or raise the limit first',
              {
                details: { reasons: file.reasons },
              },
            ),
          );
        }
        return {
          file: { ...file, status: 'ok', releasePending: false, heldSince: null, reasons: [] },
          kind: 'hold_released',
        };
      },
    });
  }

  /**
   * Re-rates the customer from what is stored now and saves the file if anything changed (a
   * replay of the same facts writes nothing). `change` applies a user's decision to the file
   * first; the evaluation then runs on the changed file.
   */
  async reevaluate(input: {
    tenantId: string;
    customerId: string;
    cause: string;
    actorId?: string | null;
    note?: string | null;
    seed?: string;
    /** What the caller has just read (the stream reaction): the first attempt reads only the receivables. */
    context?: CreditContext;
    change?: (
      file: CreditFile,
      policy: CreditPolicyInput,
    ) => { file: CreditFile; kind: CreditDecision['kind'] };
  }): Promise<CreditFile> {
    const { credit } = this.repositories(input.tenantId);
    let given = input.context;
    let outcome: Omit<CreditEvaluated, 'tenantId' | 'file'> | undefined;
    let overdueCheck: { context: CreditContext; asOf: string } | undefined;
    const file = await pRetry(
      async () => {
        // A conflict means the stored file moved on: every retry reads everything afresh.
        const context = given ?? (await this.context(input.tenantId, input.customerId));
        given = undefined;
        let evaluation = await this.evaluate(input.tenantId, input.customerId, context);
        const { policy, stored: previous } = context;
        const decisions: CreditDecision['kind'][] = [...evaluation.decisions];
        if (input.change) {
          const base = previous ?? evaluation.file;
          const changed = input.change({ ...evaluation.file, version: base.version }, policy);
          // The user's decision first, then what the figures make of it (a raised limit may release).
          evaluation = await this.evaluate(input.tenantId, input.customerId, {
            ...context,
            stored: changed.file,
          });
          decisions.splice(0, decisions.length, changed.kind, ...evaluation.decisions);
        }
        // A file from before summaries keeps the one derived for it (once: a lost race is harmless).
        const summary = context.summaryDerived ? await credit.putSummary(context.summary) : undefined;
        overdueCheck = {
          context: summary ? { ...context, summary, summaryDerived: false } : context,
          asOf: evaluation.file.evaluatedAt,
        };
        if (!evaluation.changed && !input.change && previous) {
          outcome = { saved: false, decisions: [], customer: context.customer };
          return previous;
        }
        const at = evaluation.file.evaluatedAt;
        const seed = input.seed ?? `${input.cause}|${at}`;
        const entries = decisions.map((kind, index) =>
          this.decision(evaluation.file, kind, at, `${seed}|${kind}|${index}`, input),
        );
        const stored = await credit.saveFile(
          { ...evaluation.file, version: (previous ?? evaluation.file).version },
          entries,
        );
        if (!stored) throw new FileConflict('credit file changed concurrently');
        outcome = { saved: true, decisions, customer: context.customer };
        return stored;
      },
      { ...EVALUATION_RETRY, shouldRetry: ({ error }) => error instanceof FileConflict },
    );
    if (overdueCheck)
      await this.markOverdue(input.tenantId, input.customerId, overdueCheck.context, overdueCheck.asOf);
    if (outcome) await this.afterEvaluation?.({ tenantId: input.tenantId, file, ...outcome });
    return file;
  }

  /**
   * An admin refuses an order credit control held (Dynamics 365's hold list: release or reject):
   * the order is marked rejected, owes nothing any more (its receivable goes), and the file is
   * re-evaluated with an `order_rejected` line in the history carrying the reason.
   */
  async rejectOrder(
    { tenantId, actorId }: Actor,
    input: { customerId: string; interactionId: string; reason: string },
  ): Promise<CreditFile> {
    const { credit } = this.repositories(tenantId);
    await this.requireCustomer(tenantId, input.customerId);
    const order = await credit.findOrder(input.customerId, input.interactionId);
    if (order?.type !== 'order') throw new DomainError('not_found', 'Order not found');
    if (!order.creditHold)
      throw new DomainError('invalid_state', 'Only an order credit control held can be rejected');
    const at = this.clock().toISOString();
    if (!(await credit.markOrderRejected(order, { at, by: actorId, reason: input.reason }))) {
      throw new DomainError('invalid_state', 'The order is rejected already');
    }
    // The credit reaction ignores updates, so the mark cannot bring the receivable back.
    await new CreditLedger(credit).removeCharge(input.customerId, order.id, undefined);
    return this.reevaluate({
      tenantId,
      customerId: input.customerId,
      cause: `order_rejected:${order.id}`,
      actorId,
      note: input.reason,
      change: (file) => ({ file, kind: 'order_rejected' }),
    });
  }

  private decision(
    file: CreditFile,
    kind: CreditDecision['kind'],
    at: string,
    seed: string,
    input: { customerId: string; cause: string; actorId?: string | null; note?: string | null },
  ): CreditDecision {
    return {
      id: deterministicUlid(Date.parse(at), createHash('sha256').update(seed).digest('hex')),
      customerId: input.customerId,
      at,
      kind,
      status: file.status,
      grade: file.grade,
      score: file.score,
      limit: file.limit,
      exposure: file.exposure,
      overdue: file.overdue,
      reasons: file.reasons,
      cause: input.cause,
      actorId: input.actorId ?? null,
      note: input.note ?? null,
    };
  }

  private async requireCustomer(tenantId: string, customerId: string) {
    const customer = await this.repositories(tenantId).customers.get({ customerId });
    if (!customer) throw new DomainError('not_found', 'Customer not found');
    return customer;
  }

  /**
   * Reads what an evaluation depends on (see `CreditContext`) in one round trip; a file from
   * before receivables summaries reads its receivables once more to derive one. Not found when
   * the customer or the tenant is gone.
   */
  async context(tenantId: string, customerId: string): Promise<CreditContext> {
    const { credit } = this.repositories(tenantId);
    const { customer, tenant, policy, file, summary } = await credit.getForEvaluation(customerId);
    if (!customer) throw new DomainError('not_found', 'Customer not found');
    if (!tenant) throw new DomainError('not_found', 'Tenant not found');
    return {
      customer,
      tenant,
      policy: policy?.policy ?? defaultCreditPolicy,
      stored: file,
      summary: summary ?? (await credit.deriveSummary(customerId)),
      summaryDerived: !summary,
    };
  }

  /**
   * Evaluates the customer's file from `context` (read here when not given): its receivables
   * summary, not the receivables; `context.stored` is the file the evaluation starts from.
   */
  async evaluate(tenantId: string, customerId: string, given?: CreditContext) {
    const context = given ?? (await this.context(tenantId, customerId));
    return evaluateCreditFile({
      policy: context.policy,
      ...this.evaluationFacts(context, this.clock().toISOString()),
    });
  }

  /** What an evaluation of the customer reads, but the policy (the preview supplies two). */
  private evaluationFacts(
    context: Pick<CreditContext, 'customer' | 'tenant' | 'stored' | 'summary'>,
    asOf: string,
  ): CreditPreviewSubject['inputs'] {
    const { customer, tenant, stored, summary } = context;
    const currency = tenant.settings.defaultCurrency;
    return {
      previous: stored ?? null,
      customerId: customer.id,
      currency,
      // Credit is kept in the tenant's currency; other currencies are recorded but not rated.
      receivables: openByDueDate(summary, currency),
      firstOrderAt: customer.stats.firstOrderAt ?? null,
      abcClass: customer.scores?.abcClass ?? null,
      settledOnTime: summary.settledOnTime,
      settledTotal: summary.settledTotal,
      unapplied: Math.max(0, summary.unapplied),
      asOf,
    };
  }

  /**
   * The nightly repair: derives the summary from every receivable and application and saves it
   * where the stored one says otherwise (or none is stored). True when it was repaired.
   */
  async repairSummary(tenantId: string, customerId: string): Promise<boolean> {
    const { credit } = this.repositories(tenantId);
    // The stored summary first: a ledger write after it moves its version and fails the save.
    const stored = await credit.getSummary(customerId);
    const derived = await credit.deriveSummary(customerId);
    if (stored && sameReceivableFigures(stored, derived)) return false;
    const saved = await credit.putSummary({
      ...derived,
      overdueCheckedThrough: null,
      version: stored?.version ?? 0,
    });
    return saved !== undefined;
  }

  /**
   * Marks the receivables found overdue and not yet marked (the `invoice.overdue` event comes from
   * the mark), so a receivable is announced once, by the stream or the nightly pass, whichever
   * sees it first. The receivables are read only when the summary holds an open amount due on a
   * day not checked yet; the day checked through is then recorded (unless the summary moved).
   */
  private async markOverdue(
    tenantId: string,
    customerId: string,
    context: CreditContext,
    asOf: string,
  ): Promise<void> {
    const { summary, policy } = context;
    const currency = context.tenant.settings.defaultCurrency;
    const through = overdueCheckDue(summary, currency, asOf, policy.maturityMarginDays);
    if (!through) return;
    const { credit } = this.repositories(tenantId);
    const receivables = await credit.listReceivables(customerId);
    const newlyOverdue = receivables.filter(
      (receivable) =>
        receivable.currency === currency &&
        !receivable.overdueAt &&
        isOverdue(receivable, asOf, policy.maturityMarginDays),
    );
    await Promise.all(newlyOverdue.map((receivable) => credit.markOverdue(customerId, receivable.id, asOf)));
    await credit.putSummary({ ...summary, overdueCheckedThrough: through });
  }
}
