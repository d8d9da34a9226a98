import { newId } from '@crm/domain';
import { type TableClient, WebhookDueTenants } from '@crm/dynamodb';

/** One delivery to attempt: the unit a worker claims. */
export type DeliveryRef = { tenantId: string; endpointId: string; messageId: string };

/**
 * Tells the delivery worker that a delivery is due at `dueAt`. In AWS a queue message (delayed);
 * locally the tenant's marker in the list the delivery timer walks. The delivery item (its due
 * index) stays the truth: a lost or early notice only delays an attempt, never doubles one.
 */
export type WebhookScheduler = { schedule(ref: DeliveryRef, dueAt: Date): Promise<void> };

/** The local runtime's scheduler: marks the tenant as having deliveries pending. */
export function dueTenantsScheduler(table: TableClient): WebhookScheduler {
  const dueTenants = new WebhookDueTenants(table);
  return { schedule: (ref) => dueTenants.mark(ref.tenantId, newId()) };
}
