import { describe, expect, it } from 'vitest';
import { customerCsvRow } from './customer-csv-row.js';

describe('customerCsvRow', () => {
  it('joins tags and lifts the order figures out of stats', () => {
    const row = customerCsvRow({
      id: 'c1',
      tags: ['vip', 'north'],
      stats: { orderCount: 3, orderValue: 4500, lastOrderAt: '2026-11-30T10:00:00.000Z' },
    });
    expect(row).toMatchObject({
      id: 'c1',
      tags: 'vip;north',
      orderCount: 3,
      orderValue: 4500,
      lastOrderAt: '2026-11-30T10:00:00.000Z',
    });
  });

  it('gives zero orders and empty cells to an item without stats or tags', () => {
    expect(customerCsvRow({ id: 'c2' })).toMatchObject({
      tags: '',
      orderCount: 0,
      orderValue: 0,
      lastOrderAt: '',
    });
  });
});
