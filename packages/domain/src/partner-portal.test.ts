import { describe, expect, it } from 'vitest';
import { partnerOrderFigures } from './partner-portal.schema.js';

const window = { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z', actorId: 'dealer' };

describe('partnerOrderFigures', () => {
  it('counts and sums the orders of the period per currency, the end excluded', () => {
    const figures = partnerOrderFigures(
      [
        {
          type: 'order',
          occurredAt: '2026-01-01T00:00:00Z',
          amount: 1000,
          currency: 'CNY',
          actorId: 'dealer',
        },
        { type: 'order', occurredAt: '2026-01-31T23:59:59Z', amount: 2500, currency: 'CNY', actorId: 'hq' },
        { type: 'order', occurredAt: '2026-01-15T00:00:00Z', amount: 700, currency: 'USD' },
        { type: 'order', occurredAt: '2026-02-01T00:00:00Z', amount: 9999, currency: 'CNY' },
        { type: 'order', occurredAt: '2025-12-31T23:59:59Z', amount: 9999, currency: 'CNY' },
        { type: 'payment', occurredAt: '2026-01-10T00:00:00Z', amount: 500, currency: 'CNY' },
      ],
      window,
    );
    expect(figures).toEqual([
      { currency: 'CNY', count: 2, amount: 3500, recordedByYou: 1 },
      { currency: 'USD', count: 1, amount: 700, recordedByYou: 0 },
    ]);
  });

  it('leaves out an order credit control rejected', () => {
    const rejected = {
      type: 'order' as const,
      occurredAt: '2026-01-02T00:00:00Z',
      amount: 100,
      currency: 'CNY',
      creditHold: {
        at: '2026-01-02T00:00:00Z',
        reasons: [],
        rejected: { at: '2026-01-03T00:00:00Z', by: 'hq', reason: 'over limit' },
      },
    };
    expect(partnerOrderFigures([rejected as never], window)).toEqual([]);
  });
});
