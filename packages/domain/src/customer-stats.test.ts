import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyCustomerStats } from './customer.schema.js';
import { applyInteraction, figureMoves, figureRemoval } from './customer-stats.js';
import { isOwnedTimelineEntry } from './interaction.schema.js';
import { MAX_MONEY_TOTAL } from './money.js';

const order = (occurredAt: string, amount: number, currency = 'CNY') =>
  ({ type: 'order', occurredAt, amount, currency }) as const;

describe('applyInteraction', () => {
  it('sums orders in the default currency and keeps other currencies apart', () => {
    let stats = emptyCustomerStats();
    stats = applyInteraction(stats, order('2026-01-02T00:00:00Z', 1200), 'CNY');
    stats = applyInteraction(stats, order('2026-01-01T00:00:00Z', 500, 'USD'), 'CNY');
    stats = applyInteraction(stats, { type: 'note', occurredAt: '2026-02-01T00:00:00Z' }, 'CNY');
    expect(stats).toEqual({
      interactionCount: 3,
      orderCount: 2,
      orderValue: 1200,
      orderValueByCurrency: { CNY: 1200, USD: 500 },
      paymentValue: 0,
      firstOrderAt: '2026-01-01T00:00:00Z',
      lastOrderAt: '2026-01-02T00:00:00Z',
      lastInteractionAt: '2026-02-01T00:00:00Z',
    });
  });

  it('gives the same figures whatever order the interactions arrive in', () => {
    const interaction = fc.record({
      type: fc.constantFrom('order', 'payment', 'call'),
      occurredAt: fc
        .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString()),
      amount: fc.integer({ min: 0, max: 10_000_000 }),
      currency: fc.constantFrom('CNY', 'USD'),
    });
    fc.assert(
      fc.property(fc.array(interaction, { maxLength: 30 }), (interactions) => {
        const forward = interactions.reduce((s, i) => applyInteraction(s, i, 'CNY'), emptyCustomerStats());
        const backward = [...interactions]
          .reverse()
          .reduce((s, i) => applyInteraction(s, i, 'CNY'), emptyCustomerStats());
        expect(backward).toEqual(forward);
      }),
    );
  });

  it('refuses a sum that would pass the maximum total with a 422 error, leaving the figures as they were', () => {
    const near = {
      ...emptyCustomerStats(),
      orderCount: 1,
      orderValue: MAX_MONEY_TOTAL - 10,
      orderValueByCurrency: { CNY: MAX_MONEY_TOTAL - 10 },
    };

    expect(applyInteraction(near, order('2026-01-02T00:00:00Z', 10), 'CNY').orderValue).toBe(MAX_MONEY_TOTAL);
    expect(() => applyInteraction(near, order('2026-01-02T00:00:00Z', 11), 'CNY')).toThrow(
      expect.objectContaining({ code: 'unprocessable' }),
    );
    expect(near.orderValue).toBe(MAX_MONEY_TOTAL - 10);
  });
});

describe('figureRemoval', () => {
  it('negates every sum and count an interaction added, so removing it after adding it leaves nothing', () => {
    const sale = order('2026-01-02T00:00:00.000Z', 1200, 'USD');

    const added = figureMoves(sale, 'USD').added;
    const removed = figureRemoval(sale, 'USD').added;

    expect(removed).toEqual({
      interactionCount: -1,
      orderCount: -1,
      orderValue: -1200,
      orderValueByCurrency: { currency: 'USD', amount: -1200 },
      paymentValue: 0,
    });
    expect(added.orderValue + removed.orderValue).toBe(0);
    expect(
      Object.is(figureRemoval({ type: 'call', occurredAt: sale.occurredAt }, 'USD').added.orderValue, 0),
    ).toBe(true);
  });
});

describe('isOwnedTimelineEntry', () => {
  it("tells a complaint's or service request's own entry from one recorded by hand", () => {
    expect(isOwnedTimelineEntry({ id: '01A', type: 'complaint', reference: '01A' })).toBe(true);
    expect(isOwnedTimelineEntry({ id: '01A', type: 'service', reference: '01A' })).toBe(true);
    expect(isOwnedTimelineEntry({ id: '01A', type: 'complaint' })).toBe(false);
    expect(isOwnedTimelineEntry({ id: '01A', type: 'order', reference: '01A' })).toBe(false);
  });
});

describe('figureMoves', () => {
  it('splits an interaction into increments and forward-only instants', () => {
    expect(figureMoves(order('2026-01-02T00:00:00Z', 1200, 'USD'), 'CNY')).toEqual({
      added: {
        interactionCount: 1,
        orderCount: 1,
        orderValue: 0,
        orderValueByCurrency: { currency: 'USD', amount: 1200 },
        paymentValue: 0,
      },
      instants: {
        lastInteractionAt: '2026-01-02T00:00:00Z',
        firstOrderAt: '2026-01-02T00:00:00Z',
        lastOrderAt: '2026-01-02T00:00:00Z',
      },
    });
    expect(
      figureMoves(
        { type: 'payment', occurredAt: '2026-01-03T00:00:00Z', amount: 50, currency: 'CNY' },
        'CNY',
      ),
    ).toEqual({
      added: { interactionCount: 1, orderCount: 0, orderValue: 0, paymentValue: 50 },
      instants: { lastInteractionAt: '2026-01-03T00:00:00Z' },
    });
  });
});
