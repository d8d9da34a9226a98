import { DomainError } from '@crm/domain';
import { readBudgetOf } from './read-budget.js';
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
  /**
   * The attributes the caller needs (the keys and the index sort key are added): items carry
   * every index's keys, which a page need not move.
   */
  projection?: readonly string[];
  /**
   * The item's table key from what is projected (a customer's from its id), when it can be told
   * so: the key is then not read, which spares a page of customers a fifth of what it reads.
   */
  primaryKeyOf?: (item: Item) => { pk: string; sk: string };
};

export type KeyPosition = { pk: string; sk: string; indexSk: string };

export type ShardedQueryResult = {
  items: Item[];
  positions: ShardPosition[];
  /**
   * A place in the index's order up to which every shard has been read and every match returned,
   * with nothing past it returned: the page's last item when the page is full, else the nearest
   * frontier of the shards not read to their end. Any set of partitions holding the same items
   * (another shard count) goes on from it; null when nothing is left.
   */
  boundary: KeyPosition | null;
  exhausted: boolean;
};

/**
 * How far past its even share (limit / shards) each shard reads up front: with customers spread
 * evenly by id hash, the nearest frontier of four shards that read 1.3× their share rarely falls
 * before the page's last item, and when it does, only that shard is topped up.
 */
const READ_AHEAD = 1.3;

type ShardRead = {
  items: Item[];
  /** Where the shard's next Query starts; undefined once the shard is exhausted. */
  lastEvaluatedKey: Item | undefined;
  done: boolean;
  /** Items DynamoDB evaluated for this shard in this call (before any filter). */
  read: number;
  /** The next Query resumes from a client's cursor (a refused start key is a 400). */
  fromCursor: boolean;
};

/**
 * One page of an index that is spread over shards: each shard reads about its share of the page
 * from where it stopped, the results are merged by the index sort key, and a shard whose frontier
 * cuts the page short is topped up until the page is full. Each shard's position moves to the last
 * item of it the page actually used. Filters may leave a shard short; it then stops after its read
 * budget, and the page is shorter but still correct (the cursor continues from there).
 */
export async function shardedQuery(input: ShardedQueryInput): Promise<ShardedQueryResult> {
  const indexSk = `${input.indexName}sk`;
  const indexPk = `${input.indexName}pk`;
  const budget = input.readBudgetPerShard ?? readBudgetOf(input.limit);
  const shardCount = input.partitions.length;
  const sortKeyOf = (item: Item) => String(item[indexSk]);
  const before = (a: string, b: string) => (input.descending ? a > b : a < b);

  const keyAttributes = input.primaryKeyOf ? [indexSk] : ['pk', 'sk', indexSk];
  const projection = input.projection ? [...new Set([...input.projection, ...keyAttributes])] : undefined;
  const positionOf = (item: Item): KeyPosition => {
    const key = input.primaryKeyOf && item.pk === undefined ? input.primaryKeyOf(item) : item;
    return { pk: String(key.pk), sk: String(key.sk), indexSk: String(item[indexSk]) };
  };
  const projectionNames = Object.fromEntries(
    (projection ?? []).map((attribute, index) => [`#p${index}`, attribute]),
  );

  const shards: ShardRead[] = input.partitions.map((partition, shard) => {
    const start = input.positions[shard] ?? null;
    if (start === 'done')
      return { items: [], lastEvaluatedKey: undefined, done: true, read: 0, fromCursor: false };
    return {
      items: [],
      lastEvaluatedKey: start
        ? { pk: start.pk, sk: start.sk, [indexPk]: partition, [indexSk]: start.indexSk }
        : undefined,
      done: false,
      read: 0,
      fromCursor: start !== null,
    };
  });

  /** Reads on in one shard until it has `wanted` more items, ends, or spends its read budget. */
  const readMore = async (shard: number, wanted: number) => {
    const state = shards[shard] as ShardRead;
    const target = state.items.length + wanted;
    do {
      const missing = target - state.items.length;
      // Without a filter every item read is an item matched: read exactly what is missing. With
      // one, read in larger steps, since an unknown share of what is read will match.
      const queryLimit = input.filter ? Math.min(1000, Math.max(missing, 25) + 5) : missing;
      const page = await queryFromCursor(state.fromCursor, () =>
        input.table.query({
          IndexName: input.indexName,
          partitionValue: input.partitions[shard] as string,
          ScanIndexForward: !input.descending,
          Limit: queryLimit,
          ExclusiveStartKey: state.lastEvaluatedKey,
          ...(input.sortKeyCondition ? { KeyConditionExpression: input.sortKeyCondition.expression } : {}),
          ...(input.filter ? { FilterExpression: input.filter.expression } : {}),
          ...(projection ? { ProjectionExpression: Object.keys(projectionNames).join(', ') } : {}),
          ExpressionAttributeNames: {
            ...(input.sortKeyCondition ? { '#isk': indexSk } : {}),
            ...input.filter?.names,
            ...projectionNames,
          },
          ExpressionAttributeValues: { ...input.sortKeyCondition?.values, ...input.filter?.values },
        }),
      );
      state.fromCursor = false;
      state.items.push(...page.items);
      state.read += page.scannedCount;
      state.lastEvaluatedKey = page.lastEvaluatedKey;
      state.done = !page.lastEvaluatedKey;
    } while (!state.done && state.items.length < target && state.read < budget);
  };

  /** The merge so far, cut at the nearest frontier of a shard that has not been read to its end. */
  const merge = () => {
    const tagged = shards.flatMap((state, shard) => state.items.map((item) => ({ item, shard })));
    tagged.sort((a, b) => {
      const left = sortKeyOf(a.item);
      const right = sortKeyOf(b.item);
      const order = left < right ? -1 : left > right ? 1 : 0;
      return input.descending ? -order : order;
    });
    // An unfinished shard has read only up to its frontier: anything beyond the nearest frontier
    // could still be preceded by an unread item, so the page stops there.
    let frontier: string | undefined;
    for (const state of shards) {
      if (state.done || !state.lastEvaluatedKey) continue;
      const reached = sortKeyOf(state.lastEvaluatedKey);
      if (frontier === undefined || before(reached, frontier)) frontier = reached;
    }
    const safe = tagged.filter((entry) => frontier === undefined || !before(frontier, sortKeyOf(entry.item)));
    return { tagged, safe };
  };

  const share = Math.min(input.limit, Math.ceil((input.limit / shardCount) * READ_AHEAD) + 1);
  await Promise.all(shards.map((state, shard) => (state.done ? undefined : readMore(shard, share))));
  let { tagged, safe } = merge();
  while (safe.length < input.limit) {
    // The shards whose frontier lies before what would be the page's last item cut it short.
    const last = tagged[input.limit - 1];
    const short = shards
      .map((state, shard) => ({ state, shard }))
      .filter(
        ({ state }) =>
          !state.done &&
          state.lastEvaluatedKey &&
          state.read < budget &&
          (!last || before(sortKeyOf(state.lastEvaluatedKey), sortKeyOf(last.item))),
      );
    if (short.length === 0) break;
    const missing = input.limit - safe.length;
    await Promise.all(short.map(({ shard }) => readMore(shard, missing)));
    ({ tagged, safe } = merge());
  }
  const page = safe.slice(0, input.limit);

  const positions: ShardPosition[] = shards.map((state, shard) => {
    const previous = input.positions[shard] ?? null;
    const used = page.filter((entry) => entry.shard === shard);
    if (used.length === state.items.length) {
      if (state.done) return 'done';
      return positionOf(state.lastEvaluatedKey as Item);
    }
    const lastUsed = used[used.length - 1]?.item;
    if (!lastUsed) return previous;
    return positionOf(lastUsed);
  });
  const exhausted = positions.every((p) => p === 'done');
  let boundary: KeyPosition | null = null;
  const lastOfPage = page[page.length - 1];
  if (exhausted) boundary = null;
  else if (page.length === input.limit && lastOfPage) boundary = positionOf(lastOfPage.item);
  else {
    // A short page holds every match up to the nearest frontier: the next read goes on from there.
    for (const state of shards) {
      if (state.done || !state.lastEvaluatedKey) continue;
      if (boundary === null || before(sortKeyOf(state.lastEvaluatedKey), boundary.indexSk))
        boundary = positionOf(state.lastEvaluatedKey);
    }
  }
  return { items: page.map((entry) => entry.item), positions, boundary, exhausted };
}

/** Every shard goes on from `boundary`: how a cursor made over other partitions is read. */
export function positionsFromBoundary(boundary: KeyPosition | null, shards: number): ShardPosition[] {
  return new Array<ShardPosition>(shards).fill(boundary);
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

/** Where a cursor goes on: the per-shard positions, the shard count they are of, and the boundary. */
export type DecodedCursor = {
  positions: ShardPosition[];
  shards: number;
  /** Absent from cursors made before shard counts were per tenant (they were all of 4 shards). */
  boundary: KeyPosition | null | undefined;
  /**
   * Made while customers were moving between partitions: its positions may lie behind where a
   * customer went since (a shard read to its end then may hold moved customers now).
   */
  moving: boolean;
};

/**
 * Opaque to clients; bound to the query it came from, so it cannot be replayed against another.
 * It names the shard count its positions are of and the page's boundary, so a page asked for
 * after the tenant's list grew more shards goes on from the boundary instead.
 */
export function encodeCursor(
  positions: readonly ShardPosition[],
  queryFingerprint: string,
  boundary: KeyPosition | null = null,
  options: { moving?: boolean } = {},
): string {
  return Buffer.from(
    JSON.stringify({
      v: CURSOR_VERSION,
      q: queryFingerprint,
      p: positions,
      n: positions.length,
      b: boundary,
      ...(options.moving ? { m: 1 } : {}),
    }),
  ).toString('base64url');
}

export function decodeCursor(
  cursor: string,
  input: {
    queryFingerprint: string;
    partitionPrefix: string;
    shardCounts: readonly number[];
    legacyShards: number;
  },
): DecodedCursor {
  const invalid = invalidCursor;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('not a cursor this API issued');
  }
  const value = parsed as { v?: unknown; q?: unknown; p?: unknown; n?: unknown; b?: unknown; m?: unknown };
  const shards = value?.n === undefined ? input.legacyShards : value.n;
  if (
    value?.v !== CURSOR_VERSION ||
    !Array.isArray(value.p) ||
    typeof shards !== 'number' ||
    !input.shardCounts.includes(shards) ||
    value.p.length !== shards
  ) {
    throw invalid('not a cursor this API issued');
  }
  if (value.q !== input.queryFingerprint) throw invalid('it belongs to a different sort or filter');
  const keyPosition = (position: unknown): KeyPosition => {
    const p = position as { pk?: unknown; sk?: unknown; indexSk?: unknown };
    if (
      !isKeyString(p?.pk, 300) ||
      !isKeyString(p.sk, 300) ||
      !isKeyString(p.indexSk, 600) ||
      p.pk.length <= input.partitionPrefix.length ||
      !p.pk.startsWith(input.partitionPrefix)
    ) {
      throw invalid('not a cursor this API issued');
    }
    return { pk: p.pk, sk: p.sk, indexSk: p.indexSk };
  };
  const positions = value.p.map((position: unknown): ShardPosition => {
    if (position === null || position === 'done') return position;
    return keyPosition(position);
  });
  const boundary = value.b === undefined ? undefined : value.b === null ? null : keyPosition(value.b);
  return { positions, shards, boundary, moving: value.m === 1 };
}

/**
 * Where each of the `shards` partitions of a sharded index starts for a page asked with `cursor`
 * (from the start without one). A cursor of the same count, made and used while no customers
 * were moving, goes on from its own positions. Otherwise (the count changed since, or customers
 * moved between partitions, which a position in one partition cannot follow) every partition
 * goes on from the cursor's boundary: nothing before it is returned again, nothing after it is
 * skipped, whichever partition an item sits in now.
 */
export function cursorStart(
  cursor: DecodedCursor | undefined,
  layout: { shards: number; moving: boolean },
): ShardPosition[] {
  if (!cursor) return new Array<ShardPosition>(layout.shards).fill(null);
  if (cursor.shards === layout.shards && !layout.moving && !cursor.moving) return cursor.positions;
  if (!cursor.boundary) {
    throw invalidCursor(
      'the customer list was re-indexed since this cursor was made: start over from the first page',
    );
  }
  return positionsFromBoundary(cursor.boundary, layout.shards);
}
