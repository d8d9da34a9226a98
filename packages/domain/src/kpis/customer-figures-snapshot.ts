import type { CustomerKpiFacts } from './kpi-figures.js';

/**
 * The customer figures snapshot's packing (docs/kpis.md "Cost"): one line per customer,
 * `created,firstOrder,lastOrder,orderCount,pAlive,meanGapDays`, instants as epoch milliseconds in
 * base 36 and an empty field for a missing value. About 45 bytes a customer against ≈ 1.9 kB for
 * the customer item, so the three customer figures read a few items instead of the whole book.
 * Instants keep their milliseconds: activity measures the days since the last order to the hour.
 */
const FIELD = ',';
const LINE = '\n';

/** Well under DynamoDB's 400 KB item limit, with room for the keys and the head's fields. */
export const DEFAULT_SNAPSHOT_CHUNK_BYTES = 300_000;

const instant = (value: string | undefined): string =>
  value === undefined ? '' : Date.parse(value).toString(36);
const number = (value: number | null): string => (value === null ? '' : String(value));

function packedLine(facts: CustomerKpiFacts): string {
  return [
    instant(facts.createdAt),
    instant(facts.firstOrderAt),
    instant(facts.lastOrderAt),
    facts.orderCount.toString(36),
    number(facts.pAlive),
    number(facts.meanGapDays),
  ].join(FIELD);
}

const isoOf = (field: string): string => new Date(Number.parseInt(field, 36)).toISOString();
const numberOf = (field: string): number | null => (field === '' ? null : Number(field));

function unpackedLine(line: string): CustomerKpiFacts {
  const [created = '', first = '', last = '', count = '0', pAlive = '', gap = ''] = line.split(FIELD);
  return {
    createdAt: isoOf(created),
    firstOrderAt: first === '' ? undefined : isoOf(first),
    lastOrderAt: last === '' ? undefined : isoOf(last),
    orderCount: Number.parseInt(count, 36),
    pAlive: numberOf(pAlive),
    meanGapDays: numberOf(gap),
  };
}

/** The customers' facts packed into chunks of at most `maxChunkBytes` characters (ASCII only). */
export function packCustomerFacts(
  customers: readonly CustomerKpiFacts[],
  maxChunkBytes: number = DEFAULT_SNAPSHOT_CHUNK_BYTES,
): string[] {
  const chunks: string[] = [];
  let lines: string[] = [];
  let size = 0;
  for (const facts of customers) {
    const line = packedLine(facts);
    if (lines.length > 0 && size + LINE.length + line.length > maxChunkBytes) {
      chunks.push(lines.join(LINE));
      lines = [];
      size = 0;
    }
    size += (lines.length > 0 ? LINE.length : 0) + line.length;
    lines.push(line);
  }
  if (lines.length > 0) chunks.push(lines.join(LINE));
  return chunks;
}

/** The facts of every customer in the chunks, in the order they were packed. */
export function unpackCustomerFacts(chunks: readonly string[]): CustomerKpiFacts[] {
  return chunks.flatMap((chunk) => (chunk === '' ? [] : chunk.split(LINE).map(unpackedLine)));
}
