import { describe, expect, it } from 'vitest';
import { monthlyRates } from './monthly-rates.js';

// Day numbers count days from 1970-01-01: 0 is 1 January, 31 is 1 February, 59 is 1 March 1970.
const purchases = [
  { customerId: 'a', day: 0, amount: 10 },
  { customerId: 'b', day: 10, amount: 10 },
  { customerId: 'a', day: 31, amount: 10 },
  { customerId: 'c', day: 40, amount: 10 },
  { customerId: 'd', day: 100, amount: 10 }, // after the cutoff
];

describe('monthlyRates', () => {
  it('counts active, retained and new customers per month, with 客户维持率 and 新客户获得率', () => {
    expect(monthlyRates(purchases, 59)).toEqual([
      {
        month: '1970-01',
        activeCustomers: 2,
        retainedCustomers: 0,
        retentionRate: null,
        newCustomers: 2,
        customerBase: 2,
        acquisitionRate: 1,
      },
      {
        month: '1970-02',
        activeCustomers: 2,
        retainedCustomers: 1,
        retentionRate: 0.5,
        newCustomers: 1,
        customerBase: 3,
        acquisitionRate: 1 / 3,
      },
      {
        month: '1970-03',
        activeCustomers: 0,
        retainedCustomers: 0,
        retentionRate: 0,
        newCustomers: 0,
        customerBase: 3,
        acquisitionRate: 0,
      },
    ]);
  });

  it('keeps the last maxMonths months', () => {
    expect(monthlyRates(purchases, 59, { maxMonths: 2 }).map((month) => month.month)).toEqual([
      '1970-02',
      '1970-03',
    ]);
  });

  it('is empty without purchases up to the cutoff', () => {
    expect(monthlyRates([], 59)).toEqual([]);
    expect(monthlyRates(purchases.slice(4), 59)).toEqual([]);
  });
});
