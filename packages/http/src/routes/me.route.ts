import type { Services } from '@crm/app';
import { DomainError, RoleSchema, TenantSchema, UserSchema } from '@crm/domain';
import { TenantRepository, UserRepository } from '@crm/dynamodb';
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
  return new OpenAPIHono<AppEnv>().openapi(meRoute, async (c) => {
    const principal = c.var.principal;
    const client = services.tenantClient(principal.tenantId);
    const tenant = await new TenantRepository(client).get({ tenantId: principal.tenantId });
    if (!tenant) throw new DomainError('unauthenticated', 'Tenant no longer exists');
    if (principal.kind === 'apiKey') {
      return c.json(
        { tenant, role: principal.role, apiKey: { id: principal.keyId, scope: principal.scope } },
        200,
      );
    }
    const user = await new UserRepository(client).get({
      tenantId: principal.tenantId,
      userId: principal.userId,
    });
    if (user?.status !== 'active') throw new DomainError('unauthenticated', 'User is not active');
    return c.json({ tenant, role: user.role, user }, 200);
  });
}
