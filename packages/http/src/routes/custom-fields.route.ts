import type { Services } from '@crm/app';
import {
  CustomFieldDefinitionCreateSchema,
  CustomFieldDefinitionPatchSchema,
  CustomFieldDefinitionSchema,
  CustomFieldKeySchema,
} from '@crm/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { forbidPartners, requireAdmin } from '../middleware/authenticate.js';
import { bearerSecurity, defineRoute, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { expectedVersion, IfMatchHeader } from './version-precondition.js';

const KeyParam = z.object({ key: CustomFieldKeySchema });
const common = { tags: ['custom-fields'] as ['custom-fields'], security: bearerSecurity };

const routes = {
  list: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/custom-fields',
    operationId: 'listCustomFields',
    summary: "The tenant's custom customer fields (数据字段定制)",
    description: 'Every field definition, archived ones included, with its type and rules.',
    responses: {
      200: jsonResponse(z.object({ items: z.array(CustomFieldDefinitionSchema) }), 'Definitions'),
      ...errorResponses(403),
    },
  }),
  create: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/custom-fields',
    operationId: 'createCustomField',
    summary: 'Define a custom field (admins)',
    description: 'A new field on every customer of the tenant; its key and type never change afterwards.',
    request: { body: jsonBody(CustomFieldDefinitionCreateSchema) },
    responses: {
      201: jsonResponse(CustomFieldDefinitionSchema, 'The definition'),
      ...errorResponses(409),
    },
  }),
  patch: defineRoute({
    ...common,
    method: 'patch',
    path: '/v1/custom-fields/{key}',
    operationId: 'updateCustomField',
    summary: 'Relabel, require, extend options or archive a field (admins); key and type never change',
    description: 'Changes the definition against the version you read (If-Match or body version).',
    request: { params: KeyParam, body: jsonBody(CustomFieldDefinitionPatchSchema), headers: IfMatchHeader },
    responses: {
      200: jsonResponse(CustomFieldDefinitionSchema, 'The definition'),
      ...errorResponses(409, 428),
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
