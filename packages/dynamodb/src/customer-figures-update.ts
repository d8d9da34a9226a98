import { type FigureMoves, totalHeadroom } from '@crm/domain';
import { customerStatsSortKeys } from './customer-index-keys.js';
import { STATS_REVISION_ATTRIBUTE } from './customer-item.js';
import type { TableUpdate } from './customer-stats-update.js';
import { keys } from './keys.js';

/**
 * How one interaction moves its customer's figures without reading them first, so any number of
 * writers on one customer never conflict with one another, with profile edits or with score writes.
 *
 * - Sums and counts: one `ADD` per figure, in the same transaction as the interaction's put (see
 *   InteractionRepository.create), so each interaction moves them exactly once. The paths are
 *   nested in `stats`, which every customer item has from its creation, with its
 *   `orderValueByCurrency` map: ADD creates a missing number inside an existing map, so a
 *   customer's first order in a new currency needs nothing first. The figures revision moves on
 *   too (ADD 1), so a recount (an import's read-modify-write) knows it must read again.
 * - Each sum is guarded by its headroom: a write that would take a total past MAX_MONEY_TOTAL fails
 *   its condition and the whole transaction writes nothing (422), so the total stays readable and
 *   later orders still work.
 * - First/last instants: a min or max, which ADD cannot express. Each is a separate conditional
 *   SET after the transaction that moves it only forward; "already later" fails harmlessly, and a
 *   repeat of the same move is a no-op, so these can neither conflict nor block a create.
 * - The value sort key (gsi4sk) is a string of the total, which an ADD cannot recompute: it is set
 *   afterwards from the total as read, only while the total is still that value (valueSortKeyUpdate).
 */

const STATS = '#stats';

/**
 * The increments of one interaction, conditional on the customer existing, being live, and each
 * money total keeping its headroom.
 *
 * @example
 * await table.update(customerFiguresIncrement(tenantId, customerId, figureMoves(order, 'CNY').added));
 */
export function customerFiguresIncrement(
  tenantId: string,
  customerId: string,
  added: FigureMoves['added'],
): TableUpdate {
  const names: Record<string, string> = { [STATS]: 'stats', '#rev': STATS_REVISION_ATTRIBUTE };
  const values: Record<string, unknown> = { ':one': 1 };
  const adds = ['#rev :one'];
  const guards = ['attribute_exists(pk)', 'attribute_not_exists(archivedAt)'];
  const add = (path: string, value: number, placeholder: string, money: boolean) => {
    if (value === 0) return;
    values[`:${placeholder}`] = value;
    adds.push(`${path} :${placeholder}`);
    if (money) {
      values[`:${placeholder}Room`] = totalHeadroom(value);
      guards.push(`(attribute_not_exists(${path}) OR ${path} <= :${placeholder}Room)`);
    }
  };
  names['#interactions'] = 'interactionCount';
  add(`${STATS}.#interactions`, added.interactionCount, 'interactions', false);
  if (added.orderCount !== 0) names['#orders'] = 'orderCount';
  add(`${STATS}.#orders`, added.orderCount, 'orders', false);
  if (added.orderValue !== 0) names['#value'] = 'orderValue';
  add(`${STATS}.#value`, added.orderValue, 'value', true);
  if (added.paymentValue !== 0) names['#payments'] = 'paymentValue';
  add(`${STATS}.#payments`, added.paymentValue, 'payments', true);
  if (added.orderValueByCurrency && added.orderValueByCurrency.amount !== 0) {
    names['#byCurrency'] = 'orderValueByCurrency';
    names['#currency'] = added.orderValueByCurrency.currency;
    add(`${STATS}.#byCurrency.#currency`, added.orderValueByCurrency.amount, 'currencyValue', true);
  }
  return {
    Key: keys.customer(tenantId, customerId),
    UpdateExpression: `ADD ${adds.join(', ')}`,
    ConditionExpression: guards.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/**
 * One conditional SET per instant the interaction may move: the last-interaction instant (with
 * its list sort key, gsi3sk), and for an order the first and last order instants. Each applies
 * only when it moves its instant forward (earlier for the first, later for the last) on a
 * customer that exists; a failed condition means another interaction already moved it further.
 */
export function customerFigureInstantUpdates(
  tenantId: string,
  customerId: string,
  instants: FigureMoves['instants'],
): TableUpdate[] {
  const key = keys.customer(tenantId, customerId);
  const updates: TableUpdate[] = [];
  const move = (field: string, at: string, direction: 'earlier' | 'later', extraSet = '', extra = {}) => {
    updates.push({
      Key: key,
      UpdateExpression: `SET ${STATS}.#at = :at${extraSet}`,
      ConditionExpression: `attribute_exists(pk) AND (attribute_not_exists(${STATS}.#at) OR ${STATS}.#at ${direction === 'later' ? '<' : '>'} :at)`,
      ExpressionAttributeNames: { [STATS]: 'stats', '#at': field },
      ExpressionAttributeValues: { ':at': at, ...extra },
    });
  };
  move('lastInteractionAt', instants.lastInteractionAt, 'later', ', gsi3sk = :sortKey', {
    ':sortKey': customerStatsSortKeys(customerId, {
      lastInteractionAt: instants.lastInteractionAt,
      orderValue: 0,
    }).gsi3sk,
  });
  if (instants.firstOrderAt) move('firstOrderAt', instants.firstOrderAt, 'earlier');
  if (instants.lastOrderAt) move('lastOrderAt', instants.lastOrderAt, 'later');
  return updates;
}

/**
 * Sets the value sort key (gsi4sk) from `orderValue`, the total as just read, only while the total
 * is still that value and the key differs: of writers racing on one customer, the one that read
 * the final total is the one whose write applies, so the key converges without any conflict.
 */
export function valueSortKeyUpdate(tenantId: string, customerId: string, orderValue: number): TableUpdate {
  const { gsi4sk } = customerStatsSortKeys(customerId, { orderValue });
  return {
    Key: keys.customer(tenantId, customerId),
    UpdateExpression: 'SET gsi4sk = :sortKey',
    ConditionExpression: `attribute_exists(pk) AND ${STATS}.#value = :value AND gsi4sk <> :sortKey`,
    ExpressionAttributeNames: { [STATS]: 'stats', '#value': 'orderValue' },
    ExpressionAttributeValues: { ':sortKey': gsi4sk, ':value': orderValue },
  };
}
