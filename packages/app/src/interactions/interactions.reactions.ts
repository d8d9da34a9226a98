import type { Reaction } from '@crm/domain';
import { CustomerRepository, type TableClient } from '@crm/dynamodb';

type FiguresImage = { id?: unknown; stats?: { orderValue?: unknown }; gsi4sk?: unknown };

/**
 * Keeps the customer list's value order (gsi4sk) up with the order totals. An order adds to the
 * total without reading it, so the write cannot also set the sort key, which is a string of the
 * new total; the stream sees each new total and sets the key from it, only while the total is
 * still that value. Of a burst of orders on one customer, the last image's write is the one that
 * applies, and the index (eventually consistent anyway) converges on the final total. Idempotent:
 * a redelivered image finds the key matching, or a total that moved on.
 */
export function customerValueSortKeyReaction(deps: { table: TableClient }): Reaction {
  return {
    name: 'customer-value-sort-key',
    entityTypes: ['customer'],
    async handle(change) {
      if (change.kind === 'removed') return;
      const after = change.after as FiguresImage | undefined;
      const orderValue = after?.stats?.orderValue;
      if (typeof after?.id !== 'string' || typeof orderValue !== 'number') return;
      await new CustomerRepository(deps.table, change.tenantId).settleValueSortKey({
        customerId: after.id,
        orderValue,
        ...(typeof after.gsi4sk === 'string' ? { sortKey: after.gsi4sk } : {}),
      });
    },
  };
}
