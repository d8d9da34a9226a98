import { escalateIfOverdue } from '@crm/domain';
import { ComplaintRepository } from '@crm/dynamodb';
import type { NightlyPassDeps } from '../nightly/count-per-tenant.js';
import { type OverdueReviewResult, reviewOverdueAllTenants } from '../nightly/review-overdue.js';

/** `overdue`: open complaints past their step's due time; `escalated`: raised by this run. */
export type ComplaintSlaReviewResult = OverdueReviewResult;

/**
 * The nightly SLA pass: time alone makes a complaint overdue, with no write to notice it. For
 * each tenant it reads the open complaints whose step was due by now (the open-complaints index)
 * and raises one escalation per step visit (recorded on the complaint, announced as
 * `complaint.overdue` by the stream). Idempotent: a complaint already escalated for its step is
 * left alone, and a complaint that moved on meanwhile (a version conflict) is skipped, its new
 * step having a new due time.
 */
export async function reviewComplaintSlasAllTenants(
  deps: NightlyPassDeps,
): Promise<ComplaintSlaReviewResult> {
  return reviewOverdueAllTenants(deps, {
    repositoryFor: (tenantId) => new ComplaintRepository(deps.tenantClient(tenantId), tenantId),
    escalate: escalateIfOverdue,
    logMessage: 'tenant complaint SLA review',
  });
}
