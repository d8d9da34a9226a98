import { DomainError } from '@crm/domain';
import { filledListPage } from './filled-list-page.js';
import { cursorSortKeyPatterns, type TableKey } from './keys.js';
import type { TenantTable } from './tenant-table.js';

type Item = Record<string, unknown>;

export type SalesListIndex = 'gsi1' | 'gsi2' | 'gsi3' | 'gsi4';

/**
 * One page of leads or deals, newest first, from one index partition with optional filters; the
 * page is filled up to a read budget (`filledListPage`: a rare filter gives a shorter page, maybe
 * empty, whose cursor goes on), and the cursor is an index place (`<createdAt>#<id>`, base64url),
 * checked before it reaches a query.
 */
export async function salesListPage<T extends { id: string; createdAt: string }>(args: {
  table: TenantTable;
  index: SalesListIndex;
  partition: string;
  keyOf: (id: string) => TableKey;
  filters: { expression: string; names: Record<string, string>; values: Item } | undefined;
  limit: number;
  cursor: string | undefined;
  read: (item: Item) => T;
}): Promise<{ items: T[]; nextCursor: string | null }> {
  const { table, index, partition } = args;
  const startKey = (sortKey: string): Item => {
    const id = sortKey.slice(sortKey.lastIndexOf('#') + 1);
    return { ...args.keyOf(id), [`${index}pk`]: partition, [`${index}sk`]: sortKey };
  };
  const page = await filledListPage({
    table,
    query: {
      partitionValue: partition,
      IndexName: index,
      ScanIndexForward: false,
      ...(args.filters
        ? {
            FilterExpression: args.filters.expression,
            ...(Object.keys(args.filters.names).length
              ? { ExpressionAttributeNames: args.filters.names }
              : {}),
            ExpressionAttributeValues: args.filters.values,
          }
        : {}),
    },
    start: args.cursor === undefined ? undefined : startKey(decodeSalesCursor(args.cursor)),
    limit: args.limit,
  });
  return { items: page.items.map(args.read), nextCursor: page.cursor };
}

/** Every item of one index partition (optionally from a sort key on), oldest first. */
export async function allOfPartition<T>(args: {
  table: TenantTable;
  index: SalesListIndex;
  partition: string;
  fromSortKey?: string;
  /** With `fromSortKey`: the sort keys read are those in [from, to]. */
  toSortKey?: string;
  filter?: { expression: string; names?: Record<string, string>; values: Item };
  read: (item: Item) => T;
}): Promise<T[]> {
  const values: Item = { ...args.filter?.values };
  if (args.fromSortKey !== undefined) values[':from'] = args.fromSortKey;
  if (args.fromSortKey !== undefined && args.toSortKey !== undefined) values[':to'] = args.toSortKey;
  const keyCondition =
    args.fromSortKey === undefined
      ? undefined
      : args.toSortKey === undefined
        ? `${args.index}sk >= :from`
        : `${args.index}sk BETWEEN :from AND :to`;
  const items = await args.table.queryAll({
    partitionValue: args.partition,
    IndexName: args.index,
    ...(keyCondition ? { KeyConditionExpression: keyCondition } : {}),
    ...(args.filter ? { FilterExpression: args.filter.expression } : {}),
    ...(args.filter?.names ? { ExpressionAttributeNames: args.filter.names } : {}),
    ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
  });
  return items.map(args.read);
}

function decodeSalesCursor(cursor: string): string {
  const sortKey = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!cursorSortKeyPatterns.sales.test(sortKey)) {
    throw new DomainError('validation_failed', 'Invalid cursor: not a cursor this API issued', {
      fields: [{ path: 'cursor', message: 'not a cursor this API issued' }],
    });
  }
  return sortKey;
}

/** `#name = :name` filters for the fields given, joined with AND; undefined when none is. */
export function equalityFilters(
  fields: Record<string, unknown>,
): { expression: string; names: Record<string, string>; values: Item } | undefined {
  const given = Object.entries(fields).filter(([, value]) => value !== undefined);
  if (given.length === 0) return undefined;
  const names: Record<string, string> = {};
  const values: Item = {};
  for (const [field, value] of given) {
    names[`#${field}`] = field;
    values[`:${field}`] = value;
  }
  return {
    expression: given.map(([field]) => `#${field} = :${field}`).join(' AND '),
    names,
    values,
  };
}
