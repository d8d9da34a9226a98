import { describe, expect, it } from 'vitest';
import type { Opportunity } from './opportunity.schema.js';
import { decideQuote, draftQuote, editQuote, quoteStatusOn, sendQuote } from './quote-moves.js';

const now = new Date('2026-03-10T08:00:00.000Z');
const deal = { id: 'o1', customerId: 'c1', currency: 'CNY', status: 'open' } as Opportunity;
const draft = () =>
  draftQuote({
    id: 'q1',
    opportunity: deal,
    draft: { lines: [{ description: 'Crane hire', quantity: 2, unitPrice: 10_000 }] },
    actorId: 'u1',
    now,
  });

describe('quote moves', () => {
  it('drafts in the deal’s currency, valid for 30 days, with its totals', () => {
    const quote = draft();
    expect(quote).toMatchObject({
      customerId: 'c1',
      currency: 'CNY',
      validUntil: '2026-04-09',
      status: 'draft',
      version: 1,
    });
    expect(quote.totals.total).toBe(20_000);
  });

  it('refuses to quote a closed deal', () => {
    expect(() =>
      draftQuote({
        id: 'q',
        opportunity: { ...deal, status: 'won' },
        draft: { lines: draft().lines },
        actorId: 'u',
        now,
      }),
    ).toThrow(/only open deals/);
  });

  it('recomputes the totals on an edit, and edits only drafts', () => {
    const edited = editQuote({
      quote: draft(),
      patch: { discount: { kind: 'amount', value: 500 } },
      actorId: 'u2',
      now,
    });
    expect(edited.totals.total).toBe(19_500);
    const sent = sendQuote({ quote: edited, actorId: 'u2', now });
    expect(() => editQuote({ quote: sent, patch: { note: 'x' }, actorId: 'u2', now })).toThrow(
      /quote is sent; only a draft/,
    );
  });

  it('reads a sent quote past its last valid day as expired, which cannot be accepted', () => {
    const sent = sendQuote({ quote: draft(), actorId: 'u', now });
    expect(quoteStatusOn(sent, '2026-04-09')).toBe('sent');
    expect(quoteStatusOn(sent, '2026-04-10')).toBe('expired');
    const later = new Date('2026-04-10T00:00:00.000Z');
    expect(() =>
      decideQuote({
        quote: sent,
        outcome: { status: 'accepted', order: { id: 'i1', occurredAt: later.toISOString() } },
        actorId: 'u',
        now: later,
      }),
    ).toThrow(/quote is expired/);
  });

  it('accepts a sent quote once, with its order, and then decides nothing more', () => {
    const sent = sendQuote({ quote: draft(), actorId: 'u', now });
    const order = { id: 'i1', occurredAt: now.toISOString() };
    const accepted = decideQuote({ quote: sent, outcome: { status: 'accepted', order }, actorId: 'u3', now });
    expect(accepted).toMatchObject({ status: 'accepted', order, decidedBy: 'u3' });
    expect(() =>
      decideQuote({ quote: accepted, outcome: { status: 'rejected' }, actorId: 'u', now }),
    ).toThrow(/quote is accepted/);
  });
});
