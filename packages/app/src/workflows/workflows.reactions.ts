import { catalogEntityTypes, type Reaction, toCatalogEvents, type Workflow } from '@crm/domain';
import { sharedClientFactory, type TableClient, WorkflowRepository } from '@crm/dynamodb';
import type { Mailer } from '../mail/mailer.js';
import { TenantListCache } from '../streams/tenant-list-cache.js';
import type { WebhookScheduler } from '../webhooks/webhook-scheduler.js';
import { createWorkflowRunner } from './workflow-runner.js';

/**
 * Runs the tenant's active event-triggered workflows on each catalog event a change yields. A run
 * is recorded once per (workflow, version, event) by a conditional put, so a redelivered record
 * starts nothing twice; a change a workflow wrote (stamped `workflow:<runId>`) starts runs one level
 * deeper, and past the depth limit they are recorded as stopped instead of run.
 */
export function workflowReaction(deps: {
  table: TableClient;
  clock?: () => Date;
  mailer?: Mailer;
  webhookScheduler?: WebhookScheduler;
}): Reaction {
  const clock = deps.clock ?? (() => new Date());
  const tenantClient = sharedClientFactory(deps.table);
  const runner = createWorkflowRunner({
    table: deps.table,
    clock,
    ...(deps.mailer ? { mailer: deps.mailer } : {}),
    ...(deps.webhookScheduler ? { webhookScheduler: deps.webhookScheduler } : {}),
  });
  // Workflow edits are no stream records and no reaction edits a workflow: nothing in a batch
  // changes the list under it, so it is never forgotten.
  const activeWorkflows = new TenantListCache<Workflow>('workflows:list', async (tenantId) =>
    (await new WorkflowRepository(tenantClient(tenantId), tenantId).list()).filter(
      (workflow) => workflow.status === 'active' && workflow.trigger.type === 'event',
    ),
  );
  return {
    name: 'workflows',
    entityTypes: catalogEntityTypes,
    async handle(change, batch) {
      const workflows = await activeWorkflows.for(change.tenantId, change.occurredAt, batch);
      // As for webhooks: a tenant without active event workflows pays no event-making per record.
      if (workflows.length === 0) return;
      const events = toCatalogEvents(change);
      if (events.length === 0) return;
      const wanted = (type: string) =>
        workflows.filter((workflow) => workflow.trigger.type === 'event' && workflow.trigger.event === type);
      if (!events.some((event) => wanted(event.type).length > 0)) return;
      const causeDepth = await runner.depthOf(
        change.tenantId,
        change.after ?? change.before,
        change.entityType,
      );
      for (const event of events) {
        for (const workflow of wanted(event.type)) {
          await runner.start(change.tenantId, workflow, event, { trigger: 'event', causeDepth });
        }
      }
    },
  };
}
