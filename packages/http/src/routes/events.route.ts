import { EventCatalogSchema, eventCatalogJsonSchema } from '@crm/domain';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { bearerSecurity, defineRoute, jsonResponse } from '../openapi.js';

const catalogRoute = defineRoute({
  method: 'get',
  path: '/v1/events/catalog',
  operationId: 'getEventCatalog',
  tags: ['events'],
  summary: 'The event catalog: every event name and version, with the JSON Schema of its body',
  description:
    'What webhooks and workflows deliver (docs/events.md). Generated from the same zod schemas the ' +
    'events are built with; objects are left open, so receivers must accept fields they do not know.',
  security: bearerSecurity,
  responses: { 200: jsonResponse(EventCatalogSchema, 'The catalog') },
});

// The catalog is pure domain data, the same for every tenant: no service, no table.
export function eventRoutes() {
  return new OpenAPIHono<AppEnv>().openapi(catalogRoute, (c) =>
    c.json({ items: [...eventCatalogJsonSchema()] }, 200),
  );
}
