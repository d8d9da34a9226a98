import { type Customer, emptyCustomerStats } from '@crm/domain';
import { describe, expect, it } from 'vitest';
import { customerShard } from './customer-index-keys.js';
import { customerProfileUpdate } from './customer-profile-update.js';

const current: Customer = {
  id: '01C',
  name: 'Acme',
  kind: 'business',
  status: 'prospect',
  tags: [],
  customFields: {},
  email: 'buyer@acme.example',
  stats: { ...emptyCustomerStats(), orderCount: 3, orderValue: 900 },
  scores: {
    pAlive: 0.5,
    expectedPurchases90d: 1,
    clv: 100,
  } as unknown as NonNullable<Customer['scores']>,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  createdBy: 'u1',
  version: 4,
};

describe('customer profile update', () => {
  it('writes the profile and its index keys, never the figures or scores, guarded by the version', () => {
    const next: Customer = { ...current, name: 'Acme Ltd', version: 5, updatedAt: '2026-02-01T00:00:00Z' };
    delete next.email;

    const update = customerProfileUpdate('01T', { current, next, expectedVersion: 4, listShards: 4 });
    const written = Object.values(update.ExpressionAttributeNames);

    expect(update.ConditionExpression).toBe('attribute_exists(pk) AND #version = :expected');
    expect(update.ExpressionAttributeValues[':expected']).toBe(4);
    expect(written).toEqual(expect.arrayContaining(['name', 'version', 'updatedAt', 'gsi1sk', 'gsi1pk']));
    for (const untouched of ['stats', 'scores', 'statsRevision', 'gsi3sk', 'gsi4sk', 'gsi7sk', 'gsi8sk']) {
      expect(written).not.toContain(untouched);
    }
    // The cleared e-mail leaves the item and its lookup index.
    expect(update.UpdateExpression).toMatch(/ REMOVE /);
    const removed = update.UpdateExpression.split(' REMOVE ')[1]?.split(', ') ?? [];
    expect(removed.map((placeholder) => update.ExpressionAttributeNames[placeholder])).toEqual([
      'email',
      'gsi5pk',
      'gsi5sk',
    ]);
  });

  it('moves a scored customer out of the live score orders when it is archived', () => {
    const next: Customer = { ...current, archivedAt: '2026-02-01T00:00:00Z', version: 5 };

    const update = customerProfileUpdate('01T', { current, next, expectedVersion: 4, listShards: 4 });

    expect(update.UpdateExpression).toContain('gsi7pk = :listPartition, gsi8pk = :listPartition');
    expect(update.ExpressionAttributeValues[':listPartition']).toMatch(/^T#01T#CUSTOMERS#ARCHIVED#\d$/);
  });

  it('writes the index partitions under the count of now, moving a customer written under a smaller one', () => {
    const next: Customer = { ...current, name: 'Acme Ltd', version: 5 };
    const partitionsUnder = (listShards: number) => {
      const update = customerProfileUpdate('01T', { current, next, expectedVersion: 4, listShards });
      const placeholder = Object.entries(update.ExpressionAttributeNames).find(
        ([, name]) => name === 'gsi1pk',
      )?.[0];
      return update.ExpressionAttributeValues[`:${placeholder?.slice(1)}`];
    };

    expect(partitionsUnder(1)).toBe('T#01T#CUSTOMERS#LIVE#0');
    expect(partitionsUnder(16)).toBe(`T#01T#CUSTOMERS#LIVE#${customerShard(current.id, 16)}`);
  });
});
