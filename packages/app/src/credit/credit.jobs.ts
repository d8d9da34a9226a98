import { addDays, calendarDay } from '@crm/domain';
import { CreditRepository } from '@crm/dynamodb';
import pMap from 'p-map';
import { AlertService } from '../alerts/alerts.service.js';
import { syncCreditAlert } from '../alerts/credit-alerts.js';
import { countPerTenant, type NightlyPassDeps } from '../nightly/count-per-tenant.js';
import type { TenantPassOutcome } from '../nightly/each-tenant.js';
import { CreditService } from './credit.service.js';
import { indexCreditFilesStoredBefore } from './credit-files-index-catch-up.js';

export type CreditReviewResult = TenantPassOutcome & {
  /** Customers re-evaluated because a receivable of theirs is past due. */
  customers: number;
  /** Files whose decision changed (newly overdue, held, regraded). */
  changed: number;
  /** Receivables summaries re-derived because the stored one disagreed with the receivables (or was missing). */
  repaired: number;
  /** Credit files saved before the files index, put in it by this run (credit-files-index-catch-up.ts). */
  indexed: number;
};

/**
 * The nightly credit pass: time alone turns receivables overdue, with no write to trigger the
 * stream. For each tenant it re-evaluates every customer with an open receivable past its due
 * date (the open-receivables index, by due date), through the same `reevaluate` the stream
 * reaction uses, after checking its receivables summary against the receivables. Safe to run twice: an evaluation of unchanged facts writes nothing.
 * Credit files saved before the files index existed are first put in it (once per tenant,
 * bounded per night: credit-files-index-catch-up.ts).
 */
export async function reviewCreditAllTenants(deps: NightlyPassDeps): Promise<CreditReviewResult> {
  const clock = deps.clock ?? (() => new Date());
  const alerts = new AlertService({ tenantClient: deps.tenantClient, clock });
  const credit = new CreditService({
    tenantClient: deps.tenantClient,
    clock,
    afterEvaluation: (evaluated) => syncCreditAlert(alerts, evaluated),
  });
  const run = `nightly:${calendarDay(clock().toISOString())}`;
  return countPerTenant(deps, ['customers', 'changed', 'repaired', 'indexed'], async (tenantId, add) => {
    // Anything due before today may be overdue now; the evaluation applies the maturity margin.
    const dueBy = addDays(clock().toISOString(), -1);
    const repository = new CreditRepository(deps.tenantClient(tenantId), tenantId);
    add({ indexed: await indexCreditFilesStoredBefore({ credit: repository, now: clock() }) });
    const customerIds = await repository.customersWithOpenReceivablesDueBy(dueBy);
    const outcomes = await pMap(
      customerIds,
      async (customerId) => {
        // The pass reads the receivables anyway: it re-derives the running summary and repairs it
        // where it drifted (or was never written), before evaluating from it.
        if (await credit.repairSummary(tenantId, customerId)) add({ repaired: 1 });
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
    add({ customers: customerIds.length, changed: outcomes.filter(Boolean).length });
    deps.log?.('tenant credit review', { tenantId, customers: customerIds.length });
  });
}
