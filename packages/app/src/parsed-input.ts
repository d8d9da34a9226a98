import { DomainError } from '@crm/domain';
import type { z } from 'zod';
import { fieldIssuesOf } from './field-issues.js';

/** The body parsed by `schema`, or a validation_failed with a field per issue (a 400, never a 500). */
export function parsedInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = fieldIssuesOf(result.error);
  throw new DomainError(
    'validation_failed',
    `Invalid body: ${fields.map((field) => `${field.path}: ${field.message}`).join('; ')}`,
    { fields },
  );
}
