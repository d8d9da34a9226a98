import {
  catalogEntityTypes,
  endpointWants,
  type Reaction,
  toCatalogEvents,
  type WebhookEndpoint,
  webhookPayload,
} from '@crm/domain';
import { sharedClientFactory, type TableClient, WebhookRepository } from '@crm/dynamodb';
import { TenantListCache } from '../streams/tenant-list-cache.js';
import { newDelivery } from './webhook.service.js';
import { dueTenantsScheduler, type WebhookScheduler } from './webhook-scheduler.js';

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
  const endpointLists = new TenantListCache<WebhookEndpoint>('webhooks:endpoints', (tenantId) =>
    new WebhookRepository(tenantClient(tenantId), tenantId).listEndpoints(),
  );
  return {
    name: 'webhooks',
    // Every catalogued entity type: any catalog event may have a subscriber.
    entityTypes: catalogEntityTypes,
    async handle(change, batch) {
      if (change.entityType === 'webhookEndpoint') endpointLists.forget(change.tenantId, batch);
      const endpoints = (await endpointLists.for(change.tenantId, change.occurredAt, batch)).filter(
        (endpoint) => endpoint.enabled,
      );
      // The list is one read a batch; making the events costs each record its payload checks
      // (5–17 µs: one to two seconds of a seed's 100,000 records, for a tenant with no endpoint).
      if (endpoints.length === 0) return;
      const events = toCatalogEvents(change);
      if (events.length === 0) return;
      const repository = new WebhookRepository(tenantClient(change.tenantId), change.tenantId);
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
