import { z } from 'zod';
import { catalogEventSchemas } from './catalog-event.schema.js';
import {
  type CatalogEntityType,
  catalogEntityTypes,
  type EventType,
  eventCatalog,
  eventTypes,
} from './event-catalog.js';

/** One event type and version as published: its description and the JSON Schema of the whole event. */
export const EventCatalogEntrySchema = z
  .object({
    type: z.enum(eventTypes as [EventType, ...EventType[]]),
    version: z.number().int().positive(),
    entityType: z.enum(catalogEntityTypes as [CatalogEntityType, ...CatalogEntityType[]]),
    description: z.string(),
    schema: z
      .record(z.string(), z.unknown())
      .describe('JSON Schema (draft 2020-12) of the event: envelope, `data` and, for updates, the changes'),
  })
  .meta({ id: 'EventCatalogEntry' });
export type EventCatalogJsonSchemaEntry = z.infer<typeof EventCatalogEntrySchema>;

/** The body of `GET /v1/events/catalog`: every published event name and version. */
export const EventCatalogSchema = z
  .object({ items: z.array(EventCatalogEntrySchema) })
  .meta({ id: 'EventCatalog' });

let cached: readonly EventCatalogJsonSchemaEntry[] | undefined;

/**
 * The catalog as JSON Schema, one entry per event name and version, generated from the zod
 * schemas (so it can never disagree with what is sent): the body of `GET /v1/events/catalog`,
 * the webhook admin's event picker, and what a receiver validates against. Computed once.
 *
 * @example
 * eventCatalogJsonSchema().find((entry) => entry.type === 'customer.created')?.schema.properties
 */
export function eventCatalogJsonSchema(): readonly EventCatalogJsonSchemaEntry[] {
  cached ??= eventTypes.map((type) => {
    const entry = eventCatalog[type];
    const schema = z.toJSONSchema(catalogEventSchemas[type], {
      target: 'draft-2020-12',
      io: 'output',
      unrepresentable: 'any',
      // Receivers must accept fields they do not know: adding a field is a compatible change
      // that keeps the version (docs/events.md), so no object is closed.
      override: ({ jsonSchema }) => {
        if (jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
      },
    });
    return {
      type,
      version: entry.version,
      entityType: entry.entityType,
      description: entry.description,
      schema: { ...schema, title: `${type} v${entry.version}`, description: entry.description },
    };
  });
  return cached;
}
