import type { CustomerStats } from './customer.schema.js';
import type { Interaction } from './interaction.schema.js';

type StatsInput = Pick<Interaction, 'type' | 'occurredAt' | 'amount' | 'currency'>;

function later(a: string | undefined, b: string): string {
  return a === undefined || b > a ? b : a;
}

function earlier(a: string | undefined, b: string): string {
  return a === undefined || b < a ? b : a;
}

/**
 * The customer's figures after one more interaction. Pure and order-independent (sums, min, max),
 * so the API, the import and a full recomputation all agree.
 *
 * @example
 * applyInteraction(emptyCustomerStats(), { type: 'order', occurredAt: '2026-01-02T00:00:00Z', amount: 1200, currency: 'CNY' }, 'CNY')
 */
export function applyInteraction(
  stats: CustomerStats,
  interaction: StatsInput,
  defaultCurrency: string,
): CustomerStats {
  const next: CustomerStats = {
    ...stats,
    orderValueByCurrency: { ...stats.orderValueByCurrency },
    interactionCount: stats.interactionCount + 1,
    lastInteractionAt: later(stats.lastInteractionAt, interaction.occurredAt),
  };
  if (interaction.type === 'order') {
    const amount = interaction.amount ?? 0;
    const currency = interaction.currency ?? defaultCurrency;
    next.orderCount += 1;
    next.orderValueByCurrency[currency] = (next.orderValueByCurrency[currency] ?? 0) + amount;
    if (currency === defaultCurrency) next.orderValue += amount;
    next.firstOrderAt = earlier(stats.firstOrderAt, interaction.occurredAt);
    next.lastOrderAt = later(stats.lastOrderAt, interaction.occurredAt);
  }
  if (interaction.type === 'payment' && (interaction.currency ?? defaultCurrency) === defaultCurrency) {
    next.paymentValue += interaction.amount ?? 0;
  }
  return next;
}
