import { ErrorBodySchema } from '@crm/domain';
import type { z } from '@hono/zod-openapi';

const errorContent = { 'application/json': { schema: ErrorBodySchema } };

export const errorResponses = {
  400: { description: 'Invalid input, with field-level reasons', content: errorContent },
  401: { description: 'Missing, invalid or expired credentials', content: errorContent },
  403: { description: 'Not allowed for this role or key scope', content: errorContent },
  404: { description: 'Not found (or not yours)', content: errorContent },
} as const;

export const conflictResponse = { 409: { description: 'Conflict', content: errorContent } } as const;

export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return { required: true, description, content: { 'application/json': { schema } } } as const;
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

export const bearerSecurity: { bearerAuth: string[] }[] = [{ bearerAuth: [] }];
