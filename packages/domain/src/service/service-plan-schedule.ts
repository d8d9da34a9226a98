import type { Customer } from '../customer.schema.js';
import type {
  PlanStanding,
  ServicePlan,
  ServiceRecurrence,
  ServiceValueClass,
} from './service-plan.schema.js';

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/**
 * Occurrence `index` (0 = `startsOn`) of a recurrence. Months count from the start day, not from
 * the previous occurrence, so a plan starting on the 31st falls on the last day of shorter months
 * and comes back to the 31st (no drift to the 28th).
 *
 * @example
 * planOccurrence('2026-01-31', { count: 1, unit: 'months' }, 1) // '2026-02-28'
 */
export function planOccurrence(startsOn: string, every: ServiceRecurrence, index: number): string {
  const [year, month, day] = startsOn.split('-').map(Number) as [number, number, number];
  if (every.unit === 'weeks') {
    return new Date(Date.UTC(year, month - 1, day + index * every.count * 7)).toISOString().slice(0, 10);
  }
  const months = month - 1 + index * every.count;
  const targetYear = year + Math.floor(months / 12);
  const targetMonth = months % 12;
  const targetDay = Math.min(day, daysInMonth(targetYear, targetMonth));
  return new Date(Date.UTC(targetYear, targetMonth, targetDay)).toISOString().slice(0, 10);
}

/** The plan's next due day: its occurrence number `occurrences`. */
export function nextPlanDueOn(plan: Pick<ServicePlan, 'startsOn' | 'every' | 'occurrences'>): string {
  return planOccurrence(plan.startsOn, plan.every, plan.occurrences);
}

/** The customer as a plan's schedule sees it: its ABC class tonight, and whether it is archived. */
export type PlanCustomer = { valueClass: ServiceValueClass | null; archived: boolean };

/** The customer as tonight's run sees it; a customer that no longer exists is as good as archived. */
export function planCustomerOf(
  customer: Pick<Customer, 'archivedAt' | 'scores'> | null | undefined,
): PlanCustomer {
  return {
    valueClass: customer?.scores?.abcClass ?? null,
    archived: !customer || Boolean(customer.archivedAt),
  };
}

/**
 * Whether the plan's next occurrence serves this customer: the one rule the nightly run (planRun)
 * and the customer's 360° both apply, so the 360° never shows a date the run would skip.
 *
 * @example
 * planStanding({ active: true, valueClass: 'A' }, { valueClass: 'B', archived: false }) // 'skipped_class'
 */
export function planStanding(
  plan: Pick<ServicePlan, 'active' | 'valueClass'>,
  customer: PlanCustomer,
): PlanStanding {
  if (!plan.active) return 'paused';
  if (customer.archived) return 'skipped_archived';
  if (plan.valueClass !== null && customer.valueClass !== plan.valueClass) return 'skipped_class';
  return 'scheduled';
}

/** What the nightly run does with a plan today. */
export type PlanRun =
  | { kind: 'not_due' }
  /** Generate one request for `dueOn`; the plan moves on to occurrence `occurrences`. */
  | { kind: 'generate'; dueOn: string; occurrences: number; nextDueOn: string; missed: number }
  /** The customer is not in the plan's value class (or is archived): the occurrence passes unserved. */
  | { kind: 'skip'; dueOn: string; occurrences: number; nextDueOn: string };

/**
 * The nightly decision for one plan on `today` (YYYY-MM-DD). Occurrences missed while the job did
 * not run are not served one by one: the latest due one is, once (`missed` counts the others), so a
 * week of outage never floods the board. Inactive plans are never due.
 *
 * @example
 * planRun({ ...quarterly, occurrences: 0, startsOn: '2026-01-05' }, '2026-01-05', 'A').kind // 'generate'
 */
export function planRun(
  plan: Pick<ServicePlan, 'startsOn' | 'every' | 'occurrences' | 'active' | 'valueClass'>,
  today: string,
  customer: PlanCustomer,
): PlanRun {
  if (!plan.active) return { kind: 'not_due' };
  let index = plan.occurrences;
  if (planOccurrence(plan.startsOn, plan.every, index) > today) return { kind: 'not_due' };
  while (planOccurrence(plan.startsOn, plan.every, index + 1) <= today) index += 1;
  const dueOn = planOccurrence(plan.startsOn, plan.every, index);
  const occurrences = index + 1;
  const nextDueOn = planOccurrence(plan.startsOn, plan.every, occurrences);
  if (planStanding(plan, customer) !== 'scheduled') return { kind: 'skip', dueOn, occurrences, nextDueOn };
  return { kind: 'generate', dueOn, occurrences, nextDueOn, missed: index - plan.occurrences };
}
