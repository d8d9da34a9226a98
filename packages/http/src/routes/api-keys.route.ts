import type { Services } from '@crm/app';
import { ApiKeySchema, ApiKeyScopeSchema, DomainError, idSchema } from '@crm/domain';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from '../openapi.js';

const CreateApiKeySchema = z
  .strictObject({ name: z.string().trim().min(1).max(120), scope: ApiKeyScopeSchema })
  .openapi('CreateApiKeyRequest');

const KeyIdParam = z.object({ keyId: idSchema('an API key id') });

const common = { tags: ['api-keys'], security: bearerSecurity };

const routes = {
  create: createRoute({
    ...common,
    method: 'post',
    path: '/v1/api-keys',
    summary: 'Create an integration key; the key is shown only in this response (admins)',
    request: { body: jsonBody(CreateApiKeySchema) },
    responses: {
      201: jsonResponse(ApiKeySchema.extend({ key: z.string() }), 'The key, shown once'),
      400: errorResponses[400],
      403: errorResponses[403],
    },
  }),
  list: createRoute({
    ...common,
    method: 'get',
    path: '/v1/api-keys',
    summary: 'List integration keys, never their secrets (admins)',
    responses: {
      200: jsonResponse(z.object({ items: z.array(ApiKeySchema) }), 'Keys'),
      403: errorResponses[403],
    },
  }),
  revoke: createRoute({
    ...common,
    method: 'delete',
    path: '/v1/api-keys/{keyId}',
    summary: 'Revoke a key (admins)',
    request: { params: KeyIdParam },
    responses: { 204: { description: 'Revoked' }, 403: errorResponses[403], 404: errorResponses[404] },
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
