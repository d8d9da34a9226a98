import { z } from 'zod';

/**
 * Which input field was refused, and why. `message` is English for people reading the API; `code`
 * and the few values it needs (`minimum`, `format` …) let a client say the same in its own language.
 */
export const FieldIssueSchema = z
  .object({
    path: z.string(),
    message: z.string(),
    code: z.string().optional().meta({
      description:
        "What is wrong, machine-readable: zod's issue code (too_small, too_big, invalid_type, invalid_format, invalid_value, not_multiple_of, unrecognized_keys, custom …) or a service's own. Absent when the service gives none: show `message`.",
    }),
    origin: z.string().optional().meta({
      description: 'too_small / too_big: what was measured (string, number, int, array, set, date …)',
    }),
    minimum: z.number().optional().meta({
      description: 'too_small: the least length, size or value (a date: milliseconds since the epoch)',
    }),
    maximum: z.number().optional().meta({
      description: 'too_big: the greatest length, size or value (a date: milliseconds since the epoch)',
    }),
    inclusive: z
      .boolean()
      .optional()
      .meta({ description: 'too_small / too_big: whether the bound itself is allowed' }),
    exact: z
      .boolean()
      .optional()
      .meta({ description: 'too_small / too_big: the length must be exactly the bound' }),
    format: z
      .string()
      .optional()
      .meta({ description: 'invalid_format: the expected format (email, url, datetime, date, regex …)' }),
    expected: z
      .string()
      .optional()
      .meta({ description: 'invalid_type: the expected type (string, number, object …)' }),
    values: z
      .array(z.string())
      .optional()
      .meta({ description: 'invalid_value: the allowed values, as text' }),
    divisor: z
      .number()
      .optional()
      .meta({ description: 'not_multiple_of: the number the value must be a multiple of' }),
  })
  .meta({ id: 'FieldIssue' });
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

/**
 * The one error shape every route answers with: a domain error's stable `code` and message, its
 * field-level reasons and details (e.g. the current record on a version conflict).
 */
export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.array(FieldIssueSchema).optional(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
