import type { Services } from '@crm/app';
import { TenantSchema, TenantSettingsPatchSchema } from '@crm/domain';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { forbidPartners, requireAdmin } from '../middleware/authenticate.js';
import { bearerSecurity, defineRoute, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { expectedVersion, IfMatchHeader } from './version-precondition.js';

const common = { tags: ['tenant'] as ['tenant'], security: bearerSecurity };

const routes = {
  get: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/tenant',
    operationId: 'getTenant',
    summary: "This tenant's name and settings (租户设置)",
    description:
      'The tenant of the token: its name, default currency, locale and other settings. Not for partners.',
    responses: { 200: jsonResponse(TenantSchema, 'The tenant'), ...errorResponses(403) },
  }),
  patch: defineRoute({
    ...common,
    method: 'patch',
    path: '/v1/tenant',
    operationId: 'updateTenant',
    summary: 'Change the tenant name or settings (admins); If-Match required',
    description:
      'Changes the name or settings sent, against the version you read (If-Match or body version).',
    request: { body: jsonBody(TenantSettingsPatchSchema), headers: IfMatchHeader },
    responses: {
      200: jsonResponse(TenantSchema, 'The changed tenant'),
      ...errorResponses(409, 428),
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
