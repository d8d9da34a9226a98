import { describe, expect, it } from 'vitest';
import { eventCatalog, eventTypes } from './event-catalog.js';
import { eventCatalogJsonSchema } from './event-catalog-json-schema.js';
import { internalAttributes } from './stored-records.fixture.js';

type JsonSchema = {
  type?: string;
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  [keyword: string]: unknown;
};

const entries = eventCatalogJsonSchema();
const schemaOf = (type: string) => entries.find((entry) => entry.type === type)?.schema as JsonSchema;

function everySubschema(schema: unknown, visit: (node: Record<string, unknown>) => void): void {
  if (typeof schema !== 'object' || schema === null) return;
  if (!Array.isArray(schema)) visit(schema as Record<string, unknown>);
  for (const value of Object.values(schema)) everySubschema(value, visit);
}

describe('eventCatalogJsonSchema', () => {
  it('publishes one schema per event name and version, as the catalog describes it', () => {
    expect(entries.map((entry) => `${entry.type}@${entry.version}`)).toEqual(
      eventTypes.map((type) => `${type}@${eventCatalog[type].version}`),
    );
    for (const entry of entries) {
      expect(entry.entityType).toBe(eventCatalog[entry.type].entityType);
      expect(entry.description).toBe(eventCatalog[entry.type].description);
    }
  });

  it.each(eventTypes)('describes the whole %s event: envelope, type, version and payload', (type) => {
    const schema = schemaOf(type);

    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe(`${type} v${eventCatalog[type].version}`);
    expect(schema.properties?.type).toMatchObject({ const: type });
    expect(schema.properties?.version).toMatchObject({ const: eventCatalog[type].version });
    expect(schema.required).toEqual(
      expect.arrayContaining(['id', 'type', 'version', 'tenantId', 'occurredAt', 'entityId', 'data']),
    );
    expect(Object.keys(schema.properties?.data?.properties ?? {})).toEqual(
      Object.keys(eventCatalog[type].payload.shape),
    );
  });

  it.each(eventTypes)('never names a storage attribute in %s', (type) => {
    const data = schemaOf(type).properties?.data?.properties ?? {};

    for (const attribute of internalAttributes) expect(data).not.toHaveProperty(attribute);
  });

  it.each(eventTypes)(
    'lists changedFields and previous in %s only for updates, from the payload fields',
    (type) => {
      const properties = schemaOf(type).properties ?? {};

      if (!eventCatalog[type].carriesChanges) {
        expect(properties).not.toHaveProperty('changedFields');
        expect(properties).not.toHaveProperty('previous');
        return;
      }
      const fields = Object.keys(properties.data?.properties ?? {});
      expect(properties.changedFields).toMatchObject({ type: 'array', minItems: 1, items: { enum: fields } });
      expect(Object.keys(properties.previous?.properties ?? {})).toEqual(fields);
      expect(properties.previous?.required).toBeUndefined();
      expect(schemaOf(type).required).toEqual(expect.arrayContaining(['changedFields', 'previous']));
    },
  );

  it('leaves every object open, so that adding a field never breaks a receiver', () => {
    for (const entry of entries) {
      everySubschema(entry.schema, (node) => expect(node.additionalProperties).not.toBe(false));
    }
  });

  it('is plain JSON, ready to serve', () => {
    expect(JSON.parse(JSON.stringify(entries))).toEqual(entries);
  });

  it('carries the erased customer’s id and nothing more', () => {
    expect(schemaOf('customer.removed').properties?.data).toEqual({
      type: 'object',
      properties: { id: { type: 'string' } },
      required: ['id'],
    });
  });

  it('carries the interaction kinds a subscriber can filter on', () => {
    const kind = schemaOf('interaction.created').properties?.data?.properties?.type;

    expect(kind?.enum).toEqual(expect.arrayContaining(['call', 'visit', 'note', 'order', 'payment']));
  });

  it('keeps the shared shapes as definitions it refers to', () => {
    const schema = schemaOf('customer.updated');

    expect(schema.properties?.data?.properties?.stats).toEqual({ $ref: '#/$defs/CustomerStats' });
    expect(Object.keys(schema.$defs as object)).toEqual(
      expect.arrayContaining(['CustomerStats', 'CustomerScores', 'Address']),
    );
  });
});
