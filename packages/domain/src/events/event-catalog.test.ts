import { describe, expect, it } from 'vitest';
import type { Reaction } from '../entity-change.js';
import {
  catalogEntityTypes,
  eventCatalog,
  eventTypes,
  isCatalogEntityType,
  isEventType,
} from './event-catalog.js';

describe('the event catalog', () => {
  it('covers exactly the entity types whose changes mean something outside the product', () => {
    expect([...catalogEntityTypes].sort()).toEqual([
      'campaign',
      'churnFile',
      'complaint',
      'contact',
      'creditFile',
      'customer',
      'importJob',
      'interaction',
      'lead',
      'memberTierChange',
      'modelFit',
      'opportunity',
      'quote',
      'receivable',
      'serviceRequest',
      'share',
      'surveyInvitation',
      'task',
      'tenantExport',
      'webhookEndpoint',
      'workflowRun',
    ]);
  });

  it.each(eventTypes)(
    'names %s as lower-case dotted words (snake_case within one), with a version and a description',
    (type) => {
      const entry = eventCatalog[type];

      expect(type).toMatch(/^[a-z]+(\.[a-z]+(_[a-z]+)*)+$/);
      expect(Number.isInteger(entry.version) && entry.version >= 1).toBe(true);
      expect(entry.description.length).toBeGreaterThan(20);
    },
  );

  it('gives every payload an id, which the envelope repeats as entityId', () => {
    for (const type of eventTypes) expect(Object.keys(eventCatalog[type].payload.shape)).toContain('id');
  });

  it('tells catalog names and entity types from anything else', () => {
    expect(isEventType('customer.archived')).toBe(true);
    expect(isEventType('customer.exploded')).toBe(false);
    expect(isEventType('toString')).toBe(false);
    expect(isCatalogEntityType('importJob')).toBe(true);
    expect(isCatalogEntityType('customerHistory')).toBe(false);
  });

  it('lets a reaction subscribe to catalog entity types only (checked by the compiler)', () => {
    const handle = async () => {};
    const onCustomers: Reaction = { name: 'fine', entityTypes: ['customer', 'importJob'], handle };
    // @ts-expect-error the history the stream writes itself has no catalog events: no reaction may run on it
    const onHistory: Reaction = { name: 'loops', entityTypes: ['customerHistory'], handle };

    expect(onCustomers.entityTypes.every(isCatalogEntityType)).toBe(true);
    expect(onHistory.entityTypes.every(isCatalogEntityType)).toBe(false);
  });
});
