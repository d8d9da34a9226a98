import { type Customer, CustomerSchema } from './customer.schema.js';
import type { CustomerHistoryAction } from './customer-history-entry.schema.js';

/** Fields that change by themselves (bookkeeping, figures, scores): never part of the audit trail. */
const UNAUDITED = new Set(['version', 'updatedAt', 'updatedBy', 'stats', 'statsRevision', 'scores']);

/**
 * Only the customer's documented fields are audited: the item also carries index keys, which move
 * with the figures in writes of their own (an order's last-interaction and value sort keys).
 */
const CUSTOMER_FIELDS = new Set(Object.keys(CustomerSchema.shape));

/**
 * What a change to a customer means for its history (who changed what and when): the action and,
 * for updates, each changed field as [before, after]. Undefined when nothing audited changed (a
 * figures-only update after an order). Pure: the stream reaction and its tests share it.
 *
 * @example
 * describeCustomerChange(before, { ...before, name: 'New', version: 2 })
 * // { action: 'updated', changes: { name: ['Old', 'New'] } }
 */
export function describeCustomerChange(
  before: Partial<Customer> | undefined,
  after: Partial<Customer> | undefined,
): { action: CustomerHistoryAction; changes?: Record<string, [unknown, unknown]> } | undefined {
  if (!after) return undefined;
  if (!before) return { action: after.importId ? 'imported' : 'created' };
  if (!before.archivedAt && after.archivedAt) return { action: 'archived' };
  if (before.archivedAt && !after.archivedAt) return { action: 'restored' };
  const changes: Record<string, [unknown, unknown]> = {};
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (UNAUDITED.has(field) || !CUSTOMER_FIELDS.has(field)) continue;
    const left = (before as Record<string, unknown>)[field];
    const right = (after as Record<string, unknown>)[field];
    if (JSON.stringify(left) !== JSON.stringify(right)) changes[field] = [left ?? null, right ?? null];
  }
  return Object.keys(changes).length > 0 ? { action: 'updated', changes } : undefined;
}
