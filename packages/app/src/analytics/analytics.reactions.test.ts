import type { TableClient } from '@crm/dynamodb';
import { entityChange, testInteraction } from '@crm/testing';
import { describe, expect, it } from 'vitest';
import { customerScoresReaction } from './analytics.reactions.js';

/** A table that holds nothing: the tenant has no fit yet. Counts what is asked of it. */
function emptyTable() {
  const asked: string[] = [];
  const table = {
    tableName: 'crm',
    doc: {
      send: async (command: { constructor: { name: string } }) => {
        asked.push(command.constructor.name);
        return {};
      },
    },
  } as unknown as TableClient;
  return { table, asked };
}

describe('customerScoresReaction', () => {
  it('leaves interactions that move no money alone', async () => {
    const { table, asked } = emptyTable();
    const note = testInteraction({ type: 'note', amount: undefined, currency: undefined, text: 'Called' });

    await customerScoresReaction({ table }).handle(
      entityChange({ entityType: 'interaction', tenantId: '01JTENANTA', after: note }),
    );

    expect(asked).toEqual([]);
  });

  it('rescores on an order or a payment created or removed, and asks once per tenant without a fit', async () => {
    const { table, asked } = emptyTable();
    const reaction = customerScoresReaction({ table });

    await reaction.handle(
      entityChange({ entityType: 'interaction', tenantId: '01JTENANTB', after: testInteraction() }),
    );
    expect(asked).toHaveLength(1); // the tenant's latest fit: none, so nothing is scored
    await reaction.handle(
      entityChange({
        entityType: 'interaction',
        tenantId: '01JTENANTB',
        before: testInteraction({ type: 'payment' }),
      }),
    );
    expect(asked).toHaveLength(1); // a tenant without a fit is remembered for a few seconds
    await reaction.handle(
      entityChange({ entityType: 'interaction', tenantId: '01JTENANTC', after: testInteraction() }),
    );
    expect(asked).toHaveLength(2);
  });
});
