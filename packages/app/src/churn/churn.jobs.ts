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
  return countPerTenant(deps, ['customers', 'moved'], async (tenantId, add) => {
    const { customers, moved } = await reviewChurnChunk(deps, tenantId, {});
    add({ customers, moved });
    deps.log?.('tenant churn review', { tenantId, customers });
  });
}

/** Where a tenant's churn review stopped, and what it did up to there. */
export type ChurnChunkResult = { customers: number; moved: number; next?: string };

/**
 * One tenant's churn review from `cursor` (the start when absent), page after page while `more()`
 * says there is time (at least one page, so every call moves on); `next` is where the rest
 * begins, absent when the review is complete. The nightly worker re-enqueues the tenant with it
 * when its invocation runs short, so a tenant of any size finishes (docs/scaling.md).
 */
export async function reviewChurnChunk(
  deps: Pick<NightlyPassDeps, 'tenantClient' | 'clock' | 'concurrency'>,
  tenantId: string,
  chunk: { cursor?: string; more?: () => boolean; pageSize?: number },
): Promise<ChurnChunkResult> {
  const clock = deps.clock ?? (() => new Date());
  const churn = new ChurnService({
    tenantClient: deps.tenantClient,
    clock,
    alerts: new AlertService({ tenantClient: deps.tenantClient, clock }),
  });
  const client = deps.tenantClient(tenantId);
  const policy = (await new ChurnRepository(client, tenantId).getPolicy())?.policy ?? defaultChurnPolicy;
  const result: ChurnChunkResult = { customers: 0, moved: 0 };
  const pages = new CustomerRepository(client, tenantId).liveCustomerPagesFrom({
    ...(chunk.cursor ? { cursor: chunk.cursor } : {}),
    ...(chunk.pageSize ? { pageSize: chunk.pageSize } : {}),
  });
  for await (const page of pages) {
    const buyers = page.customers.filter((customer) => customer.stats.lastOrderAt);
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
    result.customers += buyers.length;
    result.moved += moved.filter(Boolean).length;
    if (page.next && chunk.more && !chunk.more()) return { ...result, next: page.next };
  }
  return result;
}
