/**
 * How many items a filtered list page may have DynamoDB evaluate (per shard, for a sharded list)
 * before it returns what it matched so far: four times the page, at least 200. A filter that
 * matches little then costs a few Queries per page, however large the partition, instead of a
 * read of all of it; the page is shorter and its cursor goes on from where the reading stopped.
 */
export function readBudgetOf(limit: number): number {
  return Math.max(200, limit * 4);
}
