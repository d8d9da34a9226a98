import { keys } from './keys.js';

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
