import {
  type TableClient,
  type TenantClientFactory,
  WebhookDueTenants,
  WebhookRepository,
} from '@crm/dynamodb';
import type { WebhookDeliveryWorker } from './webhook-delivery-worker.js';

/**
 * One pass of the local delivery timer: for each tenant marked as having pending deliveries,
 * attempts those due now; a tenant with nothing pending any more is unmarked (unless something
 * was scheduled meanwhile). In AWS the queue drives the same worker instead.
 */
export async function deliverDueWebhooks(deps: {
  table: TableClient;
  tenantClient: TenantClientFactory;
  worker: WebhookDeliveryWorker;
}): Promise<{ attempted: number }> {
  const dueTenants = new WebhookDueTenants(deps.table);
  let attempted = 0;
  for (const { tenantId, token } of await dueTenants.list()) {
    attempted += await deps.worker.deliverDue({ tenantId });
    const pending = await new WebhookRepository(deps.tenantClient(tenantId), tenantId).hasPendingDeliveries();
    if (!pending) await dueTenants.clear(tenantId, token);
  }
  return { attempted };
}
