import { figureMoves, figureRemoval } from '@crm/domain';
import { describe, expect, it } from 'vitest';
import {
  customerFigureInstantRetreat,
  customerFigureInstantsUpdate,
  customerFigureInstantUpdate,
  customerFiguresIncrement,
  valueSortKeyUpdate,
} from './customer-figures-update.js';

const order = {
  type: 'order',
  occurredAt: '2026-01-02T03:04:05.000Z',
  amount: 1234,
  currency: 'CNY',
} as const;

describe('customer figures increment', () => {
  it('adds counts and sums without reading them, each sum guarded by its headroom', () => {
    const update = customerFiguresIncrement('01T', '01C', figureMoves(order, 'CNY').added);

    expect(update).toEqual({
      Key: { pk: 'T#01T#C#01C', sk: 'PROFILE' },
      UpdateExpression:
        'ADD #rev :one, #stats.#interactions :interactions, #stats.#orders :orders, #stats.#value :value, #stats.#byCurrency.#currency :currencyValue',
      ConditionExpression:
        'attribute_exists(pk) AND attribute_not_exists(archivedAt) AND (attribute_not_exists(#stats.#value) OR #stats.#value <= :valueRoom) AND (attribute_not_exists(#stats.#byCurrency.#currency) OR #stats.#byCurrency.#currency <= :currencyValueRoom)',
      ExpressionAttributeNames: {
        '#stats': 'stats',
        '#rev': 'statsRevision',
        '#interactions': 'interactionCount',
        '#orders': 'orderCount',
        '#value': 'orderValue',
        '#byCurrency': 'orderValueByCurrency',
        '#currency': 'CNY',
      },
      ExpressionAttributeValues: {
        ':one': 1,
        ':interactions': 1,
        ':orders': 1,
        ':value': 1234,
        ':valueRoom': Number.MAX_SAFE_INTEGER - 1234,
        ':currencyValue': 1234,
        ':currencyValueRoom': Number.MAX_SAFE_INTEGER - 1234,
      },
    });
  });

  it('adds only what moves: a call counts, a payment in another currency adds no sum', () => {
    const call = customerFiguresIncrement(
      '01T',
      '01C',
      figureMoves({ type: 'call', occurredAt: order.occurredAt }, 'CNY').added,
    );
    const payment = customerFiguresIncrement(
      '01T',
      '01C',
      figureMoves({ type: 'payment', occurredAt: order.occurredAt, amount: 5, currency: 'USD' }, 'CNY').added,
    );

    for (const update of [call, payment]) {
      expect(update.UpdateExpression).toBe('ADD #rev :one, #stats.#interactions :interactions');
      expect(update.ConditionExpression).toBe('attribute_exists(pk) AND attribute_not_exists(archivedAt)');
    }
  });
});

describe('customer figures decrement (a removal)', () => {
  it('adds the negated figures with no headroom guard, since a decrease cannot pass the maximum', () => {
    const update = customerFiguresIncrement('01T', '01C', figureRemoval(order, 'CNY').added);

    expect(update.UpdateExpression).toBe(
      'ADD #rev :one, #stats.#interactions :interactions, #stats.#orders :orders, #stats.#value :value, #stats.#byCurrency.#currency :currencyValue',
    );
    expect(update.ConditionExpression).toBe('attribute_exists(pk) AND attribute_not_exists(archivedAt)');
    expect(update.ExpressionAttributeValues).toEqual({
      ':one': 1,
      ':interactions': -1,
      ':orders': -1,
      ':value': -1234,
      ':currencyValue': -1234,
    });
  });
});

describe('customer figure instants', () => {
  it('moves an instant back to the next holder only while it is still the removed one', () => {
    const update = customerFigureInstantRetreat('01T', '01C', {
      instant: 'lastOrderAt',
      from: order.occurredAt,
      to: '2026-01-01T00:00:00.000Z',
    });

    expect(update).toMatchObject({
      UpdateExpression: 'SET #stats.#instant = :to',
      ConditionExpression: 'attribute_exists(pk) AND #stats.#instant = :from',
      ExpressionAttributeNames: { '#stats': 'stats', '#instant': 'lastOrderAt' },
      ExpressionAttributeValues: { ':from': order.occurredAt, ':to': '2026-01-01T00:00:00.000Z' },
    });
  });

  it('removes the last interaction instant when nothing is left, filing the customer as never contacted', () => {
    const update = customerFigureInstantRetreat('01T', '01C', {
      instant: 'lastInteractionAt',
      from: order.occurredAt,
      to: undefined,
    });

    expect(update).toMatchObject({
      UpdateExpression: 'SET gsi3sk = :lastInteractionSortKey REMOVE #stats.#instant',
      ExpressionAttributeValues: { ':from': order.occurredAt, ':lastInteractionSortKey': '0#01C' },
    });
  });

  it('moves the last instants together, only if each moves later, the last interaction with its sort key', () => {
    const { firstOrderAt: _first, ...latest } = figureMoves(order, 'CNY').instants;

    const update = customerFigureInstantsUpdate('01T', '01C', latest);

    expect(update).toEqual({
      Key: { pk: 'T#01T#C#01C', sk: 'PROFILE' },
      UpdateExpression:
        'SET #stats.#lastInteractionAt = :lastInteractionAt, gsi3sk = :lastInteractionSortKey, #stats.#lastOrderAt = :lastOrderAt',
      ConditionExpression:
        'attribute_exists(pk) AND (attribute_not_exists(#stats.#lastInteractionAt) OR #stats.#lastInteractionAt < :lastInteractionAt) AND (attribute_not_exists(#stats.#lastOrderAt) OR #stats.#lastOrderAt < :lastOrderAt)',
      ExpressionAttributeNames: {
        '#stats': 'stats',
        '#lastInteractionAt': 'lastInteractionAt',
        '#lastOrderAt': 'lastOrderAt',
      },
      ExpressionAttributeValues: {
        ':lastInteractionAt': order.occurredAt,
        ':lastInteractionSortKey': '2026-01-02T03:04:05.000Z#01C',
        ':lastOrderAt': order.occurredAt,
      },
    });
  });

  it('moves the first order instant only earlier', () => {
    expect(customerFigureInstantUpdate('01T', '01C', 'firstOrderAt', order.occurredAt)).toMatchObject({
      UpdateExpression: 'SET #stats.#firstOrderAt = :firstOrderAt',
      ConditionExpression:
        'attribute_exists(pk) AND (attribute_not_exists(#stats.#firstOrderAt) OR #stats.#firstOrderAt > :firstOrderAt)',
    });
  });

  it('sets the value sort key only while the total is still the one it was computed from', () => {
    expect(valueSortKeyUpdate('01T', '01C', 1234)).toMatchObject({
      UpdateExpression: 'SET gsi4sk = :sortKey',
      ConditionExpression: 'attribute_exists(pk) AND #stats.#value = :value AND gsi4sk <> :sortKey',
      ExpressionAttributeValues: { ':sortKey': '0000000000001234#01C', ':value': 1234 },
    });
  });
});
