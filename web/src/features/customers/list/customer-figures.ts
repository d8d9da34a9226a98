import type { components } from '../../../lib/api/schema.js';

export type Customer = components['schemas']['Customer'];
export type SharedCustomer = components['schemas']['SharedCustomer'];
export type ListedCustomer = Customer | SharedCustomer;

/**
 * What the P(alive) column says. The BG/NBD model gives a customer without a repeat purchase
 * (x = 0) P(alive) = 1 by construction; showing 100% would read as "certainly active", so the list
 * says "no repeat purchase yet" instead. Unscored customers show nothing.
 */
export type AliveFigure = { kind: 'unscored' } | { kind: 'no-repeat' } | { kind: 'share'; value: number };

export function aliveFigure(customer: ListedCustomer): AliveFigure {
  const scores = customer.scores;
  if (!scores) return { kind: 'unscored' };
  if (scores.inputs.x === 0) return { kind: 'no-repeat' };
  return { kind: 'share', value: scores.pAlive };
}

/** The date of the customer's last interaction (order, call, visit …), when there was one. */
export function lastInteractionOf(customer: ListedCustomer): string | undefined {
  return customer.stats?.lastInteractionAt;
}
