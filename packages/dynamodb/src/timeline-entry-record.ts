import { DomainError, type FigureMoves, type Interaction } from '@crm/domain';
import { customerFiguresIncrement } from './customer-figures-update.js';
import { FiguresBusyError, interactionItem } from './interaction.repository.js';
import { keys } from './keys.js';
import type { TenantTable } from './tenant-table.js';
import type { TransactItems } from './transact-items.js';
import { conditionFailedAt, isTransientTransactionError } from './transaction-failure.js';

/**
 * Records a new case (a complaint, a service request) as `item` with its entry on the customer's
 * timeline counted in the customer's figures, all or nothing, and `alongside` writes in the same
 * transaction. The figures' guard refuses a missing customer (`not_found`) or an archived one
 * (`invalid_state`, saying `customerArchived`); a case or entry already there is `already_exists`
 * (`alreadyExists`); a refused `alongside` write throws `alongsideRefused`, before anything else,
 * as that write is the one another run raced for. `FiguresBusyError` when another transaction held
 * the customer item (send again).
 */
export async function recordWithTimelineEntry(
  table: TenantTable,
  input: {
    tenantId: string;
    customerId: string;
    item: Record<string, unknown>;
    timelineEntry: Interaction;
    moves: FigureMoves;
    alongside?: { items: TransactItems; refused: DomainError };
    messages: { alreadyExists: string; customerArchived: string };
  },
): Promise<void> {
  const { tenantId, customerId, alongside, messages } = input;
  try {
    await table.transactWrite([
      { Put: { TableName: '', Item: input.item, ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Put: {
          TableName: '',
          Item: interactionItem(tenantId, input.timelineEntry),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: '',
          ...customerFiguresIncrement(tenantId, customerId, input.moves.added),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      ...(alongside?.items ?? []),
    ]);
  } catch (error) {
    const failed = conditionFailedAt(error);
    if (alongside && failed.some((index) => index >= 3)) throw alongside.refused;
    if (failed.includes(0) || failed.includes(1)) {
      throw new DomainError('already_exists', messages.alreadyExists);
    }
    if (failed.includes(2)) {
      const customer = await table.get(keys.customer(tenantId, customerId));
      throw customer
        ? new DomainError('invalid_state', messages.customerArchived)
        : new DomainError('not_found', 'Customer not found', {
            fields: [{ path: 'customerId', message: 'no such customer' }],
          });
    }
    if (isTransientTransactionError(error)) throw new FiguresBusyError();
    throw error;
  }
}
