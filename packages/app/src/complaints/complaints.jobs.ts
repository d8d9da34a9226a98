import { DomainError, escalateIfOverdue } from '@crm/domain';
import {
  ComplaintRepository,
  type TableClient,
  type TenantClientFactory,
  TenantRepository,
} from '@crm/dynamodb';
import pMap from 'p-map';

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
  const started = performance.now();
  const clock = deps.clock ?? (() => new Date());
  const tenantIds = deps.tenantIds ?? (await new TenantRepository(deps.table).listTenantIds());
  const result: ComplaintSlaReviewResult = {
    tenants: tenantIds.length,
    overdue: 0,
    escalated: 0,
    failed: [],
    ms: 0,
  };
  for (const tenantId of tenantIds) {
    try {
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
      result.overdue += dueIds.length;
      result.escalated += outcomes.filter(Boolean).length;
      deps.log?.('tenant complaint SLA review', { tenantId, overdue: dueIds.length });
    } catch (error) {
      result.failed.push({ tenantId, message: (error as Error).message });
    }
  }
  result.ms = Math.round(performance.now() - started);
  return result;
}
