import { type Customer, emptyCustomerStats, newId } from '@crm/domain';

/**
 * A valid customer as the API returns it (a new consumer without figures), with `overrides` on
 * top: tests say only what matters to them.
 *
 * @example
 * const archived = testCustomer({ archivedAt: '2026-02-01T00:00:00.000Z' });
 */
export function testCustomer(overrides: Partial<Customer> = {}): Customer {
  return {
    id: newId(),
    name: '王记粮油',
    kind: 'consumer',
    status: 'active',
    tags: [],
    customFields: {},
    stats: emptyCustomerStats(),
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    createdBy: '01JUSER0000000000000000001',
    version: 1,
    ...overrides,
  };
}
