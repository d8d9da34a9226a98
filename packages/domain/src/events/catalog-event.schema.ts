import { z } from 'zod';
import {
  type CatalogEntry,
  type EventCatalog,
  type EventType,
  eventCatalog,
  eventTypes,
} from './event-catalog.js';

/**
 * The envelope every event shares, whatever its type. `id` is the stream record's eventId: the
 * same change always yields the same id (across Lambda retries, replays and redeliveries), so a
 * consumer deduplicates on it.
 */
export const EventEnvelopeSchema = z
  .object({
    id: z.string().min(1).describe('The stream change that caused the event; stable across redeliveries'),
    type: z.string().min(1).describe('The event name, e.g. customer.updated'),
    version: z.number().int().positive().describe('Schema version of this event type'),
    tenantId: z.string().min(1),
    occurredAt: z.iso.datetime().describe('When the change reached the stream (ISO-8601 UTC)'),
    entityId: z.string().min(1).describe('Id of the entity the event is about'),
    data: z.record(z.string(), z.unknown()).describe('The entity after the change (as it was, if removed)'),
    changedFields: z
      .array(z.string())
      .min(1)
      .optional()
      .describe('Updates only: the top-level fields of data whose values changed'),
    previous: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Updates only: the values the changed fields had before; a field absent here was unset'),
  })
  .meta({ id: 'EventEnvelope' });
export type EventEnvelope = z.infer<typeof EventEnvelopeSchema>;

type EventData<T extends EventType> = z.output<EventCatalog[T]['payload']>;
/** A top-level field of an event's `data`. */
export type EventField<T extends EventType> = Extract<keyof EventData<T>, string>;
type EventChanges<T extends EventType> = EventCatalog[T]['carriesChanges'] extends true
  ? { changedFields: EventField<T>[]; previous: Partial<EventData<T>> }
  : unknown;

/** One catalog event, or (without a type argument) any of them, discriminated by `type`. */
export type CatalogEvent<T extends EventType = EventType> = {
  [K in T]: {
    id: string;
    type: K;
    version: EventCatalog[K]['version'];
    tenantId: string;
    occurredAt: string;
    entityId: string;
    data: EventData<K>;
  } & EventChanges<K>;
}[T];

function envelopeSchemaOf(type: EventType) {
  const entry: CatalogEntry = eventCatalog[type];
  const typed = EventEnvelopeSchema.extend({
    type: z.literal(type),
    version: z.literal(entry.version),
    data: entry.payload,
  });
  if (!entry.carriesChanges) return typed.omit({ changedFields: true, previous: true });
  return typed.extend({
    changedFields: z
      .array(entry.payload.keyof())
      .min(1)
      .describe('The top-level fields of data whose values changed'),
    previous: entry.payload
      .partial()
      .describe('The values the changed fields had before; a changed field absent here was unset'),
  });
}

const envelopeSchemas = eventTypes.map((type) => [type, envelopeSchemaOf(type)] as const);

/**
 * The complete schema of each event type: envelope, `data` and, for updates, `changedFields` and
 * `previous`. What webhooks validate before sending and what the catalog route publishes.
 */
export const catalogEventSchemas = Object.fromEntries(envelopeSchemas) as unknown as {
  [K in EventType]: z.ZodType<CatalogEvent<K>>;
};

/** Any catalog event, told apart by `type`. */
export const CatalogEventSchema = z.discriminatedUnion(
  'type',
  envelopeSchemas.map(([, schema]) => schema) as unknown as [
    ReturnType<typeof envelopeSchemaOf>,
    ...ReturnType<typeof envelopeSchemaOf>[],
  ],
) as unknown as z.ZodType<CatalogEvent>;
