import { figureInstants, type Interaction, type Reaction } from '@crm/domain';
import { CustomerRepository, InteractionRepository, type TableClient } from '@crm/dynamodb';

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

/**
 * Closes the gaps the API leaves between a transaction and a move of the first/last instants after
 * it (a removal's move back; a complaint's or service request's entry, whose record's transaction
 * moves only its counts; an API create moves its instants in its own transaction and leaves none):
 * should the process die in between, the sums are exact but the instants lag. The stream sees every
 * insert and removal, so it repeats the move: forward-only for
 * an insert ("only if later / earlier"), back to the next holder for a removal ("only while it is
 * still the removed one's"). Both are idempotent and usually find nothing to do (the API already
 * did it); the instants converge even if the API process died. Imported history is left alone:
 * an import settles its customers' whole figures itself (figure-recount.ts).
 */
export function customerFigureInstantsReaction(deps: { table: TableClient }): Reaction {
  return {
    name: 'customer-figure-instants',
    entityTypes: ['interaction'],
    async handle(change) {
      if (change.kind === 'updated') return;
      const interaction = (change.after ?? change.before) as Interaction | undefined;
      if (typeof interaction?.customerId !== 'string' || typeof interaction.occurredAt !== 'string') return;
      if (interaction.source?.startsWith('import:')) return;
      const interactions = new InteractionRepository(deps.table, change.tenantId);
      if (change.kind === 'created') {
        await interactions.moveFigureInstants({
          customerId: interaction.customerId,
          moves: { instants: figureInstants(interaction) },
        });
      } else {
        await interactions.retreatFigureInstants({ removed: interaction });
      }
    },
  };
}
