import { dayNumber } from '@crm/analytics';
import type { ModelRepository } from '@crm/dynamodb';
import { scoreOneCustomer } from './tenant-model.js';

/** How long a tenant found without a fit is not asked again. */
const NO_FIT_MEMORY_MS = 5_000;
/**
 * A change this long before a fit began was read by that fit (stream times are whole seconds,
 * and a query may lag a write by a moment): its scores already count it.
 */
const FIT_SAW_CHANGE_MS = 2_000;

/**
 * One customer's scores recomputed from its orders with the stored parameters (no refit), as the
 * stream reaction asks after each order. Naturally idempotent: the result depends only on the
 * timeline and the fit. Nothing happens before the tenant's first fit or for a customer without
 * orders.
 */
export class CustomerRescoring {
  /**
   * Tenants seen without a fit, until when (wall clock). A bulk import into a tenant never fitted
   * sends one order record per row through the stream; each would otherwise read the model only to
   * find none. Only absence is remembered: a stored fit is always read fresh, so scores never use
   * parameters a refit has replaced.
   */
  private readonly noFitUntil = new Map<string, number>();

  private readonly deps: { models: (tenantId: string) => ModelRepository; clock: () => Date };

  constructor(deps: { models: (tenantId: string) => ModelRepository; clock: () => Date }) {
    this.deps = deps;
  }

  async rescore({
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
    const models = this.deps.models(tenantId);
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
    const now = this.deps.clock();
    const scored = scoreOneCustomer({
      fit,
      customerId,
      orders,
      currency: fit.currency ?? 'CNY',
      asOfDay: dayNumber(now.toISOString()),
      now,
    });
    if (!scored) return false;
    return models.setScores({ customerId, scores: scored.scores });
  }
}
