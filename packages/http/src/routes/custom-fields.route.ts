import type { Services } from '@crm/app';
import {
  CustomFieldDefinitionCreateSchema,
  CustomFieldDefinitionPatchSchema,
  CustomFieldDefinitionSchema,
  CustomFieldKeySchema,
  DomainError,
} from '@crm/domain';
import { CustomFieldRepository } from '@crm/dynamodb';
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
  const repository = (tenantId: string) =>
    new CustomFieldRepository(services.tenantClient(tenantId), tenantId);
  return app
    .openapi(routes.list, async (c) =>
      c.json({ items: await repository(c.var.principal.tenantId).list() }, 200),
    )
    .openapi(routes.create, async (c) => {
      const input = c.req.valid('json');
      const now = services.clock().toISOString();
      const definition = { ...input, archived: false, createdAt: now, updatedAt: now, version: 1 };
      try {
        await repository(c.var.principal.tenantId).create({ definition });
        services.definitions.invalidate(c.var.principal.tenantId);
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') {
          throw new DomainError('already_exists', `A field ${input.key} exists already`, {
            fields: [{ path: 'key', message: 'already exists' }],
          });
        }
        throw error;
      }
      return c.json(definition, 201);
    })
    .openapi(routes.patch, async (c) => {
      const { key } = c.req.valid('param');
      const { version, ...changes } = c.req.valid('json');
      const fields = repository(c.var.principal.tenantId);
      const current = await fields.get({ key });
      if (!current) throw new DomainError('not_found', 'Custom field not found');
      if (changes.options && current.type !== 'enum') {
        throw new DomainError('validation_failed', 'Only enum fields have options', {
          fields: [{ path: 'options', message: 'is only for enum fields' }],
        });
      }
      const updated = await fields.update({
        key,
        expectedVersion: expectedVersion(c.req.header('if-match'), version),
        changes,
        now: services.clock().toISOString(),
      });
      services.definitions.invalidate(c.var.principal.tenantId);
      return c.json(updated, 200);
    });
}
