import { describe, expect, it } from 'vitest';
import { ageTenantReceivables } from './tenant-ageing.js';

const none = { notDue: 0, d0_30: 0, d31_60: 0, d61_90: 0, d91_120: 0, d121Plus: 0 };

describe('ageTenantReceivables', () => {
  // 2026-03-01: 2025-10-01 is 151 days back, 2026-01-01 59, 2026-01-30 30, 2026-02-28 1.
  const asOf = '2026-03-01T09:00:00.000Z';
  const rows = [
    { customerId: 'c1', dueDate: '2026-02-28', amount: 1_000, paid: 0 },
    { customerId: 'c1', dueDate: '2025-10-01', amount: 500, paid: 200 },
    { customerId: 'c2', dueDate: '2026-01-01', amount: 700, paid: 0 },
    { customerId: 'c2', dueDate: '2026-03-10', amount: 400, paid: 0 },
    { customerId: 'c3', dueDate: '2026-01-30', amount: 900, paid: 900 },
    { customerId: 'c4', dueDate: '2026-03-01', amount: 250, paid: 0 },
    { customerId: 'c5', dueDate: '2026-01-30', amount: 60, paid: 0 },
  ];

  it('buckets every open amount by days past due, as one customer’s file does, and totals them', () => {
    const report = ageTenantReceivables(rows, asOf);
    expect(report.totals).toEqual({ ...none, notDue: 650, d0_30: 1_060, d31_60: 700, d121Plus: 300 });
    expect(report.open).toBe(2_710);
    // The settled one is no receivable of the report.
    expect(report.receivables).toBe(6);
  });

  it('puts the customers whose money is oldest first, and leaves out those who owe nothing', () => {
    const report = ageTenantReceivables(rows, asOf);
    expect(report.customers).toEqual([
      { customerId: 'c1', open: 1_300, ageing: { ...none, d0_30: 1_000, d121Plus: 300 } },
      { customerId: 'c2', open: 1_100, ageing: { ...none, notDue: 400, d31_60: 700 } },
      // Due 30 days ago is still 0–30; due today is not yet due.
      { customerId: 'c5', open: 60, ageing: { ...none, d0_30: 60 } },
      { customerId: 'c4', open: 250, ageing: { ...none, notDue: 250 } },
    ]);
  });

  it('answers empty figures for a tenant that is owed nothing', () => {
    expect(ageTenantReceivables([], asOf)).toEqual({ totals: none, open: 0, receivables: 0, customers: [] });
  });
});
