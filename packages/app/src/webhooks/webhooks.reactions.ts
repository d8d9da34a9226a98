import {
  catalogEntityTypes,
  endpointWants,
  type Reaction,
  type ReactionBatch,
  toCatalogEvents,
  type WebhookEndpoint,
  webhookPayload,
} from '@crm/domain';
import { sharedClientFactory, type TableClient, WebhookRepository } from '@crm/dynamodb';
import { newDelivery } from './webhook.service.js';
import { dueTenantsScheduler, type WebhookScheduler } from './webhook-scheduler.js';

/** A tenant's endpoint list is reused for at most this long (edits reach backlog events this late). */
const LIST_REUSE_MS = 30_000;
/**
 * A list read this long after an event occurred surely holds every endpoint created before it. A
 * change's `occurredAt` is the stream record's time, rounded down: to the second in AWS, to the
 * MINUTE by DynamoDB Local (an endpoint created at 12:00:40 and a customer at 12:00:45 both read
 * 12:00:00 there). So a minute of rounding, plus index lag and clock skew.
 */
const LIST_SAFETY_MS = 62_000;
const MAX_CACHED_TENANTS = 1_000;
/** Where a stream batch keeps a tenant's endpoint list (ReactionBatch). */
const listKey = (tenantId: string) => `webhooks:endpoints:${tenantId}`;

/**
 * Fan-out: each catalog event a change yields becomes one delivery per enabled endpoint that wants
 * it, keyed by endpoint and event id (a conditional put), so a redelivered stream record adds
 * nothing. The body is fixed here, so every attempt sends the same bytes.
 */
export function webhookFanOutReaction(deps: {
  table: TableClient;
  clock?: () => Date;
  scheduler?: WebhookScheduler;
}): Reaction {
  const clock = deps.clock ?? (() => new Date());
  const tenantClient = sharedClientFactory(deps.table);
  const scheduler = deps.scheduler ?? dueTenantsScheduler(deps.table);
  // Working through a backlog (an import, a burst of orders), one read of the endpoint list
  // serves every event that occurred well before it was read: such a list holds every endpoint
  // that existed when the event happened, so no event misses an endpoint created before it.
  const lists = new Map<string, { readAt: number; endpoints: WebhookEndpoint[] }>();
  const endpointsFor = async (tenantId: string, occurredAt: string, batch: ReactionBatch | undefined) => {
    const cached = lists.get(tenantId);
    if (
      cached &&
      cached.readAt - Date.parse(occurredAt) > LIST_SAFETY_MS &&
      Date.now() - cached.readAt < LIST_REUSE_MS
    ) {
      return cached.endpoints;
    }
    const read = async () => {
      const now = Date.now();
      const endpoints = await new WebhookRepository(tenantClient(tenantId), tenantId).listEndpoints();
      if (lists.size >= MAX_CACHED_TENANTS) lists.clear();
      lists.set(tenantId, { readAt: now, endpoints });
      return endpoints;
    };
    // Events that occurred moments ago (every record of a seed or an import as it happens, whose
    // times DynamoDB Local rounds down to the minute) get no help from the cache above: they
    // would each read the list again. One read per stream batch serves them all: it is made after
    // the batch was fetched, so after every record of the batch was written, and sees every
    // endpoint created before any of their events, as a read per record did (both read the same
    // index, with the same lag). A record of this batch that changed an endpoint makes the next
    // read afresh (`forget` in `handle`), so no record after it is served a list from before it.
    return batch ? batch.once(listKey(tenantId), read) : read();
  };
  return {
    name: 'webhooks',
    // Every catalogued entity type: any catalog event may have a subscriber.
    entityTypes: catalogEntityTypes,
    async handle(change, batch) {
      if (change.entityType === 'webhookEndpoint') batch?.forget(listKey(change.tenantId));
      const events = toCatalogEvents(change);
      if (events.length === 0) return;
      const repository = new WebhookRepository(tenantClient(change.tenantId), change.tenantId);
      const endpoints = (await endpointsFor(change.tenantId, change.occurredAt, batch)).filter(
        (endpoint) => endpoint.enabled,
      );
      if (endpoints.length === 0) return;
      const now = clock();
      for (const event of events) {
        const body = JSON.stringify(webhookPayload(event, change.entityType));
        for (const endpoint of endpoints.filter((candidate) => endpointWants(candidate, event))) {
          await repository.addDelivery(
            newDelivery({
              messageId: event.id,
              endpointId: endpoint.id,
              eventType: event.type,
              body,
              now: now.toISOString(),
            }),
          );
          // Also when the delivery already existed: a retried record may have stopped before this.
          await scheduler.schedule(
            { tenantId: change.tenantId, endpointId: endpoint.id, messageId: event.id },
            now,
          );
        }
      }
    },
  };
}
