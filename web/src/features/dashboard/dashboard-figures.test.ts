import { describe, expect, it } from 'vitest';
import { activityCounts, customersAtRisk } from './dashboard-figures.js';

type Listed = Parameters<typeof customersAtRisk>[0][number];

function customer(id: string, orderValue: number, pAlive: number, repeats = 2): Listed {
  return {
    id,
    name: `Customer ${id}`,
    stats: { orderValue, lastOrderAt: '2026-01-01T00:00:00.000Z' },
    scores: { pAlive, clv: 1000, segment: 'at-risk', inputs: { x: repeats } },
  } as unknown as Listed;
}

describe('activityCounts', () => {
  it('groups the RFM segments into active, at-risk and dormant customers', () => {
    const sizes = {
      champions: 5,
      loyal: 4,
      new: 3,
      'need-attention': 2,
      'cant-lose': 1,
      'at-risk': 6,
      hibernating: 7,
      lost: 8,
    };
    const segments = Object.entries(sizes).map(([segment, customers]) => ({
      segment,
      name: segment,
      customers,
    }));
    expect(activityCounts(segments)).toEqual({ active: 14, atRisk: 7, dormant: 15 });
  });
});

describe('customersAtRisk', () => {
  it('keeps repeat buyers below one half P(alive), least likely alive first', () => {
    const list = [
      customer('A', 9000, 0.9),
      customer('B', 8000, 0.3),
      customer('C', 7000, 0.1),
      customer('D', 6000, 0.05, 0),
      { id: 'E', name: 'No scores' } as Listed,
    ];
    expect(customersAtRisk(list).map((one) => one.id)).toEqual(['C', 'B']);
  });

  it('stops at the limit', () => {
    const list = Array.from({ length: 20 }, (_, index) =>
      customer(String(index), 1000 - index, 0.01 * index),
    );
    expect(customersAtRisk(list, 5)).toHaveLength(5);
  });
});
