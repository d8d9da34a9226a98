import { type FigureMoves, totalHeadroom } from '@crm/domain';
import { customerStatsSortKeys } from './customer-index-keys.js';
import { STATS_REVISION_ATTRIBUTE } from './customer-item.js';
import type { TableUpdate } from './customer-stats-update.js';
import type { InstantPlan, InstantStep } from './figure-instants-plan.js';
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
 * - First/last instants: a min or max, which ADD cannot express. They ride in the same update as
 *   the sums (`plan`, figure-instants-plan.ts): each instant the interaction may move is either SET
 *   with the condition that it moves forward, or only checked to be already further. Whichever
 *   holds leaves the instant right after the commit, so a create needs no second write; a wrong
 *   plan fails the condition, writes nothing, and the stored instants it returns make the next
 *   plan right. The stream's and the other records' forward-only SETs (`customerFigureInstantsUpdate`)
 *   fail harmlessly on "already later".
 * - The value sort key (gsi4sk) is a string of the total, which an ADD cannot recompute: the
 *   stream sets it from the total in each new image, only while the total is still that value
 *   (valueSortKeyUpdate, the customer-value-sort-key reaction), so it converges on the last one.
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
  plan: InstantPlan = {},
): TableUpdate {
  const names: Record<string, string> = { [STATS]: 'stats', '#rev': STATS_REVISION_ATTRIBUTE };
  const values: Record<string, unknown> = { ':one': 1 };
  const adds = ['#rev :one'];
  const guards = ['attribute_exists(pk)', 'attribute_not_exists(archivedAt)'];
  const add = (path: string, value: number, placeholder: string, money: boolean) => {
    if (value === 0) return;
    values[`:${placeholder}`] = value;
    adds.push(`${path} :${placeholder}`);
    // Only an increase can pass the maximum; a removal's negated amount needs no headroom.
    if (money && value > 0) {
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
  const sets: string[] = [];
  for (const [instant, step] of Object.entries(plan) as [FigureInstant, InstantStep | undefined][]) {
    if (step === undefined) continue;
    names[`#${instant}`] = instant;
    values[`:${instant}`] = step.at;
    if (step.moves) {
      sets.push(`${STATS}.#${instant} = :${instant}`);
      guards.push(instantCondition(`#${instant}`, `:${instant}`, instant));
      if (instant === 'lastInteractionAt') {
        sets.push('gsi3sk = :lastInteractionSortKey');
        values[':lastInteractionSortKey'] = customerStatsSortKeys(customerId, {
          lastInteractionAt: step.at,
          orderValue: 0,
        }).gsi3sk;
      }
    } else {
      // Already further: nothing to write, only to make sure (a missing instant compares false).
      const comparison = figureInstantDirections[instant] === 'later' ? '>=' : '<=';
      guards.push(`${STATS}.#${instant} ${comparison} :${instant}`);
    }
  }
  return {
    Key: keys.customer(tenantId, customerId),
    UpdateExpression: `${sets.length > 0 ? `SET ${sets.join(', ')} ` : ''}ADD ${adds.join(', ')}`,
    ConditionExpression: guards.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/** The forward-only instants of the figures, and which way each may move. */
export const figureInstantDirections = {
  lastInteractionAt: 'later',
  lastOrderAt: 'later',
  firstOrderAt: 'earlier',
} as const;
export type FigureInstant = keyof typeof figureInstantDirections;

function instantCondition(placeholder: string, value: string, instant: FigureInstant): string {
  const path = `${STATS}.${placeholder}`;
  const comparison = figureInstantDirections[instant] === 'later' ? '<' : '>';
  return `(attribute_not_exists(${path}) OR ${path} ${comparison} ${value})`;
}

/**
 * Moves the given instants together, only if every one of them moves forward (later for the
 * last instants, earlier for the first) on a customer that exists. The last-interaction instant
 * carries its list sort key (gsi3sk) with it. For an order arriving in time order this is the one
 * write after the transaction; when it fails, some instant was already further, and each is then
 * moved on its own (`customerFigureInstantUpdate`).
 */
export function customerFigureInstantsUpdate(
  tenantId: string,
  customerId: string,
  instants: Partial<Record<FigureInstant, string>>,
): TableUpdate {
  const names: Record<string, string> = { [STATS]: 'stats' };
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  const conditions = ['attribute_exists(pk)'];
  for (const [instant, at] of Object.entries(instants) as [FigureInstant, string | undefined][]) {
    if (at === undefined) continue;
    names[`#${instant}`] = instant;
    values[`:${instant}`] = at;
    sets.push(`${STATS}.#${instant} = :${instant}`);
    conditions.push(instantCondition(`#${instant}`, `:${instant}`, instant));
    if (instant === 'lastInteractionAt') {
      sets.push('gsi3sk = :lastInteractionSortKey');
      values[':lastInteractionSortKey'] = customerStatsSortKeys(customerId, {
        lastInteractionAt: at,
        orderValue: 0,
      }).gsi3sk;
    }
  }
  return {
    Key: keys.customer(tenantId, customerId),
    UpdateExpression: `SET ${sets.join(', ')}`,
    ConditionExpression: conditions.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/** One instant moved on its own, only forward; "already further" fails harmlessly. */
export function customerFigureInstantUpdate(
  tenantId: string,
  customerId: string,
  instant: FigureInstant,
  at: string,
): TableUpdate {
  return customerFigureInstantsUpdate(tenantId, customerId, { [instant]: at });
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

/**
 * Moves one instant back after the interaction holding it was removed: to `to`, the next holder
 * found on the timeline, or away when none is left; only while the instant is still the removed
 * one's `from`, so a later move by a concurrent create (or a repeat of this) is never undone. The
 * last-interaction instant carries its list sort key (gsi3sk) with it.
 */
export function customerFigureInstantRetreat(
  tenantId: string,
  customerId: string,
  input: { instant: FigureInstant; from: string; to: string | undefined },
): TableUpdate {
  const { instant, from, to } = input;
  const names: Record<string, string> = { [STATS]: 'stats', '#instant': instant };
  const values: Record<string, unknown> = { ':from': from };
  const sets: string[] = [];
  let remove = '';
  if (to === undefined) remove = ` REMOVE ${STATS}.#instant`;
  else {
    values[':to'] = to;
    sets.push(`${STATS}.#instant = :to`);
  }
  if (instant === 'lastInteractionAt') {
    values[':lastInteractionSortKey'] = customerStatsSortKeys(customerId, {
      ...(to === undefined ? {} : { lastInteractionAt: to }),
      orderValue: 0,
    }).gsi3sk;
    sets.push('gsi3sk = :lastInteractionSortKey');
  }
  return {
    Key: keys.customer(tenantId, customerId),
    UpdateExpression: `${sets.length > 0 ? `SET ${sets.join(', ')}` : ''}${remove}`.trim(),
    ConditionExpression: `attribute_exists(pk) AND ${STATS}.#instant = :from`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}
