import { escalateIfOverdue } from '@crm/domain';
import { ComplaintRepository, type TableClient, type TenantClientFactory } from '@crm/dynamodb';
import { forEachTenant } from '../nightly/each-tenant.js';
import { escalateOverdue } from '../nightly/escalate-overdue.js';

export type ComplaintSlaReviewResult = {
  tenants: number;
  /** Open complaints past their step's due time. */
  overdue: number;
  /** Escalations raised by this run (0 on a second run the same night). */
  escalated: number;
  failed: { tenantId: string; message: string }[];
  ms: number;
};

/**
 * The nightly SLA pass: time alone makes a complaint overdue, with no write to notice it. For
 * each tenant it reads the open complaints whose step was due by now (the open-complaints index)
 * and raises one escalation per step visit (recorded on the complaint, announced as
 * `complaint.overdue` by the stream). Idempotent: a complaint already escalated for its step is
 * left alone, and a complaint that moved on meanwhile (a version conflict) is skipped, its new
 * step having a new due time.
 */
export async function reviewComplaintSlasAllTenants(deps: {
  table: TableClient;
  tenantClient: TenantClientFactory;
  clock?: () => Date;
  log?: (message: string, details?: Record<string, unknown>) => void;
  tenantIds?: readonly string[];
  concurrency?: number;
}): Promise<ComplaintSlaReviewResult> {
  const clock = deps.clock ?? (() => new Date());
  const counts = { overdue: 0, escalated: 0 };
  const outcome = await forEachTenant(deps, async (tenantId) => {
    const now = clock();
    const complaints = new ComplaintRepository(deps.tenantClient(tenantId), tenantId);
    const dueIds = await complaints.openDueBy(now.toISOString());
    const escalated = await escalateOverdue({
      dueIds,
      load: (complaintId) => complaints.get(complaintId),
      escalate: (complaint) => escalateIfOverdue(complaint, now),
      save: (next, expectedVersion) => complaints.save(next, expectedVersion),
      ...(deps.concurrency ? { concurrency: deps.concurrency } : {}),
    });
    counts.overdue += dueIds.length;
    counts.escalated += escalated;
    deps.log?.('tenant complaint SLA review', { tenantId, overdue: dueIds.length });
  });
  return { ...outcome, ...counts };
}
