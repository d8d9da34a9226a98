import type { Services } from '@crm/app';
import { TenantSchema, TenantSettingsPatchSchema } from '@crm/domain';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { forbidPartners, requireAdmin } from '../middleware/authenticate.js';
import { bearerSecurity, conflictResponse, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { expectedVersion } from './version-precondition.js';

const common = { tags: ['tenant'], security: bearerSecurity };

const routes = {
  get: createRoute({
    ...common,
    method: 'get',
    path: '/v1/tenant',
    summary: "This tenant's name and settings (租户设置)",
    responses: { 200: jsonResponse(TenantSchema, 'The tenant'), 403: errorResponses[403] },
  }),
  patch: createRoute({
    ...common,
    method: 'patch',
    path: '/v1/tenant',
    summary: 'Change the tenant name or settings (admins); If-Match required',
    request: { body: jsonBody(TenantSettingsPatchSchema) },
    responses: {
      200: jsonResponse(TenantSchema, 'The changed tenant'),
      400: errorResponses[400],
      403: errorResponses[403],
      ...conflictResponse,
    },
  }),
};

export function tenantRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.on('GET', '/v1/tenant', forbidPartners());
  app.on('PATCH', '/v1/tenant', requireAdmin());
  return app
    .openapi(routes.get, async (c) =>
      c.json(await services.tenant.get({ tenantId: c.var.principal.tenantId }), 200),
    )
    .openapi(routes.patch, async (c) => {
      const { version, name, settings } = c.req.valid('json');
      const updated = await services.tenant.update({
        tenantId: c.var.principal.tenantId,
        expectedVersion: expectedVersion(c.req.header('if-match'), version),
        ...(name !== undefined ? { name } : {}),
        ...(settings !== undefined ? { settings } : {}),
      });
      return c.json(updated, 200);
    });
}
