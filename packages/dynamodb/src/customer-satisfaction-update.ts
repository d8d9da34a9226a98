import { DomainError } from '@crm/domain';
import { keys } from './keys.js';
import type { TenantTable } from './tenant-table.js';
import { conditionFailedAt, isTransientTransactionError } from './transaction-failure.js';

/**
 * The transaction item that adds one satisfaction rating (1–5) to the customer's figure (满意度):
 * a closed complaint's review and a service request's follow-up (回访) both feed it, each in the
 * transaction that records the rating, so the figure never counts a rating that was not saved.
 */
export function customerSatisfactionRating(
  tenantId: string,
  customerId: string,
  rated: { rating: number; at: string },
) {
  return {
    Update: {
      TableName: '',
      Key: keys.customerSatisfaction(tenantId, customerId),
      UpdateExpression:
        'SET #entity = :entity, customerId = :customer, lastRating = :rating, lastRatedAt = :at ' +
        'ADD ratings :one, ratingSum :rating',
      ExpressionAttributeNames: { '#entity': 'entityType' },
      ExpressionAttributeValues: {
        ':entity': 'customerSatisfaction',
        ':customer': customerId,
        ':rating': rated.rating,
        ':at': rated.at,
        ':one': 1,
      },
    },
  };
}

/**
 * Writes a rated case (a complaint, a service request) as `item` if it is still at
 * `expectedVersion`, with its rating, if the step gave one, added to the customer's figure in the
 * same transaction. A concurrent change, or a transaction cancelled by a concurrent one, answers
 * `version_conflict` naming `what`: the caller reloads and tries again.
 */
export async function putVersionWithRating(
  table: TenantTable,
  input: {
    tenantId: string;
    customerId: string;
    item: Record<string, unknown>;
    expectedVersion: number;
    rated: { rating: number; at: string } | undefined;
    what: string;
  },
): Promise<void> {
  try {
    await table.transactWrite([
      {
        Put: {
          TableName: '',
          Item: input.item,
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': input.expectedVersion },
        },
      },
      ...(input.rated ? [customerSatisfactionRating(input.tenantId, input.customerId, input.rated)] : []),
    ]);
  } catch (error) {
    if (conditionFailedAt(error).includes(0) || isTransientTransactionError(error)) {
      throw new DomainError(
        'version_conflict',
        `The ${input.what} was changed by someone else (expected version ${input.expectedVersion}); reload it`,
      );
    }
    throw error;
  }
}
