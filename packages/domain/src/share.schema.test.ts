import { describe, expect, it } from 'vitest';
import { type Customer, emptyCustomerStats } from './customer.schema.js';
import { projectForPartner } from './share.schema.js';

const customer: Customer = {
  id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  name: 'Shared Co',
  kind: 'business',
  status: 'active',
  tags: ['vip'],
  customFields: { secret: 'x' },
  phone: '+86 10 1234 5678',
  email: 'shared@example.com',
  stats: emptyCustomerStats(),
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  createdBy: 'u',
  version: 3,
};

describe('projectForPartner', () => {
  it('shows identity plus exactly the granted fields', () => {
    expect(projectForPartner(customer, { fields: ['phone', 'interactions'] })).toEqual({
      id: customer.id,
      name: 'Shared Co',
      version: 3,
      createdAt: customer.createdAt,
      updatedAt: customer.updatedAt,
      phone: '+86 10 1234 5678',
    });
  });

  it('never leaks fields that are not granted', () => {
    const projected = projectForPartner(customer, { fields: [] });
    expect(Object.keys(projected).sort()).toEqual(['createdAt', 'id', 'name', 'updatedAt', 'version']);
  });
});
