import { describe, expect, it } from 'vitest';
import type { ServicePlan } from './service-plan.schema.js';
import {
  nextPlanDueOn,
  planCustomerOf,
  planOccurrence,
  planRun,
  planStanding,
} from './service-plan-schedule.js';

const quarterly = { count: 3, unit: 'months' } as const;
const fortnightly = { count: 2, unit: 'weeks' } as const;

const plan = (overrides: Partial<ServicePlan> = {}) => ({
  startsOn: '2026-01-31',
  every: quarterly,
  occurrences: 0,
  active: true,
  valueClass: null,
  ...overrides,
});
const classA = { valueClass: 'A', archived: false } as const;

describe('service plan schedules', () => {
  it.each([
    ['2026-01-31', quarterly, 0, '2026-01-31'],
    ['2026-01-31', quarterly, 1, '2026-04-30'],
    ['2026-01-31', quarterly, 2, '2026-07-31'],
    ['2026-01-31', quarterly, 4, '2027-01-31'],
    ['2026-01-31', { count: 1, unit: 'months' }, 1, '2026-02-28'],
    ['2028-01-31', { count: 1, unit: 'months' }, 1, '2028-02-29'],
    ['2026-01-31', { count: 1, unit: 'months' }, 2, '2026-03-31'],
    ['2026-12-15', { count: 1, unit: 'months' }, 1, '2027-01-15'],
    ['2026-03-02', fortnightly, 0, '2026-03-02'],
    ['2026-03-02', fortnightly, 1, '2026-03-16'],
    ['2026-12-28', { count: 1, unit: 'weeks' }, 1, '2027-01-04'],
  ] as const)('from %s every %j, occurrence %i falls on %s', (startsOn, every, index, expected) => {
    expect(planOccurrence(startsOn, every, index)).toBe(expected);
  });

  it('names the next due day from the occurrences passed', () => {
    expect(nextPlanDueOn(plan({ occurrences: 1 }))).toBe('2026-04-30');
  });

  it.each([
    ['before the start', plan(), '2026-01-30', { kind: 'not_due' }],
    [
      'on the start day',
      plan(),
      '2026-01-31',
      { kind: 'generate', dueOn: '2026-01-31', occurrences: 1, nextDueOn: '2026-04-30', missed: 0 },
    ],
    ['between occurrences', plan({ occurrences: 1 }), '2026-04-29', { kind: 'not_due' }],
    [
      'on the next one',
      plan({ occurrences: 1 }),
      '2026-04-30',
      { kind: 'generate', dueOn: '2026-04-30', occurrences: 2, nextDueOn: '2026-07-31', missed: 0 },
    ],
    [
      'after missing two (only the latest is served)',
      plan({ occurrences: 1 }),
      '2026-11-01',
      { kind: 'generate', dueOn: '2026-10-31', occurrences: 4, nextDueOn: '2027-01-31', missed: 2 },
    ],
    ['when the plan is paused', plan({ active: false }), '2026-02-01', { kind: 'not_due' }],
  ] as const)('%s', (_name, candidate, today, expected) => {
    expect(planRun(candidate, today, classA)).toEqual(expected);
  });

  it('serves a value-class plan only while the customer is in that class (differentiated service)', () => {
    const forA = plan({ valueClass: 'A' });
    expect(planRun(forA, '2026-01-31', classA).kind).toBe('generate');
    expect(planRun(forA, '2026-01-31', { valueClass: 'B', archived: false })).toEqual({
      kind: 'skip',
      dueOn: '2026-01-31',
      occurrences: 1,
      nextDueOn: '2026-04-30',
    });
    expect(planRun(forA, '2026-01-31', { valueClass: null, archived: false }).kind).toBe('skip');
    expect(planRun(plan(), '2026-01-31', { valueClass: null, archived: false }).kind).toBe('generate');
    expect(planRun(plan(), '2026-01-31', { valueClass: 'A', archived: true }).kind).toBe('skip');
  });

  it.each([
    ['any class, the customer classed', plan(), classA, 'scheduled'],
    ['any class, the customer not yet classed', plan(), { valueClass: null, archived: false }, 'scheduled'],
    ['A only, the customer in A', plan({ valueClass: 'A' }), classA, 'scheduled'],
    [
      'A only, the customer in B',
      plan({ valueClass: 'A' }),
      { valueClass: 'B', archived: false },
      'skipped_class',
    ],
    [
      'A only, the customer in no class',
      plan({ valueClass: 'A' }),
      { valueClass: null, archived: false },
      'skipped_class',
    ],
    ['the customer archived', plan(), { valueClass: 'A', archived: true }, 'skipped_archived'],
    [
      'paused, whatever the customer',
      plan({ active: false, valueClass: 'A' }),
      { valueClass: 'B', archived: false },
      'paused',
    ],
  ] as const)('judges a plan standing: %s', (_name, candidate, customer, expected) => {
    expect(planStanding(candidate, customer)).toBe(expected);
  });

  it('skips on the due day exactly the occurrences planStanding calls skipped (one rule for the run and the 360°)', () => {
    const customers = [
      classA,
      { valueClass: 'B', archived: false },
      { valueClass: null, archived: false },
      { valueClass: 'A', archived: true },
    ] as const;
    for (const candidate of [plan(), plan({ valueClass: 'A' }), plan({ valueClass: 'B' })]) {
      for (const customer of customers) {
        const standing = planStanding(candidate, customer);
        const run = planRun(candidate, '2026-01-31', customer);
        expect(run.kind, `${candidate.valueClass} / ${JSON.stringify(customer)}`).toBe(
          standing === 'scheduled' ? 'generate' : 'skip',
        );
      }
    }
  });

  it('reads a customer as the run sees it: its ABC class, archived, or gone', () => {
    const scores = { abcClass: 'B' } as NonNullable<Parameters<typeof planCustomerOf>[0]>['scores'];
    expect(planCustomerOf({ scores })).toEqual({ valueClass: 'B', archived: false });
    expect(planCustomerOf({})).toEqual({ valueClass: null, archived: false });
    expect(planCustomerOf({ scores, archivedAt: '2026-01-01T00:00:00.000Z' })).toEqual({
      valueClass: 'B',
      archived: true,
    });
    expect(planCustomerOf(undefined)).toEqual({ valueClass: null, archived: true });
  });
});
