import {
  DomainError,
  decideQuote,
  draftQuote,
  editQuote,
  newId,
  type Quote,
  type QuoteCreate,
  type QuoteFigures,
  type QuotePatch,
  type QuoteTotals,
  type QuoteView,
  quoteStatusOn,
  quoteTotals,
  sendQuote,
} from '@crm/domain';
import {
  AlongsideRefusedError,
  InteractionRepository,
  OpportunityRepository,
  QuoteRepository,
  type TenantClientFactory,
} from '@crm/dynamodb';
import type { InteractionService } from '../interactions/interaction.service.js';

type Actor = { tenantId: string; actorId: string };
type Tenant = { tenantId: string };

/**
 * Quotes (报价) of open deals: drafted and edited (versioned, drafts only), sent, then accepted
 * or rejected; a sent quote past its validity reads as expired. Accepting records the order on
 * the customer's timeline through the interaction path, in the same transaction that marks the
 * quote accepted: the order then meets credit control like any other, and happens once.
 */
export class QuoteService {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;
  private readonly interactions: InteractionService;

  constructor(deps: {
    tenantClient: TenantClientFactory;
    clock: () => Date;
    interactions: InteractionService;
  }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
    this.interactions = deps.interactions;
  }

  private repository(tenantId: string) {
    return new QuoteRepository(this.tenantClient(tenantId), tenantId);
  }

  /** The quote as of today, with the credit state of the order its acceptance recorded. */
  private async view(tenantId: string, quote: Quote): Promise<QuoteView> {
    const today = this.clock().toISOString().slice(0, 10);
    const order = quote.order
      ? await new InteractionRepository(this.tenantClient(tenantId), tenantId).at({
          customerId: quote.customerId,
          occurredAt: quote.order.occurredAt,
          interactionId: quote.order.id,
        })
      : undefined;
    const creditHold = order?.creditHold ?? null;
    return {
      ...quote,
      status: quoteStatusOn(quote, today),
      creditHold,
      onCreditHold: creditHold !== null && creditHold.rejected === undefined,
    };
  }

  /** The totals of figures not yet saved (the editor's live totals): the same function a save runs. */
  totals(figures: QuoteFigures): QuoteTotals {
    return quoteTotals(figures);
  }

  async create(actor: Actor, opportunityId: string, draft: QuoteCreate): Promise<QuoteView> {
    const { tenantId } = actor;
    const opportunity = await new OpportunityRepository(this.tenantClient(tenantId), tenantId).get(
      opportunityId,
    );
    if (!opportunity) throw new DomainError('not_found', 'Opportunity not found');
    const quote = draftQuote({ id: newId(), opportunity, draft, actorId: actor.actorId, now: this.clock() });
    await this.repository(tenantId).create(quote);
    return this.view(tenantId, quote);
  }

  async get({ tenantId }: Tenant, quoteId: string): Promise<QuoteView> {
    return this.view(tenantId, await this.stored(tenantId, quoteId, undefined));
  }

  async ofOpportunity({ tenantId }: Tenant, opportunityId: string): Promise<QuoteView[]> {
    const opportunity = await new OpportunityRepository(this.tenantClient(tenantId), tenantId).get(
      opportunityId,
    );
    if (!opportunity) throw new DomainError('not_found', 'Opportunity not found');
    const quotes = await this.repository(tenantId).ofOpportunity(opportunityId);
    return Promise.all(quotes.map((quote) => this.view(tenantId, quote)));
  }

  private async stored(tenantId: string, quoteId: string, expectedVersion: number | undefined) {
    const quote = await this.repository(tenantId).get(quoteId);
    if (!quote) throw new DomainError('not_found', 'Quote not found');
    if (expectedVersion !== undefined && quote.version !== expectedVersion) {
      throw new DomainError(
        'version_conflict',
        `The quote is at version ${quote.version}, not ${expectedVersion}; reload it`,
        { details: { current: quote } },
      );
    }
    return quote;
  }

  /** Edits a draft at `expectedVersion`; the totals are computed again. */
  async update(
    actor: Actor,
    quoteId: string,
    input: { patch: Omit<QuotePatch, 'version'>; expectedVersion: number },
  ): Promise<QuoteView> {
    const { tenantId } = actor;
    const quote = await this.stored(tenantId, quoteId, input.expectedVersion);
    const next = editQuote({ quote, patch: input.patch, actorId: actor.actorId, now: this.clock() });
    const saved = await this.repository(tenantId).save(
      { ...next, version: quote.version + 1 },
      quote.version,
      'draft',
    );
    return this.view(tenantId, saved);
  }

  async send(actor: Actor, quoteId: string, input: { expectedVersion?: number } = {}): Promise<QuoteView> {
    const { tenantId } = actor;
    const quote = await this.stored(tenantId, quoteId, input.expectedVersion);
    const next = sendQuote({ quote, actorId: actor.actorId, now: this.clock() });
    const saved = await this.repository(tenantId).save(
      { ...next, version: quote.version + 1 },
      quote.version,
      'draft',
    );
    return this.view(tenantId, saved);
  }

  async reject(
    actor: Actor,
    quoteId: string,
    input: { reason?: string | undefined; expectedVersion?: number } = {},
  ): Promise<QuoteView> {
    const { tenantId } = actor;
    const quote = await this.stored(tenantId, quoteId, input.expectedVersion);
    const next = decideQuote({
      quote,
      outcome: { status: 'rejected', reason: input.reason },
      actorId: actor.actorId,
      now: this.clock(),
    });
    const saved = await this.repository(tenantId).save(
      { ...next, version: quote.version + 1 },
      quote.version,
      'sent',
    );
    return this.view(tenantId, saved);
  }

  /**
   * Accepts a sent, still valid quote: the order for its total is recorded on the customer's
   * timeline (figures moved, credit reaction to follow) in one transaction with the quote turning
   * accepted, conditional on the quote still being sent at the version read. A second acceptance,
   * or one racing the first, fails that condition: 409, and nothing of it is written.
   */
  async accept(actor: Actor, quoteId: string, input: { expectedVersion?: number } = {}): Promise<QuoteView> {
    const { tenantId } = actor;
    const repository = this.repository(tenantId);
    const quote = await this.stored(tenantId, quoteId, input.expectedVersion);
    const now = this.clock();
    const order = { id: newId(), occurredAt: now.toISOString() };
    const accepted: Quote = {
      ...decideQuote({ quote, outcome: { status: 'accepted', order }, actorId: actor.actorId, now }),
      version: quote.version + 1,
    };
    try {
      await this.interactions.create(actor, {
        customerId: quote.customerId,
        id: order.id,
        source: `quote:${quote.id}`,
        input: {
          type: 'order',
          occurredAt: order.occurredAt,
          amount: quote.totals.total,
          currency: quote.currency,
          reference: quote.id,
          subject: `Quote ${quote.id}`,
        },
        alongside: repository.conditionalPut(accepted, quote.version, 'sent'),
      });
    } catch (error) {
      if (error instanceof AlongsideRefusedError) throw await repository.refusal(quote.id, quote.version);
      throw error;
    }
    return this.view(tenantId, accepted);
  }
}
