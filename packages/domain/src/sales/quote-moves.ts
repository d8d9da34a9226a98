import { DomainError } from '../domain-error.js';
import type { Opportunity } from './opportunity.schema.js';
import type { Quote, QuoteCreate, QuotePatch, QuoteStatus } from './quote.schema.js';
import { quoteTotals } from './quote-totals.js';

const DAY_MS = 86_400_000;
/** How long an offer stands when the quote names no validity date. */
export const DEFAULT_QUOTE_VALIDITY_DAYS = 30;

/**
 * The status a quote has on `today` (YYYY-MM-DD, UTC): a sent quote whose last valid day has
 * passed is `expired`, with no write needed; every other status is as stored.
 */
export function quoteStatusOn(quote: Pick<Quote, 'status' | 'validUntil'>, today: string): QuoteStatus {
  return quote.status === 'sent' && quote.validUntil < today ? 'expired' : quote.status;
}

const dayOf = (now: Date) => now.toISOString().slice(0, 10);

/** A new draft quote for an open deal, its totals computed. */
export function draftQuote(input: {
  id: string;
  opportunity: Opportunity;
  draft: QuoteCreate;
  actorId: string;
  now: Date;
}): Quote {
  const { opportunity, draft, now } = input;
  if (opportunity.status !== 'open') {
    throw new DomainError('invalid_state', `The deal is ${opportunity.status}; only open deals are quoted`);
  }
  const at = now.toISOString();
  const validUntil =
    draft.validUntil ?? dayOf(new Date(now.getTime() + DEFAULT_QUOTE_VALIDITY_DAYS * DAY_MS));
  assertValidFrom(validUntil, now);
  return {
    id: input.id,
    opportunityId: opportunity.id,
    customerId: opportunity.customerId,
    lines: draft.lines,
    discount: draft.discount ?? null,
    taxes: draft.taxes ?? [],
    currency: draft.currency ?? opportunity.currency,
    validUntil,
    note: draft.note ?? null,
    totals: quoteTotals(draft),
    status: 'draft',
    sentAt: null,
    sentBy: null,
    decidedAt: null,
    decidedBy: null,
    rejectReason: null,
    order: null,
    createdAt: at,
    createdBy: input.actorId,
    updatedAt: at,
    updatedBy: input.actorId,
    version: 1,
  };
}

function assertValidFrom(validUntil: string, now: Date) {
  if (validUntil < dayOf(now)) {
    throw new DomainError('validation_failed', 'The quote would already be expired', {
      fields: [{ path: 'validUntil', message: 'must be today or later' }],
    });
  }
}

function assertStatus(quote: Quote, now: Date, allowed: QuoteStatus, doing: string) {
  const status = quoteStatusOn(quote, dayOf(now));
  if (status !== allowed) {
    throw new DomainError('invalid_state', `The quote is ${status}; only a ${allowed} quote can be ${doing}`);
  }
}

/** Edits a draft (the only status that changes), the totals computed again. */
export function editQuote(input: {
  quote: Quote;
  patch: Omit<QuotePatch, 'version'>;
  actorId: string;
  now: Date;
}): Quote {
  const { quote, patch, now } = input;
  assertStatus(quote, now, 'draft', 'edited');
  const next: Quote = {
    ...quote,
    ...(patch.lines !== undefined ? { lines: patch.lines } : {}),
    ...(patch.discount !== undefined ? { discount: patch.discount } : {}),
    ...(patch.taxes !== undefined ? { taxes: patch.taxes } : {}),
    ...(patch.currency !== undefined ? { currency: patch.currency } : {}),
    ...(patch.validUntil !== undefined ? { validUntil: patch.validUntil } : {}),
    ...(patch.note !== undefined ? { note: patch.note } : {}),
    updatedAt: now.toISOString(),
    updatedBy: input.actorId,
  };
  if (patch.validUntil !== undefined) assertValidFrom(next.validUntil, now);
  return { ...next, totals: quoteTotals(next) };
}

/** draft → sent: the offer is out, and no longer changes. */
export function sendQuote(input: { quote: Quote; actorId: string; now: Date }): Quote {
  const { quote, now } = input;
  assertStatus(quote, now, 'draft', 'sent');
  assertValidFrom(quote.validUntil, now);
  const at = now.toISOString();
  return {
    ...quote,
    status: 'sent',
    sentAt: at,
    sentBy: input.actorId,
    updatedAt: at,
    updatedBy: input.actorId,
  };
}

/**
 * sent → accepted (with the order the acceptance records) or rejected (with an optional reason).
 * A quote past its validity is expired and decides nothing.
 */
export function decideQuote(input: {
  quote: Quote;
  outcome:
    | { status: 'accepted'; order: { id: string; occurredAt: string } }
    | { status: 'rejected'; reason?: string | undefined };
  actorId: string;
  now: Date;
}): Quote {
  const { quote, outcome, now } = input;
  assertStatus(quote, now, 'sent', outcome.status);
  const at = now.toISOString();
  return {
    ...quote,
    status: outcome.status,
    decidedAt: at,
    decidedBy: input.actorId,
    order: outcome.status === 'accepted' ? outcome.order : null,
    rejectReason: outcome.status === 'rejected' ? (outcome.reason ?? null) : null,
    updatedAt: at,
    updatedBy: input.actorId,
  };
}
