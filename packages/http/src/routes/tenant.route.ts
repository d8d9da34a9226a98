import type { Services } from '@crm/app';
import { DomainError, TenantSchema, TenantSettingsPatchSchema } from '@crm/domain';
import { TenantRepository } from '@crm/dynamodb';
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
    .openapi(routes.get, async (c) => {
      const { tenantId } = c.var.principal;
      const tenant = await new TenantRepository(services.tenantClient(tenantId)).get({ tenantId });
      if (!tenant) throw new DomainError('not_found', 'Tenant not found');
      return c.json(tenant, 200);
    })
    .openapi(routes.patch, async (c) => {
      const { tenantId } = c.var.principal;
      const { version, name, settings } = c.req.valid('json');
      const expected = expectedVersion(c.req.header('if-match'), version);
      const tenants = new TenantRepository(services.tenantClient(tenantId));
      const current = await tenants.get({ tenantId });
      if (!current) throw new DomainError('not_found', 'Tenant not found');
      const changes: Parameters<TenantRepository['update']>[0]['changes'] = {};
      if (name !== undefined) changes.name = name;
      if (settings !== undefined) changes.settings = { ...current.settings, ...settings };
      const updated = await tenants.update({
        tenantId,
        expectedVersion: expected,
        changes,
        now: services.clock().toISOString(),
      });
      return c.json(updated, 200);
    });
}
