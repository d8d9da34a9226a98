import type { z } from 'zod';
import type { FieldIssue } from './error-body.schema.js';

/** A field issue's machine-readable part: everything but `path` and `message`. */
export type FieldIssueDetail = Omit<FieldIssue, 'path' | 'message'>;

// JSON has no bigint or Date: a bound goes out as a number (a date's as milliseconds since the epoch).
const numberOf = (bound: unknown): number | undefined => {
  if (typeof bound === 'number') return bound;
  if (typeof bound === 'bigint') return Number(bound);
  return bound instanceof Date ? bound.getTime() : undefined;
};

/**
 * The code of a zod issue and the values a client needs to word it in its own language.
 *
 * @example
 * fieldIssueDetailOf(z.string().min(3).safeParse('a').error.issues[0])
 * // { code: 'too_small', origin: 'string', minimum: 3, inclusive: true }
 */
export function fieldIssueDetailOf(issue: z.core.$ZodIssue): FieldIssueDetail {
  switch (issue.code) {
    case 'too_small':
      return withoutUndefined({
        code: issue.code,
        origin: issue.origin,
        minimum: numberOf(issue.minimum),
        inclusive: issue.inclusive,
        exact: issue.exact,
      });
    case 'too_big':
      return withoutUndefined({
        code: issue.code,
        origin: issue.origin,
        maximum: numberOf(issue.maximum),
        inclusive: issue.inclusive,
        exact: issue.exact,
      });
    case 'invalid_format':
      return { code: issue.code, format: issue.format };
    case 'invalid_type':
      return { code: issue.code, expected: issue.expected };
    case 'invalid_value':
      return { code: issue.code, values: issue.values.map(String) };
    case 'not_multiple_of':
      return { code: issue.code, divisor: issue.divisor };
    default:
      return { code: issue.code };
  }
}

function withoutUndefined(detail: FieldIssueDetail): FieldIssueDetail {
  return Object.fromEntries(Object.entries(detail).filter(([, value]) => value !== undefined));
}
