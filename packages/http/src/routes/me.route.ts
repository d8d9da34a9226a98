import type { Services } from '@crm/app';
import { RoleSchema, TenantSchema, UserSchema } from '@crm/domain';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { bearerSecurity, errorResponses, jsonResponse } from '../openapi.js';

const MeSchema = z
  .object({
    tenant: TenantSchema,
    role: z.union([RoleSchema, z.literal('member')]),
    user: UserSchema.optional(),
    apiKey: z.object({ id: z.string(), scope: z.enum(['read', 'write']) }).optional(),
  })
  .openapi('Me');

const meRoute = createRoute({
  method: 'get',
  path: '/v1/me',
  tags: ['auth'],
  summary: 'Who am I: the caller, its role and its tenant',
  security: bearerSecurity,
  responses: { 200: jsonResponse(MeSchema, 'The caller'), 401: errorResponses[401] },
});

export function meRoutes(services: Services) {
  return new OpenAPIHono<AppEnv>().openapi(meRoute, async (c) =>
    c.json(await services.users.me(c.var.principal), 200),
  );
}
