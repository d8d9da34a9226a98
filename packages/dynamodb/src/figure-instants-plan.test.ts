import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerFiguresIncrement } from './customer-figures-update.js';
import { instantsAfter, planFigureInstants, planHolds } from './figure-instants-plan.js';

const order = { lastInteractionAt: '2026-01-10', firstOrderAt: '2026-01-10', lastOrderAt: '2026-01-10' };

describe('planning which instants an interaction moves', () => {
  it('with nothing known, takes an order for the latest but not the first', () => {
    expect(planFigureInstants(order, undefined)).toEqual({
      lastInteractionAt: { at: '2026-01-10', moves: true },
      firstOrderAt: { at: '2026-01-10', moves: false },
      lastOrderAt: { at: '2026-01-10', moves: true },
    });
  });

  it('moves every instant the item was read without', () => {
    const plan = planFigureInstants(order, { instants: {}, complete: true });

    expect(Object.values(plan).every((step) => step?.moves)).toBe(true);
  });

  it('leaves what is already further, moves what is not', () => {
    const plan = planFigureInstants(order, {
      instants: { lastInteractionAt: '2026-01-12', firstOrderAt: '2026-01-11', lastOrderAt: '2026-01-10' },
      complete: true,
    });

    expect(plan).toEqual({
      lastInteractionAt: { at: '2026-01-10', moves: false },
      firstOrderAt: { at: '2026-01-10', moves: true },
      // The same instant again: already there.
      lastOrderAt: { at: '2026-01-10', moves: false },
    });
  });

  it('holds against the stored instants exactly when its write condition would (property)', () => {
    const instant = fc.option(
      fc.integer({ min: 0, max: 9 }).map((n) => `2026-01-0${n}`),
      { nil: undefined },
    );
    fc.assert(
      fc.property(
        fc.record({ lastInteractionAt: instant, firstOrderAt: instant, lastOrderAt: instant }),
        fc.integer({ min: 0, max: 9 }).map((n) => `2026-01-0${n}`),
        (stored, at) => {
          const ours = { lastInteractionAt: at, firstOrderAt: at, lastOrderAt: at };
          const known = Object.fromEntries(Object.entries(stored).filter(([, value]) => value !== undefined));
          const plan = planFigureInstants(ours, { instants: known, complete: true });
          // Planned from the stored instants themselves, a plan always holds ...
          expect(planHolds(plan, known)).toBe(true);
          // ... and leaves each instant at or past this interaction's.
          const after = instantsAfter(plan, { instants: known, complete: true }).instants;
          expect(
            after.lastInteractionAt! >= at && after.lastOrderAt! >= at && after.firstOrderAt! <= at,
          ).toBe(true);
        },
      ),
    );
  });
});

describe('the figures write with a plan', () => {
  it('sets the instants it moves on condition they move forward, and only checks the others', () => {
    const update = customerFiguresIncrement(
      '01T',
      '01C',
      { interactionCount: 1, orderCount: 0, orderValue: 0, paymentValue: 0 },
      {
        lastInteractionAt: { at: '2026-01-10T00:00:00.000Z', moves: true },
        firstOrderAt: { at: '2026-01-10T00:00:00.000Z', moves: false },
      },
    );

    expect(update.UpdateExpression).toBe(
      'SET #stats.#lastInteractionAt = :lastInteractionAt, gsi3sk = :lastInteractionSortKey ADD #rev :one, #stats.#interactions :interactions',
    );
    expect(update.ConditionExpression).toBe(
      'attribute_exists(pk) AND attribute_not_exists(archivedAt) AND (attribute_not_exists(#stats.#lastInteractionAt) OR #stats.#lastInteractionAt < :lastInteractionAt) AND #stats.#firstOrderAt <= :firstOrderAt',
    );
    expect(update.ExpressionAttributeValues).toMatchObject({
      ':lastInteractionAt': '2026-01-10T00:00:00.000Z',
      ':firstOrderAt': '2026-01-10T00:00:00.000Z',
      ':lastInteractionSortKey': expect.stringContaining('2026-01-10T00:00:00.000Z'),
    });
  });
});
