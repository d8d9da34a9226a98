import { EventCatalogSchema, eventCatalogJsonSchema, eventTypes } from '@crm/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';

describe('GET /v1/events/catalog', () => {
  const app = createTestApp();
  let tenant: SignedUpTenant;

  beforeAll(async () => {
    tenant = await signUpTenant(app, 'Catalog reader');
  });

  it('answers the catalog as JSON Schema, one entry per event name and version', async () => {
    const response = await call(app, 'GET', '/v1/events/catalog', { auth: tenant.auth });

    expect(response.status).toBe(200);
    const catalog = EventCatalogSchema.parse(response.body);
    expect(catalog.items).toEqual(JSON.parse(JSON.stringify(eventCatalogJsonSchema())));
    expect(catalog.items.map((entry) => entry.type).sort()).toEqual([...eventTypes].sort());
    const created = catalog.items.find((entry) => entry.type === 'customer.created');
    expect(created?.schema).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema' });
  });

  it('asks for credentials like every other /v1 route', async () => {
    const response = await call(app, 'GET', '/v1/events/catalog');

    expect(response.status).toBe(401);
  });

  it('is documented in the OpenAPI document with its response schema', async () => {
    const response = await call(app, 'GET', '/openapi.json');
    const document = response.body as {
      paths: Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    };

    const operation = document.paths['/v1/events/catalog']?.get;
    expect(operation?.security).toEqual([{ bearerAuth: [] }]);
    expect(operation?.responses['200']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/EventCatalog' } } },
    });
    expect(document.components.schemas.EventCatalogEntry).toBeDefined();
  });
});
