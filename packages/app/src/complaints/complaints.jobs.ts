import { DomainError, escalateIfOverdue } from '@crm/domain';
import { ComplaintRepository, type TableClient, type TenantClientFactory } from '@crm/dynamodb';
import pMap from 'p-map';
import { forEachTenant } from '../nightly/each-tenant.js';

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
    const outcomes = await pMap(
      dueIds,
      async (complaintId) => {
        const complaint = await complaints.get(complaintId);
        const escalated = complaint && escalateIfOverdue(complaint, now);
        if (!complaint || !escalated) return false;
        try {
          await complaints.save(escalated, complaint.version);
          return true;
        } catch (error) {
          if (error instanceof DomainError && error.code === 'version_conflict') return false;
          throw error;
        }
      },
      { concurrency: deps.concurrency ?? 8 },
    );
    counts.overdue += dueIds.length;
    counts.escalated += outcomes.filter(Boolean).length;
    deps.log?.('tenant complaint SLA review', { tenantId, overdue: dueIds.length });
  });
  return { ...outcome, ...counts };
}
