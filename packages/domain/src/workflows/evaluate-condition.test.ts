import { describe, expect, it } from 'vitest';
import { type ConditionSubject, evaluateCondition } from './evaluate-condition.js';
import { type ConditionInput, ConditionSchema } from './workflow-condition.schema.js';

const update: ConditionSubject = {
  data: {
    id: 'c1',
    status: 'lost',
    kind: 'business',
    tags: ['vip', 'north'],
    name: '王记粮油',
    stats: { orderCount: 12, lastOrderAt: '2026-03-01' },
    scores: { abcClass: 'A' },
    ownerId: null,
  },
  previous: { status: 'active', tags: ['vip'] },
  changedFields: ['status', 'tags'],
};
const created: ConditionSubject = { data: { id: 'c2', status: 'prospect', tags: [] } };

const holds = (condition: ConditionInput, subject: ConditionSubject = update) =>
  evaluateCondition(ConditionSchema.parse(condition), subject).matched;

describe('workflow conditions: the truth table', () => {
  it.each([
    // op, path, value, on the update, on a created event
    ['eq', 'data.status', 'lost', true, false],
    ['eq', 'data.stats.orderCount', 12, true, false],
    ['eq', 'data.ownerId', null, true, true],
    ['eq', 'data.missing', null, true, true],
    ['ne', 'data.status', 'lost', false, true],
    ['ne', 'data.missing', 'x', true, true],
    ['gt', 'data.stats.orderCount', 11, true, false],
    ['gt', 'data.stats.orderCount', 12, false, false],
    ['gte', 'data.stats.orderCount', 12, true, false],
    ['lt', 'data.stats.orderCount', 13, true, false],
    ['lte', 'data.stats.orderCount', 11, false, false],
    ['lt', 'data.stats.lastOrderAt', '2026-04-01', true, false],
    ['gt', 'data.status', 1, false, false],
    ['in', 'data.status', ['lost', 'dormant'], true, false],
    ['in', 'data.status', ['active'], false, false],
    ['contains', 'data.tags', 'vip', true, false],
    ['contains', 'data.name', '粮油', true, false],
    ['contains', 'data.status', 'vip', false, false],
    ['exists', 'data.scores.abcClass', true, true, false],
    ['exists', 'data.scores.abcClass', false, false, true],
    ['exists', 'data.ownerId', true, false, false],
    ['changed_from', 'data.status', 'active', true, false],
    ['changed_from', 'data.status', 'dormant', false, false],
    ['changed_to', 'data.status', 'lost', true, false],
    ['changed_to', 'data.status', 'active', false, false],
    ['changed_to', 'data.kind', 'business', false, false],
    ['eq', 'previous.status', 'active', true, false],
  ] as const)('%s %s %j → %s on an update, %s on a creation', (op, path, value, onUpdate, onCreated) => {
    const condition = { op, path, value } as ConditionInput;
    expect(holds(condition, update)).toBe(onUpdate);
    expect(holds(condition, created)).toBe(onCreated);
  });

  it('changed holds for a listed field whose value moved, never on a creation', () => {
    expect(holds({ op: 'changed', path: 'data.status' })).toBe(true);
    expect(holds({ op: 'changed', path: 'data.tags' })).toBe(true);
    expect(holds({ op: 'changed', path: 'data.kind' })).toBe(false);
    expect(holds({ op: 'changed', path: 'data.status' }, created)).toBe(false);
  });

  it('all needs every member, any one of them, not the opposite', () => {
    const yes = { op: 'eq', path: 'data.status', value: 'lost' } as const;
    const no = { op: 'eq', path: 'data.status', value: 'active' } as const;
    expect(holds({ op: 'all', of: [yes, yes] })).toBe(true);
    expect(holds({ op: 'all', of: [yes, no] })).toBe(false);
    expect(holds({ op: 'any', of: [no, yes] })).toBe(true);
    expect(holds({ op: 'any', of: [no, no] })).toBe(false);
    expect(holds({ op: 'not', of: no })).toBe(true);
    expect(holds({ op: 'not', of: yes })).toBe(false);
    expect(holds({ op: 'all', of: [yes, { op: 'any', of: [no, yes] }, { op: 'not', of: no }] })).toBe(true);
    expect(holds({ op: 'all', of: [yes, { op: 'not', of: yes }] })).toBe(false);
  });

  it('no conditions always hold', () => {
    expect(evaluateCondition(undefined, update).matched).toBe(true);
  });

  it('traces every node with the value it found', () => {
    const trace = evaluateCondition(
      ConditionSchema.parse({
        op: 'all',
        of: [
          { op: 'changed_to', path: 'data.status', value: 'lost' },
          { op: 'gt', path: 'data.stats.orderCount', value: 20 },
        ],
      }),
      update,
    );
    expect(trace).toEqual({
      op: 'all',
      matched: false,
      of: [
        { op: 'changed_to', matched: true, path: 'data.status', actual: 'lost', expected: 'lost' },
        { op: 'gt', matched: false, path: 'data.stats.orderCount', actual: 12, expected: 20 },
      ],
    });
  });

  it('never reaches past the data: prototype paths find nothing', () => {
    expect(holds({ op: 'exists', path: 'data.constructor' })).toBe(false);
    expect(holds({ op: 'exists', path: 'data.tags.length' })).toBe(false);
    expect(holds({ op: 'exists', path: 'data.name.length' })).toBe(false);
  });

  it('refuses what is not a condition, naming the field', () => {
    const bad = ConditionSchema.safeParse({ op: 'all', of: [{ op: 'eq', path: 'status', value: 1 }] });
    expect(bad.success).toBe(false);
    expect(ConditionSchema.safeParse({ op: 'matches', path: 'data.status', value: '.*' }).success).toBe(
      false,
    );
    expect(ConditionSchema.safeParse({ op: 'changed', path: 'previous.status' }).success).toBe(false);
    expect(ConditionSchema.safeParse({ op: 'in', path: 'data.status', value: [] }).success).toBe(false);
    const tooDeep = {
      op: 'all',
      of: [{ op: 'any', of: [{ op: 'not', of: { op: 'eq', path: 'data.a', value: 1 } }] }],
    };
    expect(ConditionSchema.safeParse(tooDeep).success).toBe(false);
  });
});
