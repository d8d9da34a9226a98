import { describe, expect, it } from 'vitest';
import { type Customer, emptyCustomerStats } from './customer.schema.js';
import { authorOfCustomerChange, describeCustomerChange, SYSTEM_ACTOR } from './customer-history.js';

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

  it('never lists storage attributes of a stream image (index keys, revisions)', () => {
    const stored = { ...base, pk: 'T#1#C#x', sk: 'PROFILE', gsi3sk: 'a', gsi4sk: 'b', statsRevision: 3 };
    const after = {
      ...stored,
      gsi3sk: 'c',
      gsi4sk: 'd',
      statsRevision: 4,
      stats: { ...base.stats, orderCount: 1 },
    };
    expect(describeCustomerChange(stored as Customer, after as Customer)).toBeUndefined();
    expect(describeCustomerChange(stored as Customer, { ...after, name: 'New' } as Customer)).toEqual({
      action: 'updated',
      changes: { name: ['Acme', 'New'] },
    });
  });
});

describe('authorOfCustomerChange', () => {
  it('names the editor and the edit time when the write stamped them', () => {
    const after = { ...base, name: 'New', updatedBy: 'u2', updatedAt: '2026-03-01T10:00:00Z', version: 2 };
    expect(authorOfCustomerChange({ ...base, updatedBy: 'u1' }, after, '2026-03-01T10:00:01Z')).toEqual({
      actorId: 'u2',
      at: '2026-03-01T10:00:00Z',
    });
  });

  it('names the creator of a new customer', () => {
    expect(authorOfCustomerChange(undefined, base, '2026-01-01T00:00:01Z')).toEqual({
      actorId: 'u1',
      at: '2026-01-01T00:00:00Z',
    });
  });

  it('never names the previous editor for a write nobody stamped', () => {
    const before = { ...base, updatedBy: 'owner', updatedAt: '2026-01-05T00:00:00Z' };
    expect(authorOfCustomerChange(before, { ...before, status: 'active' }, '2026-03-01T10:00:00Z')).toEqual({
      actorId: SYSTEM_ACTOR,
      at: '2026-03-01T10:00:00Z',
    });
  });
});
