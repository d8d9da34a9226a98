import { type Customer, CustomerSchema } from '@crm/domain';
import { customerIndexAttributes } from './customer-index-keys.js';
import { toItem } from './item-codec.js';
import { keys } from './keys.js';

type Item = Record<string, unknown>;

/**
 * Counts the moves of a customer's figures (`stats`): every interaction adds 1 to it as it adds
 * its figures, and a recount (an import settling figures from the timeline) writes only if it is
 * still the revision it read, so a recount never loses an interaction that landed meanwhile.
 * Profile edits and score writes never touch it. Bookkeeping of the table, never part of the
 * customer the API returns.
 */
export const STATS_REVISION_ATTRIBUTE = 'statsRevision';

/** A customer as stored: the customer the API returns and the revision its figures were read at. */
export type StoredCustomer = { customer: Customer; statsRevision: number };

/**
 * The fields a customer has, from the schema the OpenAPI document shows: what is read back is
 * exactly what is documented, whatever else the item carries (keys, index attributes, the figures
 * revision, or an attribute added later).
 */
export const customerFields: readonly string[] = Object.keys(CustomerSchema.shape);

/**
 * The customer item: the customer, its key, its index attributes under the tenant's shard count
 * `listShards` (customer-list-layout.ts) and, once its figures have been written, their revision
 * (kept as read, so a profile edit never rewinds or resets it).
 */
export function customerItem(
  tenantId: string,
  customer: Customer,
  options: { statsRevision?: number; listShards: number },
): Item {
  const item = toItem(
    'customer',
    {
      ...keys.customer(tenantId, customer.id),
      ...customerIndexAttributes(tenantId, customer, options.listShards),
    },
    customer,
  );
  if (options.statsRevision) item[STATS_REVISION_ATTRIBUTE] = options.statsRevision;
  return item;
}

/**
 * The customer a stored item holds: its documented fields and nothing else. A typed mapper rather
 * than a schema parse: the list pages through many items, and the item was validated when written.
 */
export function customerFromItem(item: Item): Customer {
  const customer: Item = {};
  for (const field of customerFields) {
    const value = item[field];
    if (value !== undefined) customer[field] = value;
  }
  return customer as Customer;
}

/** The customer and its figures' revision (0 before its figures were first written). */
export function storedCustomerFromItem(item: Item): StoredCustomer {
  const revision = item[STATS_REVISION_ATTRIBUTE];
  return { customer: customerFromItem(item), statsRevision: typeof revision === 'number' ? revision : 0 };
}
