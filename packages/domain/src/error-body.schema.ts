import { z } from 'zod';

/** Which input field was refused, and why. */
export const FieldIssueSchema = z.object({ path: z.string(), message: z.string() });
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
