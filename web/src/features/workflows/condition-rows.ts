import type { components } from '../../lib/api/schema.js';

export type Condition = components['schemas']['WorkflowCondition'];
export type ComparisonOp = components['schemas']['WorkflowComparison']['op'];

/** One row of the conditions builder: a comparison as the form edits it (the value as typed). */
export type ConditionRow = { path: string; op: ComparisonOp; value: string };
export type ConditionRows = { join: 'all' | 'any'; rows: ConditionRow[] };

export const comparisonOps: readonly ComparisonOp[] = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'contains',
  'exists',
  'changed',
  'changed_from',
  'changed_to',
];

type Comparison = components['schemas']['WorkflowComparison'];

const isComparison = (condition: unknown): condition is Comparison =>
  typeof condition === 'object' && condition !== null && 'path' in condition;

/** A typed value back to text: strings as they are, anything else as JSON. */
function valueText(value: unknown): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** What was typed, as the API wants it: numbers, true / false / null, lists for `in`. */
export function parseValue(op: ComparisonOp, text: string): unknown {
  const scalar = (part: string): string | number | boolean | null => {
    const trimmed = part.trim();
    if (trimmed === 'true') return true;
    if (trimmed === 'false') return false;
    if (trimmed === 'null') return null;
    if (trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
    return trimmed;
  };
  if (op === 'in') return text.split(',').map(scalar);
  if (op === 'exists') return text.trim() !== 'false';
  return scalar(text);
}

/**
 * The builder's rows for stored conditions, or undefined when they nest deeper than one group
 * (then the editor keeps them as JSON).
 */
export function toRows(condition: Condition | undefined): ConditionRows | undefined {
  if (!condition) return { join: 'all', rows: [] };
  const row = (comparison: Comparison): ConditionRow => ({
    path: comparison.path,
    op: comparison.op,
    value: 'value' in comparison ? valueText(comparison.value) : '',
  });
  if (isComparison(condition)) return { join: 'all', rows: [row(condition)] };
  if ((condition.op === 'all' || condition.op === 'any') && Array.isArray(condition.of)) {
    const members = condition.of as unknown[];
    if (!members.every(isComparison)) return undefined;
    return { join: condition.op, rows: (members as Comparison[]).map(row) };
  }
  return undefined;
}

/** The rows as a condition for the API (none: no conditions). */
export function fromRows({ join, rows }: ConditionRows): Condition | undefined {
  const comparisons = rows
    .filter((row) => row.path.trim() !== '')
    .map(
      (row) =>
        (row.op === 'changed'
          ? { op: row.op, path: row.path.trim() }
          : { op: row.op, path: row.path.trim(), value: parseValue(row.op, row.value) }) as Comparison,
    );
  if (comparisons.length === 0) return undefined;
  return { op: join, of: comparisons } as Condition;
}
