import { defaultServiceSlaPolicy, escalateServiceRequestIfOverdue } from '@crm/domain';
import { ServiceRequestRepository, type TableClient, type TenantClientFactory } from '@crm/dynamodb';
import { forEachTenant } from '../nightly/each-tenant.js';
import { escalateOverdue } from '../nightly/escalate-overdue.js';
import { backfillServiceDueTimes } from './service-sla-backfill.js';

export type ServiceSlaReviewResult = {
  tenants: number;
  /** Open requests past their status's due time. */
  overdue: number;
  /** Escalations raised by this run (0 on a second run the same night). */
  escalated: number;
  /** Requests stored before SLAs existed given a due time by this run (see service-sla-backfill.ts). */
  backfilled: number;
  failed: { tenantId: string; message: string }[];
  ms: number;
};

/**
 * The nightly SLA pass for service requests, the same as complaints': for each tenant it reads
 * the open requests whose status was due by now (the open-requests index) and raises one
 * escalation per status visit (recorded on the request, announced as `service.overdue` by the
 * stream, which raises the alert). Idempotent: a request already escalated for its status is left
 * alone, and one that moved on meanwhile (a version conflict) is skipped. Requests stored before
 * SLAs existed are first given a due time (once per tenant, bounded per night: service-sla-backfill.ts).
 */
export async function reviewServiceSlasAllTenants(deps: {
  table: TableClient;
  tenantClient: TenantClientFactory;
  clock?: () => Date;
  log?: (message: string, details?: Record<string, unknown>) => void;
  tenantIds?: readonly string[];
  concurrency?: number;
}): Promise<ServiceSlaReviewResult> {
  const clock = deps.clock ?? (() => new Date());
  const counts = { overdue: 0, escalated: 0, backfilled: 0 };
  const outcome = await forEachTenant(deps, async (tenantId) => {
    const now = clock();
    const requests = new ServiceRequestRepository(deps.tenantClient(tenantId), tenantId);
    // First, so a request given its due time tonight is judged tonight.
    counts.backfilled += await backfillServiceDueTimes({
      requests,
      policy: async () => (await requests.getPolicy())?.policy ?? defaultServiceSlaPolicy,
      now,
      ...(deps.concurrency ? { concurrency: deps.concurrency } : {}),
    });
    const dueIds = await requests.openDueBy(now.toISOString());
    const escalated = await escalateOverdue({
      dueIds,
      load: (requestId) => requests.get(requestId),
      escalate: (request) => escalateServiceRequestIfOverdue(request, now),
      save: (next, expectedVersion) => requests.save(next, expectedVersion),
      ...(deps.concurrency ? { concurrency: deps.concurrency } : {}),
    });
    counts.overdue += dueIds.length;
    counts.escalated += escalated;
    deps.log?.('tenant service SLA review', { tenantId, overdue: dueIds.length });
  });
  return { ...outcome, ...counts };
}
