import type { Services } from '@crm/app';
import { ApiKeySchema, ApiKeyScopeSchema, DomainError, idSchema } from '@crm/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { bearerSecurity, defineRoute, errorResponses, jsonBody, jsonResponse } from '../openapi.js';

const CreateApiKeySchema = z
  .strictObject({ name: z.string().trim().min(1).max(120), scope: ApiKeyScopeSchema })
  .openapi('CreateApiKeyRequest');

const KeyIdParam = z.object({ keyId: idSchema('an API key id') });

const common = { tags: ['api-keys'] as ['api-keys'], security: bearerSecurity };

const routes = {
  create: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/api-keys',
    operationId: 'createApiKey',
    summary: 'Create an integration key; the key is shown only in this response (admins)',
    description:
      'A key reads (scope read) or reads and writes (scope write) as the tenant; only its hash is kept.',
    request: { body: jsonBody(CreateApiKeySchema) },
    responses: {
      201: jsonResponse(ApiKeySchema.extend({ key: z.string().max(200) }), 'The key, shown once'),
    },
  }),
  list: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/api-keys',
    operationId: 'listApiKeys',
    summary: 'List integration keys, never their secrets (admins)',
    description: 'Every key of the tenant with its scope, prefix and last use; revoked keys included.',
    responses: {
      200: jsonResponse(z.object({ items: z.array(ApiKeySchema) }), 'Keys'),
      ...errorResponses(403),
    },
  }),
  revoke: defineRoute({
    ...common,
    method: 'delete',
    path: '/v1/api-keys/{keyId}',
    operationId: 'revokeApiKey',
    summary: 'Revoke a key (admins)',
    description: 'The key stops authenticating at once.',
    request: { params: KeyIdParam },
    responses: { 204: { description: 'Revoked' } },
  }),
};

export function apiKeyRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/v1/api-keys', requireAdmin());
  app.use('/v1/api-keys/*', requireAdmin());
  return app
    .openapi(routes.create, async (c) => {
      const principal = c.var.principal;
      if (principal.kind !== 'user') throw new DomainError('forbidden', 'Only people create keys');
      const body = c.req.valid('json');
      const created = await services.apiKeys.create({
        tenantId: principal.tenantId,
        createdBy: principal.userId,
        ...body,
      });
      return c.json(created, 201);
    })
    .openapi(routes.list, async (c) => c.json({ items: await services.apiKeys.list(c.var.principal) }, 200))
    .openapi(routes.revoke, async (c) => {
      await services.apiKeys.revoke({
        tenantId: c.var.principal.tenantId,
        keyId: c.req.valid('param').keyId,
      });
      return c.body(null, 204);
    });
}
