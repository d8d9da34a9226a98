import { z } from 'zod';

export const apiKeyScopes = ['read', 'write'] as const;
export const ApiKeyScopeSchema = z.enum(apiKeyScopes);
export type ApiKeyScope = z.infer<typeof ApiKeyScopeSchema>;

/**
 * An integration's key as shown: never its secret, which is shown once at creation and stored
 * only as a hash.
 */
export const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    scope: ApiKeyScopeSchema,
    createdBy: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().optional(),
    revokedAt: z.string().optional(),
  })
  .meta({ id: 'ApiKey' });
export type ApiKey = z.infer<typeof ApiKeySchema>;
