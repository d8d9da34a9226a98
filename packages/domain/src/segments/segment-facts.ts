import type { Customer } from '../customer.schema.js';
import type { BuyerKind, SegmentFilter } from './segment.schema.js';

/** A custom field value a segment condition can equal (strings of 1–200 characters, numbers, booleans). */
export type SegmentFieldValue = string | number | boolean;

/**
 * Everything a segment condition reads of a live customer, and nothing else: what the customer
 * figures snapshot keeps per customer so a segment is counted without reading the customer items
 * (docs/campaigns.md "Counting from the snapshot"). `customerMatchesSegment` reads a customer
 * through these facts too, so a count from the snapshot and a live count cannot disagree.
 */
export type CustomerSegmentFacts = {
  orderCount: number;
  status: string;
  lifecycleStage: string | null;
  abcClass: string | null;
  /** The RFM segment name (scores.segment). */
  rfmSegment: string | null;
  pAlive: number | null;
  clv: number | null;
  tags: readonly string[];
  ownerId: string | null;
  customFields: Readonly<Record<string, SegmentFieldValue>>;
};

/** The longest string a segment's custom field condition may hold (SegmentFilterSchema). */
export const SEGMENT_FIELD_STRING_MAX = 200;

/** Whether a custom field value could ever equal a condition's value: others are left out of the facts. */
function isComparable(value: unknown): value is SegmentFieldValue {
  if (typeof value === 'string') return value.length >= 1 && value.length <= SEGMENT_FIELD_STRING_MAX;
  return typeof value === 'number' || typeof value === 'boolean';
}

/** The facts of one customer (live or archived alike; archiving is checked by the caller). */
export function segmentFactsOf(
  customer: Pick<Customer, 'stats' | 'status' | 'lifecycleStage' | 'tags' | 'ownerId' | 'customFields'> & {
    scores?: Pick<NonNullable<Customer['scores']>, 'abcClass' | 'segment' | 'pAlive' | 'clv'> | undefined;
  },
): CustomerSegmentFacts {
  const scores = customer.scores;
  const customFields: Record<string, SegmentFieldValue> = {};
  for (const [key, value] of Object.entries(customer.customFields ?? {})) {
    if (isComparable(value)) customFields[key] = value;
  }
  return {
    orderCount: customer.stats?.orderCount ?? 0,
    status: customer.status,
    lifecycleStage: customer.lifecycleStage ?? null,
    abcClass: scores?.abcClass ?? null,
    rfmSegment: scores?.segment ?? null,
    pAlive: typeof scores?.pAlive === 'number' ? scores.pAlive : null,
    clv: typeof scores?.clv === 'number' ? scores.clv : null,
    tags: customer.tags ?? [],
    ownerId: customer.ownerId ?? null,
    customFields,
  };
}

/** none: no order yet; new: exactly one (新客户); returning: two or more (老客户). */
export function buyerKindOfCount(orderCount: number): BuyerKind {
  return orderCount === 0 ? 'none' : orderCount === 1 ? 'new' : 'returning';
}

const within = (value: number | null, range: { min?: number; max?: number } | undefined) =>
  range === undefined ||
  (value !== null &&
    (range.min === undefined || value >= range.min) &&
    (range.max === undefined || value <= range.max));

const anyOf = (value: string | null, allowed: readonly string[] | undefined) =>
  allowed === undefined || (value !== null && allowed.includes(value));

/**
 * Whether a live customer with these facts is a member of a segment with this filter: every
 * condition given holds; a score range or a value class never matches a customer without scores.
 */
export function factsMatchSegment(facts: CustomerSegmentFacts, filter: SegmentFilter): boolean {
  if (filter.buyers && buyerKindOfCount(facts.orderCount) !== filter.buyers) return false;
  if (!anyOf(facts.status, filter.status)) return false;
  if (!anyOf(facts.lifecycleStage, filter.lifecycleStage)) return false;
  if (!anyOf(facts.abcClass, filter.abcClass)) return false;
  if (!anyOf(facts.rfmSegment, filter.segment)) return false;
  if (!within(facts.pAlive, filter.pAlive)) return false;
  if (!within(facts.clv, filter.clv)) return false;
  if (filter.tags && !filter.tags.every((tag) => facts.tags.includes(tag))) return false;
  if (filter.ownerId && facts.ownerId !== filter.ownerId) return false;
  if (filter.customField && facts.customFields[filter.customField.key] !== filter.customField.value)
    return false;
  return true;
}
