import { DomainError, ULID_PATTERN_SOURCE } from '@crm/domain';
import { fromItem } from './item-codec.js';
import type { TableKey } from './keys.js';
import { type ListPageFilter, listPageFilterParams } from './list-page-filter.js';
import type { TenantTable } from './tenant-table.js';

type Item = Record<string, unknown>;

const CURSOR_SORT_KEY = new RegExp(`^[0-9T:.\\-Z]{20,30}#(${ULID_PATTERN_SOURCE})$`);

/**
 * A page of a list ordered by `<created instant>#<id>` (gsi1 unless said), newest first; the
 * cursor is the last sort key read, checked before it reaches a query (it must name a ULID in
 * this list's shape). With a filter, a page is filled from up to `maxReads` index reads (one
 * unless said), so a rare filter cannot scan forever; a short page may still have a cursor.
 */
export async function createdListPage<T>(input: {
  table: TenantTable;
  index?: 'gsi1' | 'gsi3';
  partition: string;
  keyOf: (id: string) => TableKey;
  limit: number;
  cursor?: string | undefined;
  filter?: ListPageFilter;
  maxReads?: number;
  read?: (item: Item) => T;
}): Promise<{ items: T[]; cursor: string | null }> {
  const index = input.index ?? 'gsi1';
  const sortAttribute = `${index}sk`;
  const read = input.read ?? ((item: Item) => fromItem<T>(item));
  let start: Item | undefined;
  if (input.cursor) {
    const sortKey = Buffer.from(input.cursor, 'base64url').toString('utf8');
    const match = CURSOR_SORT_KEY.exec(sortKey);
    if (!match?.[1]) {
      throw new DomainError('validation_failed', 'Invalid cursor', {
        fields: [{ path: 'cursor', message: 'must be a cursor this list returned' }],
      });
    }
    start = { ...input.keyOf(match[1]), [`${index}pk`]: input.partition, [sortAttribute]: sortKey };
  }
  const items: T[] = [];
  let last: Item | undefined;
  for (let reads = 0; reads < (input.maxReads ?? 1) && items.length < input.limit; reads += 1) {
    const page = await input.table.query({
      partitionValue: input.partition,
      IndexName: index,
      ScanIndexForward: false,
      Limit: input.limit - items.length,
      ExclusiveStartKey: start,
      ...listPageFilterParams(input.filter),
    });
    items.push(...page.items.map(read));
    start = page.lastEvaluatedKey;
    last = start;
    if (!start) break;
  }
  const sortKey = last?.[sortAttribute];
  return {
    items,
    cursor: typeof sortKey === 'string' ? Buffer.from(sortKey, 'utf8').toString('base64url') : null,
  };
}
