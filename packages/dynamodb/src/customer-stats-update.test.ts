import { emptyCustomerStats } from '@crm/domain';
import { describe, expect, it } from 'vitest';
import { customerStatsUpdate } from './customer-stats-update.js';

const stats = {
  ...emptyCustomerStats(),
  interactionCount: 1,
  orderCount: 1,
  orderValue: 1234,
  orderValueByCurrency: { CNY: 1234 },
  lastInteractionAt: '2026-01-02T03:04:05.000Z',
};

describe('customer stats update', () => {
  it('sets the figures and their sort keys and moves the revision on, if it is still the one read', () => {
    const update = customerStatsUpdate('01T', { customerId: '01C', statsRevision: 3, stats });

    expect(update).toEqual({
      Key: { pk: 'T#01T#C#01C', sk: 'PROFILE' },
      UpdateExpression: 'SET #stats = :stats, #rev = :next, gsi3sk = :lastInteraction, gsi4sk = :value',
      ConditionExpression:
        'attribute_exists(pk) AND (#rev = :rev OR (attribute_not_exists(#rev) AND :rev = :zero))',
      ExpressionAttributeNames: { '#stats': 'stats', '#rev': 'statsRevision' },
      ExpressionAttributeValues: {
        ':stats': stats,
        ':rev': 3,
        ':next': 4,
        ':zero': 0,
        ':lastInteraction': '2026-01-02T03:04:05.000Z#01C',
        ':value': '0000000000001234#01C',
      },
    });
  });
});
