import type { FigureInstant } from './customer-figures-update.js';
import { type InstantPlan, instantsAfter, isFurther, type SeenInstants } from './figure-instants-plan.js';

const MAX_REMEMBERED_CUSTOMERS = 10_000;

/**
 * What this process last saw of each busy customer's first/last instants, so an interaction's
 * write guesses right which of them it moves (figure-instants-plan.ts). Only a guess, as the token
 * buckets' memory is: the write's conditions decide, and a wrong guess costs one more write.
 * Bounded: the least recently used customer goes first.
 */
export class FigureInstantsMemory {
  private readonly seen = new Map<string, SeenInstants>();

  get(tenantId: string, customerId: string): SeenInstants | undefined {
    return this.seen.get(`${tenantId}/${customerId}`);
  }

  /** A write with `plan` held: its instants are now at least where the plan put them. */
  written(tenantId: string, customerId: string, plan: InstantPlan): void {
    const key = `${tenantId}/${customerId}`;
    // Merged into the latest entry (other writes may have finished meanwhile), never moved back.
    const current = this.seen.get(key);
    const after = instantsAfter(plan, current);
    for (const [instant, at] of Object.entries(current?.instants ?? {}) as [FigureInstant, string][]) {
      const mine = after.instants[instant];
      if (mine === undefined || isFurther(instant, at, mine)) after.instants[instant] = at;
    }
    this.set(key, after);
  }

  /** The instants as read from the item itself: they replace whatever was guessed. */
  read(tenantId: string, customerId: string, instants: Partial<Record<FigureInstant, string>>): void {
    this.set(`${tenantId}/${customerId}`, { instants, complete: true });
  }

  private set(key: string, value: SeenInstants): void {
    this.seen.delete(key);
    this.seen.set(key, value);
    if (this.seen.size > MAX_REMEMBERED_CUSTOMERS) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }
}
