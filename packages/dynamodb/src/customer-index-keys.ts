import { fnv1a } from './fnv1a.js';
import { tenantKeyPrefix } from './keys.js';

/**
 * The customer index encoding: where a customer sits in the sharded list partitions and in the
 * e-mail and phone lookups (gsi1–gsi8), and the sort values that order it there. The key catalog
 * (keys.ts) holds every table key; customer-index-keys.test.ts pins these strings.
 */

const t = tenantKeyPrefix;

/**
 * The customer list is spread over shards so that one busy tenant's writes (an import of a million
 * customers) never pile onto one index partition; a page is a merge of the shards' pages. How many
 * is the tenant's own (customer-list-layout.ts): one while it is small, so a page is one Query,
 * more as it grows. The counts a tenant goes through, each dividing the next: a customer's shard
 * under a count is then its shard under the next one modulo the smaller count, so a partition
 * name of a smaller layout is one of the larger layout's (`…#LIVE#0` is shard 0 of every count).
 */
export const CUSTOMER_LIST_SHARD_COUNTS = [1, 4, 16] as const;
export type CustomerListShardCount = (typeof CUSTOMER_LIST_SHARD_COUNTS)[number];

/**
 * The count of a tenant whose layout was never recorded: every customer written before counts
 * were per tenant was written with 4.
 */
export const LEGACY_CUSTOMER_LIST_SHARDS = 4 satisfies CustomerListShardCount;

/** Whether `value` is one of the counts a layout may have. */
export function isCustomerListShardCount(value: unknown): value is CustomerListShardCount {
  return CUSTOMER_LIST_SHARD_COUNTS.includes(value as CustomerListShardCount);
}

/** FNV-1a of the id: stable, even, and cheap. */
export function customerShard(customerId: string, shards: number): number {
  return fnv1a(customerId) % shards;
}

export const customerSorts = ['name', 'createdAt', 'lastInteractionAt', 'value', 'pAlive', 'clv'] as const;
export type CustomerSort = (typeof customerSorts)[number];

/** Which GSI prefix-searches customers by e-mail and by phone. */
export const customerLookupIndex = { EMAIL: 'gsi5', PHONE: 'gsi6' } as const;

/** Which GSI orders the customer list by which field. */
export const customerSortIndex = {
  name: 'gsi1',
  createdAt: 'gsi2',
  lastInteractionAt: 'gsi3',
  value: 'gsi4',
  pAlive: 'gsi7',
  clv: 'gsi8',
} as const satisfies Record<CustomerSort, string>;

export function customerListPartition(tenantId: string, archived: boolean, shard: number): string {
  return `${t(tenantId)}CUSTOMERS#${archived ? 'ARCHIVED' : 'LIVE'}#${shard}`;
}

/**
 * Every list partition a customer of the tenant can sit in, whatever its layout, live then
 * archived: the legacy count's shards first (positions stored by walks before counts were per
 * tenant index this order), then the rest of the largest count's. What the walks over every
 * customer (export, deletion, one-time catch-ups) read, so none depends on the layout.
 */
export function everyCustomerListPartition(tenantId: string): string[] {
  const largest = CUSTOMER_LIST_SHARD_COUNTS[CUSTOMER_LIST_SHARD_COUNTS.length - 1] as number;
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => from + index);
  return [range(0, LEGACY_CUSTOMER_LIST_SHARDS), range(LEGACY_CUSTOMER_LIST_SHARDS, largest)].flatMap(
    (shards) =>
      [false, true].flatMap((archived) =>
        shards.map((shard) => customerListPartition(tenantId, archived, shard)),
      ),
  );
}

/** Lower-cased, width-normalised: the name as sorted and prefix-searched. */
export function nameSortKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().trim();
}

const VALUE_DIGITS = 16;

function paddedAmount(amount: number): string {
  return String(Math.max(0, Math.min(Math.round(amount), 10 ** VALUE_DIGITS - 1))).padStart(
    VALUE_DIGITS,
    '0',
  );
}

/** The model scores the customer list can sort by (written by refits and the scores reaction). */
export type SortableScores = { pAlive: number; clv: number | null };

/**
 * Sort keys of the P(alive) (gsi7) and CLV (gsi8) orders, which hold scored customers only: one
 * without scores (no orders, or before the tenant's first fit) has nothing to sort by there, and
 * leaving it out spares two index writes per customer on every import. A scored customer without a
 * CLV (no spend model) gets an empty value, which sorts before every number.
 */
export function customerScoreSortKeys(
  customerId: string,
  scores: SortableScores,
): { gsi7sk: string; gsi8sk: string } {
  const pAlive = Math.max(0, Math.min(1, scores.pAlive)).toFixed(6);
  const clv = scores.clv !== null ? paddedAmount(scores.clv) : '';
  return { gsi7sk: `${pAlive}#${customerId}`, gsi8sk: `${clv}#${customerId}` };
}

/** The figures the customer list can sort by (the last-interaction and value orders). */
export type SortableStats = { lastInteractionAt?: string | undefined; orderValue: number };

/**
 * Sort keys of the last-interaction (gsi3) and value (gsi4) orders: they move with the customer's
 * figures, so every figures write sets them too.
 */
export function customerStatsSortKeys(
  customerId: string,
  stats: SortableStats,
): { gsi3sk: string; gsi4sk: string } {
  return {
    gsi3sk: `${stats.lastInteractionAt ?? '0'}#${customerId}`,
    gsi4sk: `${paddedAmount(stats.orderValue)}#${customerId}`,
  };
}

/**
 * The index attributes of a customer, written with the tenant's shard count `shards`: its place in the four sorted lists (gsi1–4), in the two score
 * orders (gsi7–8) once it has scores, and, when it has
 * them, in the e-mail (gsi5) and phone (gsi6) prefix-search indexes. Rewritten whenever one of
 * those fields changes; an absent e-mail or phone simply leaves the customer out of that index.
 */
export function customerIndexAttributes(
  tenantId: string,
  customer: {
    id: string;
    name: string;
    createdAt: string;
    archivedAt?: string | undefined;
    email?: string | undefined;
    phone?: string | undefined;
    stats: SortableStats;
    scores?: SortableScores | undefined;
  },
  shards: number,
): Record<string, string> {
  const shard = customerShard(customer.id, shards);
  const pk = customerListPartition(tenantId, Boolean(customer.archivedAt), shard);
  const attributes: Record<string, string> = {
    gsi1pk: pk,
    gsi1sk: `${nameSortKey(customer.name)}#${customer.id}`,
    gsi2pk: pk,
    gsi2sk: `${customer.createdAt}#${customer.id}`,
    gsi3pk: pk,
    gsi4pk: pk,
    ...customerStatsSortKeys(customer.id, customer.stats),
  };
  if (customer.scores) {
    Object.assign(
      attributes,
      { gsi7pk: pk, gsi8pk: pk },
      customerScoreSortKeys(customer.id, customer.scores),
    );
  }
  if (customer.email) {
    attributes.gsi5pk = customerLookupPartition(tenantId, 'EMAIL', shard);
    attributes.gsi5sk = `${customer.email.toLowerCase()}#${customer.id}`;
  }
  if (customer.phone) {
    attributes.gsi6pk = customerLookupPartition(tenantId, 'PHONE', shard);
    attributes.gsi6sk = `${phoneSearchKey(customer.phone)}#${customer.id}`;
  }
  return attributes;
}

export function customerLookupPartition(tenantId: string, field: 'EMAIL' | 'PHONE', shard: number): string {
  return `${t(tenantId)}CUSTOMER${field}#${shard}`;
}

/** Phone numbers are searched by their digits only. */
export function phoneSearchKey(phone: string): string {
  return phone.replace(/\D/g, '');
}
