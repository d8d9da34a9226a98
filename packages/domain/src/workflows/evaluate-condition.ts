import { sameValue } from '../events/changed-fields.js';
import type { Comparison, Condition } from './workflow-condition.schema.js';

/** What conditions are evaluated on: a catalog event's payload (or a customer as `data`). */
export type ConditionSubject = {
  data: Record<string, unknown>;
  previous?: Record<string, unknown> | undefined;
  changedFields?: readonly string[] | undefined;
};

/** How one node of the conditions came out, for the dry run and the run history. */
export type ConditionTrace = {
  op: Condition['op'];
  matched: boolean;
  path?: string;
  /** The value found at `path` (absent when the path holds nothing). */
  actual?: unknown;
  expected?: unknown;
  of?: ConditionTrace[];
};

const SEGMENT = '.';

/** The value at `data.a.b` / `previous.a`; undefined where any step is missing. */
export function valueAt(subject: ConditionSubject, path: string): unknown {
  const [root, ...rest] = path.split(SEGMENT);
  let value: unknown = root === 'previous' ? subject.previous : subject.data;
  for (const key of rest) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    // Own properties only: a path never reaches a prototype (`data.constructor`).
    if (!Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function ordered(actual: unknown, expected: number | string): number | undefined {
  if (typeof actual === 'number' && typeof expected === 'number') return actual - expected;
  // Code-unit order, not the locale's: ISO dates and codes compare the same everywhere.
  if (typeof actual === 'string' && typeof expected === 'string')
    return actual < expected ? -1 : actual > expected ? 1 : 0;
  return undefined;
}

/** Whether the update changed the value at a `data.*` path (the field is listed and differs). */
function changedAt(subject: ConditionSubject, path: string): boolean {
  const [, field, ...nested] = path.split(SEGMENT);
  if (!field || !subject.changedFields?.includes(field)) return false;
  const previousPath = ['previous', field, ...nested].join(SEGMENT);
  return !sameValue(valueAt(subject, path), valueAt(subject, previousPath));
}

function compare(comparison: Comparison, subject: ConditionSubject): ConditionTrace {
  const actual = valueAt(subject, comparison.path);
  const trace = (matched: boolean, expected?: unknown): ConditionTrace => ({
    op: comparison.op,
    matched,
    path: comparison.path,
    ...(actual === undefined ? {} : { actual }),
    ...(expected === undefined ? {} : { expected }),
  });
  switch (comparison.op) {
    case 'eq':
      return trace(sameValue(actual ?? null, comparison.value), comparison.value);
    case 'ne':
      return trace(!sameValue(actual ?? null, comparison.value), comparison.value);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const order = ordered(actual, comparison.value);
      const matched =
        order !== undefined &&
        { gt: order > 0, gte: order >= 0, lt: order < 0, lte: order <= 0 }[comparison.op];
      return trace(matched, comparison.value);
    }
    case 'in':
      return trace(
        comparison.value.some((one) => sameValue(actual ?? null, one)),
        comparison.value,
      );
    case 'contains': {
      const wanted = comparison.value;
      const matched = Array.isArray(actual)
        ? actual.some((one) => sameValue(one, wanted))
        : typeof actual === 'string' && typeof wanted === 'string' && actual.includes(wanted);
      return trace(matched, wanted);
    }
    case 'exists':
      return trace((actual !== undefined && actual !== null) === comparison.value, comparison.value);
    case 'changed':
      return trace(changedAt(subject, comparison.path));
    case 'changed_from': {
      const before = valueAt(subject, `previous${comparison.path.slice('data'.length)}`);
      return trace(
        changedAt(subject, comparison.path) && sameValue(before ?? null, comparison.value),
        comparison.value,
      );
    }
    case 'changed_to':
      return trace(
        changedAt(subject, comparison.path) && sameValue(actual ?? null, comparison.value),
        comparison.value,
      );
  }
}

/**
 * Evaluates workflow conditions on an event: a small interpreter over the condition data (never
 * `eval`, `new Function` or an expression string), returning every node's outcome so a dry run can
 * show which comparison decided. No conditions: the workflow always runs.
 *
 * @example
 * evaluateCondition({ op: 'changed_to', path: 'data.status', value: 'lost' }, event).matched
 */
export function evaluateCondition(
  condition: Condition | undefined,
  subject: ConditionSubject,
): ConditionTrace {
  if (!condition) return { op: 'all', matched: true, of: [] };
  switch (condition.op) {
    case 'all': {
      const of = condition.of.map((child) => evaluateCondition(child as Condition, subject));
      return { op: 'all', matched: of.every((child) => child.matched), of };
    }
    case 'any': {
      const of = condition.of.map((child) => evaluateCondition(child as Condition, subject));
      return { op: 'any', matched: of.some((child) => child.matched), of };
    }
    case 'not': {
      const inner = evaluateCondition(condition.of as Condition, subject);
      return { op: 'not', matched: !inner.matched, of: [inner] };
    }
    default:
      return compare(condition, subject);
  }
}
