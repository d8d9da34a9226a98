import { describe, expect, it } from 'vitest';
import { type Customer, emptyCustomerStats } from './customer.schema.js';
import { describeCustomerChange } from './customer-history.js';

const base: Customer = {
  id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  name: 'Acme',
  kind: 'business',
  status: 'prospect',
  tags: [],
  customFields: {},
  stats: emptyCustomerStats(),
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  createdBy: 'u1',
  version: 1,
};

describe('describeCustomerChange', () => {
  it('names creation, import, archive and restore', () => {
    expect(describeCustomerChange(undefined, base)).toEqual({ action: 'created' });
    expect(describeCustomerChange(undefined, { ...base, importId: 'I1' })).toEqual({ action: 'imported' });
    expect(describeCustomerChange(base, { ...base, archivedAt: '2026-02-01T00:00:00Z' })).toEqual({
      action: 'archived',
    });
    expect(describeCustomerChange({ ...base, archivedAt: 'x' }, base)).toEqual({ action: 'restored' });
  });

  it('lists each changed field as before and after, including cleared ones', () => {
    const after = { ...base, name: 'Acme Ltd', tags: ['vip'], industry: 'retail', version: 2 };
    expect(describeCustomerChange({ ...base, phone: '+86 1' }, after)).toEqual({
      action: 'updated',
      changes: {
        name: ['Acme', 'Acme Ltd'],
        tags: [[], ['vip']],
        industry: [null, 'retail'],
        phone: ['+86 1', null],
      },
    });
  });

  it('ignores changes of figures and bookkeeping alone', () => {
    const after = { ...base, stats: { ...base.stats, orderCount: 1 }, statsRevision: 1, updatedAt: 'later' };
    expect(describeCustomerChange(base, after as Customer)).toBeUndefined();
  });

  it('ignores index keys that move with the figures in writes of their own', () => {
    const before = { ...base, gsi3sk: '2026-01-01#id', gsi4sk: '0000000000000100#id' } as Customer;
    const after = { ...base, gsi3sk: '2026-01-02#id', gsi4sk: '0000000000000200#id' } as Customer;

    expect(describeCustomerChange(before, after)).toBeUndefined();
    expect(describeCustomerChange(before, { ...after, name: 'Acme Ltd' })).toEqual({
      action: 'updated',
      changes: { name: ['Acme', 'Acme Ltd'] },
    });
  });
});
