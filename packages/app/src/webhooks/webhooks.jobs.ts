import {
  type TableClient,
  type TenantClientFactory,
  WebhookDueTenants,
  WebhookRepository,
} from '@crm/dynamodb';
import type { WebhookDeliveryWorker } from './webhook-delivery-worker.js';
import type { WebhookScheduler } from './webhook-scheduler.js';

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

/**
 * How long past its due time a pending delivery must be before the sweep counts its notice as
 * lost: a live notice is taken within seconds of being due, and a claim lasts a minute or two.
 */
export const LOST_NOTICE_GRACE_MS = 15 * 60_000;

/**
 * The sweep for lost notices (in AWS a queue message that never came back: dropped to the DLQ
 * after worker crashes, or never sent because the process died between the write and the send):
 * every delivery still pending well past its due time is announced again. The delivery item is
 * the truth and a claim refuses a second attempt, so a notice that was not lost after all only
 * costs a `not-due` or `skipped` answer.
 */
export async function sweepLostWebhookNotices(
  deps: { tenantClient: TenantClientFactory; scheduler: WebhookScheduler; clock: () => Date },
  tenantId: string,
  limit = 500,
): Promise<{ announced: number }> {
  const now = deps.clock();
  const overdue = await new WebhookRepository(deps.tenantClient(tenantId), tenantId).dueDeliveries(
    new Date(now.getTime() - LOST_NOTICE_GRACE_MS).toISOString(),
    limit,
  );
  for (const ref of overdue) await deps.scheduler.schedule({ tenantId, ...ref }, now);
  return { announced: overdue.length };
}
