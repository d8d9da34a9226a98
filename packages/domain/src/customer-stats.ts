import type { CustomerStats } from './customer.schema.js';
import { DomainError } from './domain-error.js';
import type { Interaction } from './interaction.schema.js';
import { addMinorUnits, MAX_MONEY_TOTAL } from './money.js';

type StatsInput = Pick<Interaction, 'type' | 'occurredAt' | 'amount' | 'currency'>;

/**
 * What one interaction does to its customer's figures, split by how it can be applied: `added`
 * holds the sums and counts, which commute (the store adds them without reading them first);
 * `instants` holds the first/last instants, which are a min or max (the store moves each only
 * forward, so a late or repeated move is harmless).
 */
export type FigureMoves = {
  added: {
    interactionCount: number;
    orderCount: number;
    /** Added to `orderValue`: only an order in the tenant's default currency. */
    orderValue: number;
    /** Added to `orderValueByCurrency[currency]`: every order. */
    orderValueByCurrency?: { currency: string; amount: number };
    /** Added to `paymentValue`: only a payment in the default currency. */
    paymentValue: number;
  };
  instants: { lastInteractionAt: string; firstOrderAt?: string; lastOrderAt?: string };
};

/**
 * The first/last instants one interaction may hold: its own instant as the last interaction, and
 * as the first and last order when it is an order. Needs no currency, so the stream can re-apply
 * them from the record alone.
 */
export function figureInstants(
  interaction: Pick<StatsInput, 'type' | 'occurredAt'>,
): FigureMoves['instants'] {
  const at = interaction.occurredAt;
  return interaction.type === 'order'
    ? { lastInteractionAt: at, firstOrderAt: at, lastOrderAt: at }
    : { lastInteractionAt: at };
}

/**
 * The moves of one interaction. Pure: the API's increments, the import's and a full recount all
 * come from it, so they agree.
 *
 * @example
 * figureMoves({ type: 'order', occurredAt: '2026-01-02T00:00:00Z', amount: 1200, currency: 'CNY' }, 'CNY')
 * // { added: { interactionCount: 1, orderCount: 1, orderValue: 1200, orderValueByCurrency: { currency: 'CNY', amount: 1200 }, paymentValue: 0 }, instants: { … } }
 */
export function figureMoves(interaction: StatsInput, defaultCurrency: string): FigureMoves {
  const moves: FigureMoves = {
    added: { interactionCount: 1, orderCount: 0, orderValue: 0, paymentValue: 0 },
    instants: figureInstants(interaction),
  };
  const amount = interaction.amount ?? 0;
  const currency = interaction.currency ?? defaultCurrency;
  if (interaction.type === 'order') {
    moves.added.orderCount = 1;
    moves.added.orderValueByCurrency = { currency, amount };
    if (currency === defaultCurrency) moves.added.orderValue = amount;
  }
  if (interaction.type === 'payment' && currency === defaultCurrency) moves.added.paymentValue = amount;
  return moves;
}

/**
 * What removing one interaction does to its customer's figures: its sums and counts negated (the
 * store adds them, like a create's, so a removal commutes with every concurrent create). The
 * instants are the ones it may have been holding; whether it was is for the store to find out
 * (only a removal of the instant's holder moves it, back to the next one on the timeline).
 *
 * @example
 * figureRemoval({ type: 'order', occurredAt: '2026-01-02T00:00:00Z', amount: 1200, currency: 'CNY' }, 'CNY').added.orderValue // -1200
 */
export function figureRemoval(interaction: StatsInput, defaultCurrency: string): FigureMoves {
  const { added, instants } = figureMoves(interaction, defaultCurrency);
  // `0 - x`, not `-x`: a negated zero would be stored as -0 and compare unequal in tests.
  const negate = (value: number) => 0 - value;
  return {
    added: {
      interactionCount: negate(added.interactionCount),
      orderCount: negate(added.orderCount),
      orderValue: negate(added.orderValue),
      paymentValue: negate(added.paymentValue),
      ...(added.orderValueByCurrency
        ? {
            orderValueByCurrency: {
              currency: added.orderValueByCurrency.currency,
              amount: negate(added.orderValueByCurrency.amount),
            },
          }
        : {}),
    },
    instants,
  };
}

/** The error a figures write that would pass `MAX_MONEY_TOTAL` answers (422, nothing written). */
export function figuresOverflowError(): DomainError {
  return new DomainError(
    'unprocessable',
    `The customer's totals would pass ${MAX_MONEY_TOTAL} minor units; nothing was recorded`,
    { fields: [{ path: 'amount', message: "would take the customer's totals past their maximum" }] },
  );
}

function later(a: string | undefined, b: string): string {
  return a === undefined || b > a ? b : a;
}

function earlier(a: string | undefined, b: string): string {
  return a === undefined || b < a ? b : a;
}

function sum(total: number, amount: number): number {
  const next = addMinorUnits(total, amount);
  if (next === undefined) throw figuresOverflowError();
  return next;
}

/**
 * The customer's figures after one more interaction. Pure and order-independent (sums, min, max),
 * so the API, the import and a full recomputation all agree. A sum that would pass
 * `MAX_MONEY_TOTAL` throws the overflow error (422) instead of losing precision.
 *
 * @example
 * applyInteraction(emptyCustomerStats(), { type: 'order', occurredAt: '2026-01-02T00:00:00Z', amount: 1200, currency: 'CNY' }, 'CNY')
 */
export function applyInteraction(
  stats: CustomerStats,
  interaction: StatsInput,
  defaultCurrency: string,
): CustomerStats {
  const { added, instants } = figureMoves(interaction, defaultCurrency);
  const next: CustomerStats = {
    ...stats,
    orderValueByCurrency: { ...stats.orderValueByCurrency },
    interactionCount: stats.interactionCount + added.interactionCount,
    orderCount: stats.orderCount + added.orderCount,
    orderValue: sum(stats.orderValue, added.orderValue),
    paymentValue: sum(stats.paymentValue, added.paymentValue),
    lastInteractionAt: later(stats.lastInteractionAt, instants.lastInteractionAt),
  };
  if (added.orderValueByCurrency) {
    const { currency, amount } = added.orderValueByCurrency;
    next.orderValueByCurrency[currency] = sum(next.orderValueByCurrency[currency] ?? 0, amount);
  }
  if (instants.firstOrderAt) next.firstOrderAt = earlier(stats.firstOrderAt, instants.firstOrderAt);
  if (instants.lastOrderAt) next.lastOrderAt = later(stats.lastOrderAt, instants.lastOrderAt);
  return next;
}
