import { countPerTenant, type NightlyPassDeps } from './count-per-tenant.js';
import type { TenantPassOutcome } from './each-tenant.js';
import { escalateOverdue } from './escalate-overdue.js';

/** What a nightly SLA pass reports, beside the tenants it walked. */
export type OverdueReviewResult = TenantPassOutcome & {
  /** Open records past their step's due time. */
  overdue: number;
  /** Escalations raised by this run (0 on a second run the same night). */
  escalated: number;
};

/** The reads and the write an SLA pass needs of one tenant's records. */
export type OverdueRepository<Stored extends { version: number }> = {
  openDueBy(dueBy: string): Promise<string[]>;
  get(id: string): Promise<Stored | undefined>;
  save(next: Stored, expectedVersion: number): Promise<unknown>;
};

/**
 * The nightly SLA pass that complaints and service requests share, around `escalateOverdue`: for
 * each tenant, the records whose step was due by now (read when the tenant's turn comes) are
 * escalated by the pure rule, and the counts are summed and logged per tenant under `logMessage`.
 */
export async function reviewOverdueAllTenants<Stored extends { version: number }>(
  deps: NightlyPassDeps,
  review: {
    repositoryFor: (tenantId: string) => OverdueRepository<Stored>;
    escalate: (record: Stored, now: Date) => Stored | undefined;
    logMessage: string;
    /** Runs first for each tenant, at the same `now` (service requests give old records a due time). */
    before?: (tenantId: string, now: Date) => Promise<void>;
  },
): Promise<OverdueReviewResult> {
  const clock = deps.clock ?? (() => new Date());
  return countPerTenant(deps, ['overdue', 'escalated'], async (tenantId, add) => {
    const now = clock();
    await review.before?.(tenantId, now);
    const records = review.repositoryFor(tenantId);
    const dueIds = await records.openDueBy(now.toISOString());
    const escalated = await escalateOverdue({
      dueIds,
      load: (id) => records.get(id),
      escalate: (record) => review.escalate(record, now),
      save: (next, expectedVersion) => records.save(next, expectedVersion),
      ...(deps.concurrency ? { concurrency: deps.concurrency } : {}),
    });
    add({ overdue: dueIds.length, escalated });
    deps.log?.(review.logMessage, { tenantId, overdue: dueIds.length });
  });
}
