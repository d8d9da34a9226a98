import type { Customer } from '@crm/domain';
import { describe, expect, it } from 'vitest';
import { meanGapDays } from './mean-gap-days.js';

const stats = (orderCount: number, firstOrderAt?: string, lastOrderAt?: string) =>
  ({
    stats: {
      interactionCount: orderCount,
      orderCount,
      orderValue: 0,
      orderValueByCurrency: {},
      paymentValue: 0,
      ...(firstOrderAt ? { firstOrderAt } : {}),
      ...(lastOrderAt ? { lastOrderAt } : {}),
    },
  }) as unknown as Customer;

describe('meanGapDays', () => {
  it('reads the model inputs first: tx weeks over x repeat purchases', () => {
    const customer = {
      ...stats(9, '2026-01-01T00:00:00Z', '2026-12-01T00:00:00Z'),
      scores: { inputs: { x: 4, tx: 8 } },
    } as unknown as Customer;
    expect(meanGapDays(customer)).toBe(14);
  });

  it('falls back to the order figures before the first fit', () => {
    expect(meanGapDays(stats(3, '2026-01-01T00:00:00Z', '2026-01-21T00:00:00Z'))).toBe(10);
  });

  it('has no rhythm for one order, or for orders all on one day', () => {
    expect(meanGapDays(stats(1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'))).toBeNull();
    expect(meanGapDays(stats(2, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'))).toBeNull();
    expect(meanGapDays(stats(0))).toBeNull();
  });
});
