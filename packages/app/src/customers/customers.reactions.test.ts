import type { Customer } from '@crm/domain';
import type { TableClient } from '@crm/dynamodb';
import { entityChange, testCustomer } from '@crm/testing';
import { describe, expect, it } from 'vitest';
import { customerHistoryReaction } from './customers.reactions.js';

/** A table client that records the commands sent to it and answers each with nothing. */
function recordingTable() {
  const sent: { name: string; input: Record<string, unknown> }[] = [];
  const table = {
    tableName: 'crm',
    doc: {
      send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
        sent.push({ name: command.constructor.name, input: command.input });
        return {};
      },
    },
  } as unknown as TableClient;
  return { table, sent };
}

const tenantId = '01JTENANT0000000000000000A';

describe('customerHistoryReaction', () => {
  it('writes one history entry naming the changed fields and who changed them', async () => {
    const { table, sent } = recordingTable();
    const before = testCustomer({ name: 'Old name' });
    const after: Customer = {
      ...before,
      name: 'New name',
      updatedBy: '01JEDITOR00000000000000001',
      updatedAt: '2026-03-01T10:00:00.000Z',
      version: 2,
    };

    await customerHistoryReaction({ table }).handle(
      entityChange({ entityType: 'customer', tenantId, before, after }),
    );

    expect(sent).toHaveLength(1);
    expect(sent[0]?.input.Item).toMatchObject({
      customerId: before.id,
      action: 'updated',
      actorId: '01JEDITOR00000000000000001',
      at: '2026-03-01T10:00:00.000Z',
      changes: { name: ['Old name', 'New name'] },
    });
  });

  it('writes the same entry id for a redelivered record', async () => {
    const { table, sent } = recordingTable();
    const change = entityChange({ entityType: 'customer', tenantId, after: testCustomer() });
    const reaction = customerHistoryReaction({ table });

    await reaction.handle(change);
    await reaction.handle(change);

    expect(sent.map((command) => command.input.Item)).toEqual([sent[0]?.input.Item, sent[0]?.input.Item]);
  });

  it('records nothing for customers an import created, removals, or writes that only move figures', async () => {
    const { table, sent } = recordingTable();
    const reaction = customerHistoryReaction({ table });
    const customer = testCustomer();

    await reaction.handle(
      entityChange({ entityType: 'customer', tenantId, after: testCustomer({ importId: 'imp' }) }),
    );
    await reaction.handle(entityChange({ entityType: 'customer', tenantId, before: customer }));
    await reaction.handle(
      entityChange({
        entityType: 'customer',
        tenantId,
        before: customer,
        after: {
          ...customer,
          stats: { ...customer.stats, orderCount: 1 },
          updatedAt: '2026-03-01T00:00:00.000Z',
        },
      }),
    );

    expect(sent).toEqual([]);
  });
});
