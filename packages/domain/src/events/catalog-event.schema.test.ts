import { describe, expect, it } from 'vitest';
import { CatalogEventSchema, catalogEventSchemas, EventEnvelopeSchema } from './catalog-event.schema.js';
import { eventCatalog, eventTypes } from './event-catalog.js';
import { changeProducing } from './event-changes.fixture.js';
import { toCatalogEvents } from './to-catalog-events.js';

const eventOfType = (type: (typeof eventTypes)[number]) => {
  const events = toCatalogEvents(changeProducing[type]());
  expect(events.map((event) => event.type)).toEqual([type]);
  return events[0] as NonNullable<(typeof events)[0]>;
};

describe('the event envelope', () => {
  it.each(eventTypes)('validates the %s event the mapper makes, as that type and as any event', (type) => {
    const event = eventOfType(type);

    expect(EventEnvelopeSchema.parse(event)).toEqual(event);
    expect(catalogEventSchemas[type].parse(event)).toEqual(event);
    expect(CatalogEventSchema.parse(event)).toEqual(event);
  });

  it.each(eventTypes)('gives %s changedFields and previous exactly when the catalog says so', (type) => {
    const event = eventOfType(type);

    if (eventCatalog[type].carriesChanges) {
      expect(event).toHaveProperty('changedFields');
      expect(event).toHaveProperty('previous');
    } else {
      expect(event).not.toHaveProperty('changedFields');
      expect(event).not.toHaveProperty('previous');
    }
  });

  it('rejects an update without changed fields', () => {
    const { changedFields: _changed, ...event } = eventOfType('customer.updated') as Record<string, unknown>;

    expect(catalogEventSchemas['customer.updated'].safeParse(event).success).toBe(false);
    expect(
      catalogEventSchemas['customer.updated'].safeParse({ ...event, changedFields: [], previous: {} })
        .success,
    ).toBe(false);
  });

  it('rejects a changed field that is not a field of the payload', () => {
    const event = eventOfType('customer.updated');

    const result = catalogEventSchemas['customer.updated'].safeParse({ ...event, changedFields: ['gsi1pk'] });

    expect(result.success).toBe(false);
  });

  it('rejects an event whose data does not fit its type, or whose version is not the catalog’s', () => {
    const event = eventOfType('interaction.created');

    expect(CatalogEventSchema.safeParse({ ...event, data: { id: 'x' } }).success).toBe(false);
    expect(CatalogEventSchema.safeParse({ ...event, version: 2 }).success).toBe(false);
    expect(CatalogEventSchema.safeParse({ ...event, type: 'interaction.exploded' }).success).toBe(false);
  });

  it('accepts only UTC instants as the time of the change', () => {
    const event = eventOfType('customer.created');

    expect(CatalogEventSchema.safeParse({ ...event, occurredAt: '2026-02-07 02:03' }).success).toBe(false);
  });
});
