import type { Reaction } from '@crm/domain';
import { sharedClientFactory, type TableClient } from '@crm/dynamodb';
import { AnalyticsService } from './analytics.service.js';

const SCORED_TYPES = new Set(['order', 'payment']);

/**
 * Keeps each customer's `scores` current between refits: when an order or payment is created,
 * changed or removed, the customer is rescored from its whole timeline with the tenant's STORED
 * parameters (no refit per event). Idempotent: the result depends only on the timeline and the
 * stored fit, so a redelivered record writes the same scores. Before a tenant's first fit it does
 * nothing, nor for a change the latest fit already read (a stream consumer behind a refit).
 */
export function customerScoresReaction(deps: { table: TableClient; clock?: () => Date }): Reaction {
  const analytics = new AnalyticsService({
    tenantClient: sharedClientFactory(deps.table),
    clock: deps.clock ?? (() => new Date()),
  });
  return {
    name: 'customer-scores',
    entityTypes: ['interaction'],
    async handle(change) {
      const before = change.before as { type?: string; customerId?: string } | undefined;
      const after = change.after as { type?: string; customerId?: string } | undefined;
      if (!SCORED_TYPES.has(after?.type ?? '') && !SCORED_TYPES.has(before?.type ?? '')) return;
      const customerId = after?.customerId ?? before?.customerId;
      if (!customerId) return;
      await analytics.rescoreCustomer({
        tenantId: change.tenantId,
        customerId,
        changedAt: change.occurredAt,
      });
    },
  };
}
