import { addDays, calendarDay } from '@crm/domain';
import { CreditRepository, type TableClient, type TenantClientFactory } from '@crm/dynamodb';
import pMap from 'p-map';
import { AlertService } from '../alerts/alerts.service.js';
import { syncCreditAlert } from '../alerts/credit-alerts.js';
import { forEachTenant } from '../nightly/each-tenant.js';
import { CreditService } from './credit.service.js';

export type CreditReviewResult = {
  tenants: number;
  /** Customers re-evaluated because a receivable of theirs is past due. */
  customers: number;
  /** Files whose decision changed (newly overdue, held, regraded). */
  changed: number;
  failed: { tenantId: string; message: string }[];
  ms: number;
};

/**
 * The nightly credit pass: time alone turns receivables overdue, with no write to trigger the
 * stream. For each tenant it re-evaluates every customer with an open receivable past its due
 * date (the open-receivables index, by due date), through the same `reevaluate` the stream
 * reaction uses. Safe to run twice: an evaluation of unchanged facts writes nothing.
 */
export async function reviewCreditAllTenants(deps: {
  table: TableClient;
  tenantClient: TenantClientFactory;
  clock?: () => Date;
  log?: (message: string, details?: Record<string, unknown>) => void;
  tenantIds?: readonly string[];
  concurrency?: number;
}): Promise<CreditReviewResult> {
  const clock = deps.clock ?? (() => new Date());
  const alerts = new AlertService({ tenantClient: deps.tenantClient, clock });
  const credit = new CreditService({
    tenantClient: deps.tenantClient,
    clock,
    afterEvaluation: (evaluated) => syncCreditAlert(alerts, evaluated),
  });
  const counts = { customers: 0, changed: 0 };
  const run = `nightly:${calendarDay(clock().toISOString())}`;
  const outcome = await forEachTenant(deps, async (tenantId) => {
    // Anything due before today may be overdue now; the evaluation applies the maturity margin.
    const dueBy = addDays(clock().toISOString(), -1);
    const repository = new CreditRepository(deps.tenantClient(tenantId), tenantId);
    const customerIds = await repository.customersWithOpenReceivablesDueBy(dueBy);
    const outcomes = await pMap(
      customerIds,
      async (customerId) => {
        const before = await repository.getFile(customerId);
        const after = await credit.reevaluate({
          tenantId,
          customerId,
          cause: run,
          seed: `${run}|${customerId}`,
        });
        return before?.version !== after.version;
      },
      { concurrency: deps.concurrency ?? 8 },
    );
    counts.customers += customerIds.length;
    counts.changed += outcomes.filter(Boolean).length;
    deps.log?.('tenant credit review', { tenantId, customers: customerIds.length });
  });
  return { ...outcome, ...counts };
}
