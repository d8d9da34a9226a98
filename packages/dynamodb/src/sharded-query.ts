import { DomainError } from '@crm/domain';
import type { IndexName } from './table-definition.js';
import type { TenantTable } from './tenant-table.js';

type Item = Record<string, unknown>;

export type ShardPosition = null | 'done' | { pk: string; sk: string; indexSk: string };

export type ShardedQueryInput = {
  table: TenantTable;
  indexName: IndexName;
  partitions: readonly string[];
  descending: boolean;
  limit: number;
  /** Where each shard resumes; null = from the start. */
  positions: readonly ShardPosition[];
  /** Extra key condition on the index sort key, e.g. `begins_with(#isk, :prefix)`. */
  sortKeyCondition?: { expression: string; values: Item };
  filter?: { expression: string; names: Record<string, string>; values: Item };
  /** Items a shard may read per call before it returns what it matched so far. */
  readBudgetPerShard?: number;
};

export type ShardedQueryResult = { items: Item[]; positions: ShardPosition[]; exhausted: boolean };

/**
 * One page of an index that is spread over shards: each shard is queried from where it stopped,
 * the results are merged by the index sort key, and each shard's position moves to the last item
 * of it the page actually used. Filters may leave a shard short; it then stops after its read
 * budget, and the page is shorter but still correct (the cursor continues from there).
 */
export async function shardedQuery(input: ShardedQueryInput): Promise<ShardedQueryResult> {
  const indexSk = `${input.indexName}sk`;
  const indexPk = `${input.indexName}pk`;
  const budget = input.readBudgetPerShard ?? Math.max(200, input.limit * 4);

  const fetched = await Promise.all(
    input.partitions.map(async (partition, shard) => {
      const start = input.positions[shard] ?? null;
      if (start === 'done') return { items: [] as Item[], lastEvaluatedKey: undefined, done: true };
      let exclusiveStartKey: Item | undefined = start
        ? { pk: start.pk, sk: start.sk, [indexPk]: partition, [indexSk]: start.indexSk }
        : undefined;
      const items: Item[] = [];
      let read = 0;
      let fromCursor = exclusiveStartKey !== undefined;
      do {
        const page = await queryFromCursor(fromCursor, () =>
          input.table.query({
            IndexName: input.indexName,
            partitionValue: partition,
            ScanIndexForward: !input.descending,
            Limit: Math.min(1000, Math.max(input.limit - items.length, 25) + 5),
            ExclusiveStartKey: exclusiveStartKey,
            ...(input.sortKeyCondition ? { KeyConditionExpression: input.sortKeyCondition.expression } : {}),
            ...(input.filter ? { FilterExpression: input.filter.expression } : {}),
            ExpressionAttributeNames: {
              ...(input.sortKeyCondition ? { '#isk': indexSk } : {}),
              ...input.filter?.names,
            },
            ExpressionAttributeValues: { ...input.sortKeyCondition?.values, ...input.filter?.values },
          }),
        );
        fromCursor = false;
        items.push(...page.items);
        read += page.scannedCount;
        exclusiveStartKey = page.lastEvaluatedKey;
      } while (exclusiveStartKey && items.length < input.limit && read < budget);
      return { items, lastEvaluatedKey: exclusiveStartKey, done: !exclusiveStartKey };
    }),
  );

  const tagged = fetched.flatMap((result, shard) => result.items.map((item) => ({ item, shard })));
  tagged.sort((a, b) => {
    const left = String(a.item[indexSk]);
    const right = String(b.item[indexSk]);
    const order = left < right ? -1 : left > right ? 1 : 0;
    return input.descending ? -order : order;
  });
  // An unfinished shard has read only up to its frontier: anything beyond the nearest frontier
  // could still be preceded by an unread item, so the page stops there.
  const before = (a: string, b: string) => (input.descending ? a > b : a < b);
  let frontier: string | undefined;
  for (const result of fetched) {
    if (result.done || !result.lastEvaluatedKey) continue;
    const reached = String(result.lastEvaluatedKey[indexSk]);
    if (frontier === undefined || before(reached, frontier)) frontier = reached;
  }
  const page = tagged
    .filter((entry) => frontier === undefined || !before(frontier, String(entry.item[indexSk])))
    .slice(0, input.limit);

  const positions: ShardPosition[] = fetched.map((result, shard) => {
    const previous = input.positions[shard] ?? null;
    const used = page.filter((entry) => entry.shard === shard);
    const allUsed = used.length === result.items.length;
    if (allUsed) {
      if (result.done) return 'done';
      const key = result.lastEvaluatedKey as Item;
      return { pk: String(key.pk), sk: String(key.sk), indexSk: String(key[indexSk]) };
    }
    const last = used[used.length - 1]?.item;
    if (!last) return previous;
    return { pk: String(last.pk), sk: String(last.sk), indexSk: String(last[indexSk]) };
  });
  return {
    items: page.map((entry) => entry.item),
    positions,
    exhausted: positions.every((p) => p === 'done'),
  };
}

const CURSOR_VERSION = 1;

function invalidCursor(why: string): DomainError {
  return new DomainError('validation_failed', `Invalid cursor: ${why}`, {
    fields: [{ path: 'cursor', message: why }],
  });
}

/**
 * A start key from a client's cursor that passed decodeCursor can still be one DynamoDB refuses
 * (outside a `begins_with` condition of another search, say): that is the client's bad cursor, a
 * 400, not a server error.
 */
async function queryFromCursor<T>(fromCursor: boolean, query: () => Promise<T>): Promise<T> {
  if (!fromCursor) return query();
  try {
    return await query();
  } catch (error) {
    if ((error as Error).name === 'ValidationException') throw invalidCursor('not a cursor this API issued');
    throw error;
  }
}

/** A key string DynamoDB accepts: not empty, not too long, and valid UTF-16 (no lone surrogate). */
function isKeyString(value: unknown, maxLength: number): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= maxLength &&
    !/[\uD800-\uDFFF]/u.test(value)
  );
}

/** Opaque to clients; bound to the query it came from, so it cannot be replayed against another. */
export function encodeCursor(positions: readonly ShardPosition[], queryFingerprint: string): string {
  return Buffer.from(JSON.stringify({ v: CURSOR_VERSION, q: queryFingerprint, p: positions })).toString(
    'base64url',
  );
}

export function decodeCursor(
  cursor: string,
  input: { queryFingerprint: string; shards: number; partitionPrefix: string },
): ShardPosition[] {
  const invalid = invalidCursor;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('not a cursor this API issued');
  }
  const value = parsed as { v?: unknown; q?: unknown; p?: unknown };
  if (value?.v !== CURSOR_VERSION || !Array.isArray(value.p) || value.p.length !== input.shards) {
    throw invalid('not a cursor this API issued');
  }
  if (value.q !== input.queryFingerprint) throw invalid('it belongs to a different sort or filter');
  return value.p.map((position: unknown): ShardPosition => {
    if (position === null || position === 'done') return position;
    const p = position as { pk?: unknown; sk?: unknown; indexSk?: unknown };
    if (
      !isKeyString(p.pk, 300) ||
      !isKeyString(p.sk, 300) ||
      !isKeyString(p.indexSk, 600) ||
      p.pk.length <= input.partitionPrefix.length ||
      !p.pk.startsWith(input.partitionPrefix)
    ) {
      throw invalid('not a cursor this API issued');
    }
    return { pk: p.pk, sk: p.sk, indexSk: p.indexSk };
  });
}
