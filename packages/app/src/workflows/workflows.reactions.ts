import {
  catalogEntityTypes,
  type Reaction,
  type ReactionBatch,
  toCatalogEvents,
  type Workflow,
} from '@crm/domain';
import { sharedClientFactory, type TableClient, WorkflowRepository } from '@crm/dynamodb';
import type { Mailer } from '../mail/mailer.js';
import type { WebhookScheduler } from '../webhooks/webhook-scheduler.js';
import { createWorkflowRunner } from './workflow-runner.js';

/** A tenant's workflow list is reused for at most this long (edits reach backlog events this late). */
const LIST_REUSE_MS = 30_000;
/**
 * A list read this long after an event occurred holds every workflow activated before it
 * (DynamoDB Local rounds a change's time down to the minute; see webhooks.reactions.ts).
 */
const LIST_SAFETY_MS = 62_000;
const MAX_CACHED_TENANTS = 1_000;

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
  const lists = new Map<string, { readAt: number; workflows: Workflow[] }>();
  const workflowsFor = async (tenantId: string, occurredAt: string, batch: ReactionBatch | undefined) => {
    const cached = lists.get(tenantId);
    if (
      cached &&
      cached.readAt - Date.parse(occurredAt) > LIST_SAFETY_MS &&
      Date.now() - cached.readAt < LIST_REUSE_MS
    ) {
      return cached.workflows;
    }
    const read = async () => {
      const now = Date.now();
      const workflows = (await new WorkflowRepository(tenantClient(tenantId), tenantId).list()).filter(
        (workflow) => workflow.status === 'active' && workflow.trigger.type === 'event',
      );
      if (lists.size >= MAX_CACHED_TENANTS) lists.clear();
      lists.set(tenantId, { readAt: now, workflows });
      return workflows;
    };
    // One read per stream batch for the events the cache above cannot serve (those of the last
    // minute: every record of a seed or an import as it happens). It is made after the batch was
    // fetched, so after every record of the batch was written, and holds every workflow activated
    // before any of their events, as a read per record did. Workflow edits are no stream records
    // and no reaction edits a workflow, so nothing in a batch can change the list under it; an
    // edit made while a batch is handled comes after that batch's events anyway.
    return batch ? batch.once(`workflows:list:${tenantId}`, read) : read();
  };
  return {
    name: 'workflows',
    entityTypes: catalogEntityTypes,
    async handle(change, batch) {
      const events = toCatalogEvents(change);
      if (events.length === 0) return;
      const workflows = await workflowsFor(change.tenantId, change.occurredAt, batch);
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
