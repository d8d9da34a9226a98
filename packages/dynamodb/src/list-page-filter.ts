type Item = Record<string, unknown>;

/** Conditions on the items read (`AND`ed), with the names and values they use. */
export type ListPageFilter = {
  expressions: readonly string[];
  names: Record<string, string>;
  values: Item;
};

/**
 * The query parameters of `filter`: none when it has no condition (DynamoDB refuses empty
 * expressions and unused names or values), else its expressions `AND`ed with what they use.
 */
export function listPageFilterParams(filter: ListPageFilter | undefined): {
  FilterExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Item;
} {
  if (!filter?.expressions.length) return {};
  return {
    FilterExpression: filter.expressions.join(' AND '),
    ...(Object.keys(filter.names).length ? { ExpressionAttributeNames: filter.names } : {}),
    ExpressionAttributeValues: filter.values,
  };
}
