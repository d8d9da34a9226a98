import { defaultChurnPolicy } from '@crm/domain';
import { ChurnRepository, CustomerRepository } from '@crm/dynamodb';
import pMap from 'p-map';
import { AlertService } from '../alerts/alerts.service.js';
import { countPerTenant, type NightlyPassDeps } from '../nightly/count-per-tenant.js';
import type { TenantPassOutcome } from '../nightly/each-tenant.js';
import { ChurnService } from './churn.service.js';

export type ChurnReviewResult = TenantPassOutcome & {
  /** Customers with an order, re-assessed. */
  customers: number;
  /** Customers whose state moved. */
  moved: number;
};

/**
 * The nightly churn pass: time alone moves customers from active to at risk, dormant and lost,
 * with no write to trigger the stream. It walks each tenant's live customers with an order
 * through the same `evaluate` the stream reaction uses. Safe to run twice: an unchanged state
 * writes nothing and an alert is raised once per episode.
 */
export async function reviewChurnAllTenants(deps: NightlyPassDeps): Promise<ChurnReviewResult> {
  const clock = deps.clock ?? (() => new Date());
  const churn = new ChurnService({
    tenantClient: deps.tenantClient,
    clock,
    alerts: new AlertService({ tenantClient: deps.tenantClient, clock }),
  });
  return countPerTenant(deps, ['customers', 'moved'], async (tenantId, add) => {
    const client = deps.tenantClient(tenantId);
    const policy = (await new ChurnRepository(client, tenantId).getPolicy())?.policy ?? defaultChurnPolicy;
    let customers = 0;
    for await (const page of new CustomerRepository(client, tenantId).liveCustomerPages()) {
      const buyers = page.filter((customer) => customer.stats.lastOrderAt);
      const moved = await pMap(
        buyers,
        async (customer) => {
          const before = (await new ChurnRepository(client, tenantId).getFile(customer.id)) ?? null;
          const after = await churn.evaluate({
            tenantId,
            customerId: customer.id,
            policy,
            customer,
            previous: before,
          });
          return before?.state !== after?.state;
        },
        { concurrency: deps.concurrency ?? 8 },
      );
      customers += buyers.length;
      add({ moved: moved.filter(Boolean).length });
    }
    add({ customers });
    deps.log?.('tenant churn review', { tenantId, customers });
  });
}
