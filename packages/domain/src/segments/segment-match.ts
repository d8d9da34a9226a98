import type { Customer } from '../customer.schema.js';
import type { BuyerKind, SegmentFilter } from './segment.schema.js';
import { buyerKindOfCount, factsMatchSegment, segmentFactsOf } from './segment-facts.js';

/** none: no order yet; new: exactly one (新客户); returning: two or more (老客户). */
export function buyerKindOf(customer: Pick<Customer, 'stats'>): BuyerKind {
  return buyerKindOfCount(customer.stats.orderCount);
}

/**
 * Whether a customer is a member of a segment with this filter: every condition given holds.
 * Archived customers are never members; a score range never matches a customer without scores.
 * Read through the customer's segment facts, the same the snapshot keeps (segment-facts.ts).
 *
 * @example
 * customerMatchesSegment(customer, { status: ['dormant'], abcClass: ['A'] })
 */
export function customerMatchesSegment(customer: Customer, filter: SegmentFilter): boolean {
  if (customer.archivedAt) return false;
  return factsMatchSegment(segmentFactsOf(customer), filter);
}
