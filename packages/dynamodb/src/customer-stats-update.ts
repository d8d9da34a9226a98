import type { CustomerStats } from '@crm/domain';
import { customerStatsSortKeys } from './customer-index-keys.js';
import { STATS_REVISION_ATTRIBUTE } from './customer-item.js';
import { keys, type TableKey } from './keys.js';

/** An UpdateItem on the table, as `TenantTable.update` and a transaction's `Update` both take it. */
export type TableUpdate = {
  Key: TableKey;
  UpdateExpression: string;
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
};

/**
 * The write of a customer's whole figures, as an import settles or recounts them from the
 * timeline: sets `stats` and the list sort keys that follow them (last interaction, value) and
 * moves the figures revision on, if the revision is still the one the figures were computed from.
 * Every interaction's increment moves the revision too (customer-figures-update.ts), so a recount
 * that raced one reads again instead of losing it; the interaction is never the one that waits.
 * A customer never written to before has no revision, which reads as 0.
 *
 * @example
 * await table.update(customerStatsUpdate(tenantId, { customerId, statsRevision: 3, stats }));
 */
export function customerStatsUpdate(
  tenantId: string,
  input: { customerId: string; statsRevision: number; stats: CustomerStats },
): TableUpdate {
  const sortKeys = customerStatsSortKeys(input.customerId, input.stats);
  const unchanged = '(#rev = :rev OR (attribute_not_exists(#rev) AND :rev = :zero))';
  return {
    Key: keys.customer(tenantId, input.customerId),
    UpdateExpression: 'SET #stats = :stats, #rev = :next, gsi3sk = :lastInteraction, gsi4sk = :value',
    ConditionExpression: `attribute_exists(pk) AND ${unchanged}`,
    ExpressionAttributeNames: { '#stats': 'stats', '#rev': STATS_REVISION_ATTRIBUTE },
    ExpressionAttributeValues: {
      ':stats': input.stats,
      ':rev': input.statsRevision,
      ':next': input.statsRevision + 1,
      ':zero': 0,
      ':lastInteraction': sortKeys.gsi3sk,
      ':value': sortKeys.gsi4sk,
    },
  };
}
