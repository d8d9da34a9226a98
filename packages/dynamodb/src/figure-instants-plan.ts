import type { FigureMoves } from '@crm/domain';
import { type FigureInstant, figureInstantDirections } from './customer-figures-update.js';

/**
 * For one instant an interaction carries: `moves` SETs it (on condition that this moves it forward),
 * otherwise the write only checks that the stored one is already at or past it. Either way, once
 * the write holds, the instant is right for this interaction; which one holds is a guess, and a
 * wrong guess fails the write's condition and writes nothing.
 */
export type InstantStep = { at: string; moves: boolean };
export type InstantPlan = Partial<Record<FigureInstant, InstantStep>>;

/**
 * What is known of a customer's stored instants: `complete` when read from the item itself (an
 * instant missing there is missing), otherwise bounds this process saw its own writes leave.
 */
export type SeenInstants = { instants: Partial<Record<FigureInstant, string>>; complete: boolean };

/** Whether `stored` is at or past `at` in the way `instant` moves (later, or earlier for the first order). */
export function isFurther(instant: FigureInstant, stored: string, at: string): boolean {
  return figureInstantDirections[instant] === 'later' ? stored >= at : stored <= at;
}

/**
 * The plan for an interaction's instants given what is known of the stored ones. With nothing
 * known, an interaction is taken to be the latest (an order pushed as it happens) but not the
 * first order (a customer's first order is rarer than its next ones); a wrong guess costs one
 * more write, never a wrong figure.
 *
 * @example
 * planFigureInstants({ lastInteractionAt: '2026-01-02' }, { instants: { lastInteractionAt: '2026-01-05' }, complete: false })
 * // { lastInteractionAt: { at: '2026-01-02', moves: false } }
 */
export function planFigureInstants(
  ours: FigureMoves['instants'],
  seen: SeenInstants | undefined,
): InstantPlan {
  const plan: InstantPlan = {};
  for (const [instant, at] of Object.entries(ours) as [FigureInstant, string | undefined][]) {
    if (at === undefined) continue;
    const stored = seen?.instants[instant];
    if (stored !== undefined) plan[instant] = { at, moves: !isFurther(instant, stored, at) };
    else if (seen?.complete) plan[instant] = { at, moves: true };
    else plan[instant] = { at, moves: figureInstantDirections[instant] === 'later' };
  }
  return plan;
}

/** Whether `plan` holds against the instants as stored (`stats` of the item as read). */
export function planHolds(plan: InstantPlan, stored: Partial<Record<FigureInstant, string>>): boolean {
  return (Object.entries(plan) as [FigureInstant, InstantStep | undefined][]).every(([instant, step]) => {
    if (step === undefined) return true;
    const value = stored[instant];
    return step.moves
      ? value === undefined || !isFurther(instant, value, step.at)
      : value !== undefined && isFurther(instant, value, step.at);
  });
}

/** Bounds on the stored instants right after a write with `plan` held: each is at or past its step. */
export function instantsAfter(plan: InstantPlan, seen: SeenInstants | undefined): SeenInstants {
  const instants = { ...seen?.instants };
  for (const [instant, step] of Object.entries(plan) as [FigureInstant, InstantStep | undefined][]) {
    if (step === undefined) continue;
    const known = instants[instant];
    instants[instant] = step.moves || known === undefined ? step.at : known;
  }
  return { instants, complete: seen?.complete ?? false };
}

/** The instants of a customer item (`stats` as stored, plain values). */
export function storedInstants(item: Record<string, unknown>): Partial<Record<FigureInstant, string>> {
  const stats = (item.stats ?? {}) as Record<string, unknown>;
  const instants: Partial<Record<FigureInstant, string>> = {};
  for (const instant of Object.keys(figureInstantDirections) as FigureInstant[]) {
    const value = stats[instant];
    if (typeof value === 'string') instants[instant] = value;
  }
  return instants;
}
