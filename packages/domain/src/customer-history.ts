import { type Customer, CustomerSchema } from './customer.schema.js';
import type { CustomerHistoryAction } from './customer-history-entry.schema.js';

/** Fields that change by themselves (bookkeeping, figures, scores): never part of the audit trail. */
const UNAUDITED = new Set([
  'id',
  'version',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'updatedByOrganisationId',
  'stats',
  'statsRevision',
  'scores',
]);

/**
 * The profile's own fields, from the schema: an allow-list, so storage attributes in a stream
 * image (keys, index keys such as `gsi3sk`, the figures revision) never reach the history.
 */
const AUDITED_FIELDS: readonly string[] = Object.keys(CustomerSchema.shape).filter(
  (field) => !UNAUDITED.has(field),
);

/** Who is named for a change that no person made (no edit stamped it). */
export const SYSTEM_ACTOR = 'system';

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
  for (const field of AUDITED_FIELDS) {
    const left = (before as Record<string, unknown>)[field];
    const right = (after as Record<string, unknown>)[field];
    if (JSON.stringify(left) !== JSON.stringify(right)) changes[field] = [left ?? null, right ?? null];
  }
  return Object.keys(changes).length > 0 ? { action: 'updated', changes } : undefined;
}

/**
 * Who made a change and when. A person's edit stamps `updatedBy` and `updatedAt` on the
 * customer; a write that did not (an order moving the figures, a background job) is not theirs,
 * so the previous editor is never named for it: the change is the system's, at the time of the
 * write.
 *
 * @example
 * authorOfCustomerChange(before, after, '2026-03-01T10:00:00Z') // { actorId: 'u2', at: after.updatedAt }
 */
export function authorOfCustomerChange(
  before: Partial<Customer> | undefined,
  after: Partial<Customer>,
  occurredAt: string,
): { actorId: string; at: string; organisationId?: string } {
  if (!before) {
    return { actorId: after.createdBy ?? SYSTEM_ACTOR, at: after.createdAt ?? occurredAt };
  }
  const stamped = after.updatedAt !== undefined && after.updatedAt !== before.updatedAt;
  if (stamped && after.updatedBy) {
    return {
      actorId: after.updatedBy,
      at: after.updatedAt as string,
      ...(after.updatedByOrganisationId ? { organisationId: after.updatedByOrganisationId } : {}),
    };
  }
  return { actorId: SYSTEM_ACTOR, at: occurredAt };
}
