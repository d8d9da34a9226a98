import type { Services } from '@crm/app';
import {
  CustomFieldDefinitionCreateSchema,
  CustomFieldDefinitionPatchSchema,
  CustomFieldDefinitionSchema,
  CustomFieldKeySchema,
} from '@crm/domain';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { forbidPartners, requireAdmin } from '../middleware/authenticate.js';
import { bearerSecurity, conflictResponse, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { expectedVersion } from './version-precondition.js';

const KeyParam = z.object({ key: CustomFieldKeySchema });
const common = { tags: ['custom-fields'], security: bearerSecurity };

const routes = {
  list: createRoute({
    ...common,
    method: 'get',
    path: '/v1/custom-fields',
    summary: "The tenant's custom customer fields (数据字段定制)",
    responses: {
      200: jsonResponse(z.object({ items: z.array(CustomFieldDefinitionSchema) }), 'Definitions'),
    },
  }),
  create: createRoute({
    ...common,
    method: 'post',
    path: '/v1/custom-fields',
    summary: 'Define a custom field (admins)',
    request: { body: jsonBody(CustomFieldDefinitionCreateSchema) },
    responses: {
      201: jsonResponse(CustomFieldDefinitionSchema, 'The definition'),
      400: errorResponses[400],
      403: errorResponses[403],
      ...conflictResponse,
    },
  }),
  patch: createRoute({
    ...common,
    method: 'patch',
    path: '/v1/custom-fields/{key}',
    summary: 'Relabel, require, extend options or archive a field (admins); key and type never change',
    request: { params: KeyParam, body: jsonBody(CustomFieldDefinitionPatchSchema) },
    responses: {
      200: jsonResponse(CustomFieldDefinitionSchema, 'The definition'),
      400: errorResponses[400],
      403: errorResponses[403],
      404: errorResponses[404],
      ...conflictResponse,
    },
  }),
};

export function customFieldRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.on('GET', '/v1/custom-fields', forbidPartners());
  app.on('POST', '/v1/custom-fields', requireAdmin());
  app.on('PATCH', '/v1/custom-fields/:key', requireAdmin());
  return app
    .openapi(routes.list, async (c) =>
      c.json({ items: await services.customFields.list({ tenantId: c.var.principal.tenantId }) }, 200),
    )
    .openapi(routes.create, async (c) => {
      const definition = await services.customFields.create({
        tenantId: c.var.principal.tenantId,
        input: c.req.valid('json'),
      });
      return c.json(definition, 201);
    })
    .openapi(routes.patch, async (c) => {
      const { version, ...changes } = c.req.valid('json');
      const updated = await services.customFields.update({
        tenantId: c.var.principal.tenantId,
        key: c.req.valid('param').key,
        expectedVersion: expectedVersion(c.req.header('if-match'), version),
        changes,
      });
      return c.json(updated, 200);
    });
}
