import type { Services } from '@crm/app';
import { RoleSchema, TenantSchema, UserSchema } from '@crm/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { bearerSecurity, defineRoute, jsonResponse } from '../openapi.js';

const MeSchema = z
  .object({
    tenant: TenantSchema,
    role: z.union([RoleSchema, z.literal('member')]),
    user: UserSchema.optional(),
    apiKey: z.object({ id: z.string().max(40), scope: z.enum(['read', 'write']) }).optional(),
  })
  .openapi('Me');

const meRoute = defineRoute({
  method: 'get',
  path: '/v1/me',
  operationId: 'getMe',
  tags: ['auth'],
  summary: 'Who am I: the caller, its role and its tenant',
  description:
    'The tenant, the role, and the user (for a person) or the key (for an API key) behind the token.',
  security: bearerSecurity,
  responses: { 200: jsonResponse(MeSchema, 'The caller') },
});

export function meRoutes(services: Services) {
  return new OpenAPIHono<AppEnv>().openapi(meRoute, async (c) =>
    c.json(await services.users.me(c.var.principal), 200),
  );
}
