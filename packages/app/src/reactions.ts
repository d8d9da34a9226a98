import type { Reaction } from '@crm/domain';
import type { TableClient } from '@crm/dynamodb';
import { customerScoresReaction } from './analytics/analytics.reactions.js';
import { churnReaction } from './churn/churn.reactions.js';
import { complaintAlertsReaction } from './complaints/complaint-alerts.reactions.js';
import { creditReaction } from './credit/credit.reactions.js';
import { customerHistoryReaction } from './customers/customers.reactions.js';
import {
  customerFigureInstantsReaction,
  customerValueSortKeyReaction,
} from './interactions/interactions.reactions.js';
import { memberTierReaction } from './members/members.reactions.js';
import { serviceAlertsReaction } from './service/service-alerts.reactions.js';
import { tasksReaction } from './tasks/tasks.reactions.js';
import { DeletedTenants } from './tenant-data/deleted-tenants.js';
import { webhookAlertsReaction } from './webhooks/webhook-alerts.reactions.js';
import type { WebhookScheduler } from './webhooks/webhook-scheduler.js';
import { webhookFanOutReaction } from './webhooks/webhooks.reactions.js';
import { workflowReaction } from './workflows/workflows.reactions.js';

export type ReactionDeps = {
  table: TableClient;
  /** Where webhook deliveries are announced (AWS: the delivery queue). @default the local due-tenant list */
  webhookScheduler?: WebhookScheduler;
  /**
   * How long a "not deleted" answer about a tenant is trusted before the marker is read again.
   * Tests shorten it to wait less for a deletion's later sweeps. @default 5 s (deleted-tenants.ts)
   */
  deletedTenantsTtlMs?: number;
};

/**
 * The one reaction registry: the reactions the stream consumer runs, in order, for the stream
 * Lambda (functions/streams) and the local poller (packages/local) alike. Credit re-evaluation,
 * churn alerts, care reminders, workflows and webhooks join this list as they arrive, each from
 * its feature folder (`<feature>/<feature>.reactions.ts`); each must be idempotent (a record can
 * arrive twice).
 */
export function createReactions(deps: ReactionDeps): Reaction[] {
  return skipDeletedTenants(deps, [
    customerHistoryReaction(deps),
    customerScoresReaction(deps),
    customerValueSortKeyReaction(deps),
    customerFigureInstantsReaction(deps),
    creditReaction(deps),
    churnReaction(deps),
    memberTierReaction(deps),
    tasksReaction(deps),
    webhookFanOutReaction({
      table: deps.table,
      ...(deps.webhookScheduler ? { scheduler: deps.webhookScheduler } : {}),
    }),
    webhookAlertsReaction(deps),
    complaintAlertsReaction(deps),
    serviceAlertsReaction(deps),
    workflowReaction({
      table: deps.table,
      ...(deps.webhookScheduler ? { webhookScheduler: deps.webhookScheduler } : {}),
    }),
  ]);
}

/**
 * A deleted tenant's records do nothing: its data is being removed (and its removals are records
 * too), so no reaction may write anything back for it, deliver a webhook or run a workflow.
 */
function skipDeletedTenants(deps: ReactionDeps, reactions: Reaction[]): Reaction[] {
  const deleted = new DeletedTenants({
    table: deps.table,
    clock: () => new Date(),
    ...(deps.deletedTenantsTtlMs === undefined ? {} : { ttlMs: deps.deletedTenantsTtlMs }),
  });
  // Read afresh after a failure: the cached answer may be a few seconds old.
  const afresh = new DeletedTenants({ table: deps.table, clock: () => new Date(), ttlMs: 0 });
  return reactions.map((reaction) => ({
    ...reaction,
    handle: async (change, batch) => {
      if (await deleted.isDeleted(change.tenantId)) return;
      try {
        await reaction.handle(change, batch);
      } catch (error) {
        // The tenant was deleted while this ran (its items vanished under the reaction): nothing
        // is left to do, and a retried or kept record would only carry its data on.
        if (await afresh.isDeleted(change.tenantId)) return;
        throw error;
      }
    },
  }));
}

export { churnReaction } from './churn/churn.reactions.js';
export { creditReaction } from './credit/credit.reactions.js';
export { memberTierReaction } from './members/members.reactions.js';
export { tasksReaction } from './tasks/tasks.reactions.js';
