import type { Customer } from '../customer.schema.js';
import type { BuyerKind, SegmentFilter } from './segment.schema.js';

/** none: no order yet; new: exactly one (新客户); returning: two or more (老客户). */
export function buyerKindOf(customer: Pick<Customer, 'stats'>): BuyerKind {
  const orders = customer.stats.orderCount;
  return orders === 0 ? 'none' : orders === 1 ? 'new' : 'returning';
}

const within = (value: number | null | undefined, range: { min?: number; max?: number } | undefined) =>
  range === undefined ||
  (typeof value === 'number' &&
    (range.min === undefined || value >= range.min) &&
    (range.max === undefined || value <= range.max));

/**
 * Whether a customer is a member of a segment with this filter: every condition given holds.
 * Archived customers are never members; a score range never matches a customer without scores.
 *
 * @example
 * customerMatchesSegment(customer, { status: ['dormant'], abcClass: ['A'] })
 */
export function customerMatchesSegment(customer: Customer, filter: SegmentFilter): boolean {
  if (customer.archivedAt) return false;
  if (filter.buyers && buyerKindOf(customer) !== filter.buyers) return false;
  if (filter.status && !filter.status.includes(customer.status)) return false;
  if (
    filter.lifecycleStage &&
    (!customer.lifecycleStage || !filter.lifecycleStage.includes(customer.lifecycleStage))
  )
    return false;
  const scores = customer.scores;
  if (filter.abcClass && (!scores?.abcClass || !filter.abcClass.includes(scores.abcClass))) return false;
  if (filter.segment && (!scores?.segment || !filter.segment.includes(scores.segment))) return false;
  if (!within(scores?.pAlive, filter.pAlive)) return false;
  if (!within(scores?.clv, filter.clv)) return false;
  if (filter.tags && !filter.tags.every((tag) => customer.tags.includes(tag))) return false;
  if (filter.ownerId && customer.ownerId !== filter.ownerId) return false;
  if (filter.customField && customer.customFields[filter.customField.key] !== filter.customField.value)
    return false;
  return true;
}
