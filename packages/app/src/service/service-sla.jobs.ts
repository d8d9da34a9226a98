import { defaultServiceSlaPolicy, escalateServiceRequestIfOverdue } from '@crm/domain';
import { ServiceRequestRepository } from '@crm/dynamodb';
import type { NightlyPassDeps } from '../nightly/count-per-tenant.js';
import { type OverdueReviewResult, reviewOverdueAllTenants } from '../nightly/review-overdue.js';
import { backfillServiceDueTimes } from './service-sla-backfill.js';

/** `overdue`: open requests past their status's due time; `escalated`: raised by this run. */
export type ServiceSlaReviewResult = OverdueReviewResult & {
  /** Requests stored before SLAs existed given a due time by this run (see service-sla-backfill.ts). */
  backfilled: number;
};

/**
 * The nightly SLA pass for service requests, the same as complaints': for each tenant it reads
 * the open requests whose status was due by now (the open-requests index) and raises one
 * escalation per status visit (recorded on the request, announced as `service.overdue` by the
 * stream, which raises the alert). Idempotent: a request already escalated for its status is left
 * alone, and one that moved on meanwhile (a version conflict) is skipped. Requests stored before
 * SLAs existed are first given a due time (once per tenant, bounded per night: service-sla-backfill.ts).
 */
export async function reviewServiceSlasAllTenants(deps: NightlyPassDeps): Promise<ServiceSlaReviewResult> {
  const repositoryFor = (tenantId: string) =>
    new ServiceRequestRepository(deps.tenantClient(tenantId), tenantId);
  let backfilled = 0;
  const outcome = await reviewOverdueAllTenants(deps, {
    repositoryFor,
    escalate: escalateServiceRequestIfOverdue,
    logMessage: 'tenant service SLA review',
    // First, so a request given its due time tonight is judged tonight.
    before: async (tenantId, now) => {
      const requests = repositoryFor(tenantId);
      backfilled += await backfillServiceDueTimes({
        requests,
        policy: async () => (await requests.getPolicy())?.policy ?? defaultServiceSlaPolicy,
        now,
        ...(deps.concurrency ? { concurrency: deps.concurrency } : {}),
      });
    },
  });
  return { ...outcome, backfilled };
}
