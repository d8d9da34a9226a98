import { readBudgetOf } from './read-budget.js';
import type { TenantTable, WholePartitionQuery } from './tenant-table.js';

type Item = Record<string, unknown>;

/**
 * One page of an index partition from `start`, filled up to `limit` matches of the query's
 * filter: the reads stop when the page is full, the partition ends, or `readBudget` items were
 * evaluated (a shorter page, maybe empty). No read goes past what the page still needs, so the
 * cursor, the index sort key of the last item evaluated, is the page's last item when it is full
 * and where the reading stopped when it is not; null once the partition is read to its end.
 */
export async function filledListPage(input: {
  table: TenantTable;
  query: WholePartitionQuery & { IndexName: string };
  start: Item | undefined;
  limit: number;
  readBudget?: number;
}): Promise<{ items: Item[]; cursor: string | null }> {
  const budget = input.readBudget ?? readBudgetOf(input.limit);
  const items: Item[] = [];
  let start = input.start;
  let read = 0;
  let more = true;
  while (more && items.length < input.limit && read < budget) {
    const page = await input.table.query({
      ...input.query,
      Limit: input.limit - items.length,
      ExclusiveStartKey: start,
    });
    items.push(...page.items);
    read += page.scannedCount;
    start = page.lastEvaluatedKey;
    more = start !== undefined;
  }
  const sortKey = more ? start?.[`${input.query.IndexName}sk`] : undefined;
  return { items, cursor: typeof sortKey === 'string' ? Buffer.from(sortKey).toString('base64url') : null };
}
