import { escalateServiceRequestIfOverdue } from '@crm/domain';
import { ServiceRequestRepository } from '@crm/dynamodb';
import type { NightlyPassDeps } from '../nightly/count-per-tenant.js';
import { type OverdueReviewResult, reviewOverdueAllTenants } from '../nightly/review-overdue.js';

/** `overdue`: open requests past their status's due time; `escalated`: raised by this run. */
export type ServiceSlaReviewResult = OverdueReviewResult;

/**
 * The nightly SLA pass for service requests, the same as complaints': for each tenant it reads
 * the open requests whose status was due by now (the open-requests index) and raises one
 * escalation per status visit (recorded on the request, announced as `service.overdue` by the
 * stream, which raises the alert). Idempotent: a request already escalated for its status is left
 * alone, and one that moved on meanwhile (a version conflict) is skipped.
 */
export async function reviewServiceSlasAllTenants(deps: NightlyPassDeps): Promise<ServiceSlaReviewResult> {
  return reviewOverdueAllTenants(deps, {
    repositoryFor: (tenantId) => new ServiceRequestRepository(deps.tenantClient(tenantId), tenantId),
    escalate: escalateServiceRequestIfOverdue,
    logMessage: 'tenant service SLA review',
  });
}
