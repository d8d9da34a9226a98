import { DomainError, ULID_PATTERN_SOURCE } from '@crm/domain';
import { fromItem } from './item-codec.js';
import type { TableKey } from './keys.js';
import type { TenantTable } from './tenant-table.js';

type Item = Record<string, unknown>;

const CURSOR_SORT_KEY = new RegExp(`^[0-9T:.\\-Z]{20,30}#(${ULID_PATTERN_SOURCE})$`);

/**
 * A page of a gsi1 list ordered by `<createdAt>#<id>`, newest first; the cursor is the last sort
 * key read, checked before it reaches a query (it must name a ULID in this list's shape).
 */
export async function createdListPage<T>(input: {
  table: TenantTable;
  partition: string;
  keyOf: (id: string) => TableKey;
  limit: number;
  cursor?: string | undefined;
}): Promise<{ items: T[]; cursor: string | null }> {
  let start: Item | undefined;
  if (input.cursor) {
    const sortKey = Buffer.from(input.cursor, 'base64url').toString('utf8');
    const match = CURSOR_SORT_KEY.exec(sortKey);
    if (!match?.[1]) {
      throw new DomainError('validation_failed', 'Invalid cursor', {
        fields: [{ path: 'cursor', message: 'must be a cursor this list returned' }],
      });
    }
    start = { ...input.keyOf(match[1]), gsi1pk: input.partition, gsi1sk: sortKey };
  }
  const page = await input.table.query({
    partitionValue: input.partition,
    IndexName: 'gsi1',
    ScanIndexForward: false,
    Limit: input.limit,
    ExclusiveStartKey: start,
  });
  const sortKey = page.lastEvaluatedKey?.gsi1sk;
  return {
    items: page.items.map((item) => fromItem<T>(item)),
    cursor: typeof sortKey === 'string' ? Buffer.from(sortKey, 'utf8').toString('base64url') : null,
  };
}
