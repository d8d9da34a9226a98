import type { ApiClient } from '../../../lib/api/client.js';
import { isVersionConflict, unwrap } from '../../../lib/api/errors.js';
import type { Customer, ListedCustomer } from './customer-figures.js';
import { type BulkOutcome, runBounded } from './run-bounded.js';

/** Requests in flight at once: enough to finish a few hundred quickly, few enough not to flood the API. */
export const BULK_CONCURRENCY = 4;

export type BulkResult = { customer: Customer | undefined; changed: boolean };

// Tenant users get the full customer back (only partners get the shared shape, and they cannot tag).
const patchTags = (api: ApiClient, customer: Customer, tags: string[]) =>
  unwrap(
    api.PATCH('/v1/customers/{customerId}', {
      params: { path: { customerId: customer.id } },
      body: { tags },
      headers: { 'If-Match': `"${customer.version}"` },
    }),
  ) as Promise<Customer>;

/**
 * Adds `tag` to one customer with the version the list holds (If-Match). Adding a tag merges with
 * whatever changed meanwhile, so on a version conflict it reads the newer version and tries once
 * more instead of failing the item.
 */
export async function addTag(api: ApiClient, listed: ListedCustomer, tag: string): Promise<BulkResult> {
  let customer = listed as Customer;
  for (let attempt = 0; attempt < 2; attempt++) {
    if (customer.tags.includes(tag)) return { customer, changed: false };
    try {
      return { customer: await patchTags(api, customer, [...customer.tags, tag]), changed: true };
    } catch (error) {
      if (attempt > 0 || !isVersionConflict(error)) throw error;
      // Tenant users read the full customer (only partners get the shared shape, and they cannot tag).
      customer = (await unwrap(
        api.GET('/v1/customers/{customerId}', { params: { path: { customerId: customer.id } } }),
      )) as Customer;
    }
  }
  return { customer, changed: false };
}

export async function archiveCustomer(api: ApiClient, listed: ListedCustomer): Promise<BulkResult> {
  if (listed.archivedAt) return { customer: listed as Customer, changed: false };
  const customer = await unwrap(
    api.DELETE('/v1/customers/{customerId}', { params: { path: { customerId: listed.id } } }),
  );
  return { customer, changed: true };
}

export type BulkSummary = {
  done: number;
  skipped: number;
  failed: { name: string; message: string }[];
  outcomes: BulkOutcome<ListedCustomer, BulkResult>[];
};

export function summarise(outcomes: BulkOutcome<ListedCustomer, BulkResult>[]): BulkSummary {
  const summary: BulkSummary = { done: 0, skipped: 0, failed: [], outcomes };
  for (const outcome of outcomes) {
    if (outcome.status === 'failed') {
      summary.failed.push({
        name: outcome.item.name,
        message: outcome.error instanceof Error ? outcome.error.message : String(outcome.error),
      });
    } else if (outcome.result.changed) summary.done += 1;
    else summary.skipped += 1;
  }
  return summary;
}

export async function runBulk(
  customers: readonly ListedCustomer[],
  action: (customer: ListedCustomer) => Promise<BulkResult>,
  onProgress: (finished: number) => void,
): Promise<BulkSummary> {
  return summarise(await runBounded(customers, BULK_CONCURRENCY, action, onProgress));
}
