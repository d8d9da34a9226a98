import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerStatuses } from '../customer.schema.js';
import { CatalogEventSchema } from './catalog-event.schema.js';
import { catalogEntityTypes, eventCatalog, eventTypes } from './event-catalog.js';
import {
  customerScores,
  entityChange,
  internalAttributes,
  storedCampaign,
  storedComplaint,
  storedContact,
  storedCustomer,
  storedImportJob,
  storedInteraction,
  storedLead,
  storedOpportunity,
  storedRunningFit,
  storedServiceRequest,
  storedShare,
  storedSucceededFit,
  storedSurveyInvitation,
} from './stored-records.fixture.js';
import { toCatalogEvents } from './to-catalog-events.js';

type Stored = Record<string, unknown>;

const validRecords: Record<string, () => Stored> = {
  customer: () => storedCustomer(),
  contact: () => storedContact(),
  interaction: () => storedInteraction(),
  complaint: () => storedComplaint(),
  lead: () => storedLead(),
  opportunity: () => storedOpportunity(),
  share: () => storedShare(),
  serviceRequest: () => storedServiceRequest(),
  surveyInvitation: () => storedSurveyInvitation(),
  campaign: () => storedCampaign(),
  importJob: () => storedImportJob(),
  modelFit: () => storedSucceededFit(),
  modelLatest: () => storedSucceededFit({ entityType: 'modelLatest' }),
  customerHistory: () => ({ id: 'h', customerId: 'c', action: 'updated' }),
};

const knownFields = [
  ...new Set(eventTypes.flatMap((type) => Object.keys(eventCatalog[type].payload.shape))),
  ...internalAttributes,
];

const fieldName = fc.oneof(fc.constantFrom(...knownFields), fc.string({ maxLength: 12 }));
const fieldValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('queued', 'running', 'completed', 'failed', 'succeeded', '2026-02-07T00:00:00.000Z'),
);
const noise = fc.dictionary(fieldName, fieldValue, { maxKeys: 8 });

/** Anything a stored item could hold: junk, or a real record with fields overwritten or dropped. */
const storedRecord = (entityType: string): fc.Arbitrary<Stored> =>
  fc.oneof(
    noise,
    noise.map((overrides) => ({ ...validRecords[entityType]?.(), ...overrides })),
    // The fields the mapper decides on, moved on an otherwise real record.
    fc
      .record(
        {
          status: fc.constantFrom('queued', 'running', 'completed', 'failed', 'succeeded', 'active', 'lost'),
          archivedAt: fc.constant('2026-02-01T00:00:00.000Z'),
          finishedAt: fc.constant('2026-02-01T00:00:00.000Z'),
        },
        { requiredKeys: ['finishedAt'] },
      )
      .map((overrides) => ({ ...validRecords[entityType]?.(), ...overrides })),
    fc
      .subarray(Object.keys(validRecords[entityType]?.() ?? {}))
      .map((dropped) =>
        Object.fromEntries(
          Object.entries(validRecords[entityType]?.() ?? {}).filter(([name]) => !dropped.includes(name)),
        ),
      ),
  );

const change = fc
  .constantFrom(...catalogEntityTypes, 'modelLatest', 'customerHistory')
  .chain((entityType) =>
    fc.record({
      entityType: fc.constant(entityType),
      before: fc.option(storedRecord(entityType), { nil: undefined }),
      after: fc.option(storedRecord(entityType), { nil: undefined }),
    }),
  )
  .map(({ entityType, before, after }) =>
    entityChange({ entityType, ...(before ? { before } : {}), ...(after ? { after } : {}) }),
  );

const internal: ReadonlySet<string> = new Set(internalAttributes);

describe('toCatalogEvents on any record of the known entity types', () => {
  it('never throws, and every event it makes is a valid catalog event about the change', () => {
    fc.assert(
      fc.property(change, (entityChange) => {
        const events = toCatalogEvents(entityChange, { onInvalidRecord: () => {} });

        expect(events.length).toBeLessThanOrEqual(1);
        for (const event of events) {
          expect(CatalogEventSchema.safeParse(event).success).toBe(true);
          expect(event.id).toBe(entityChange.eventId);
          expect(eventCatalog[event.type].entityType).toBe(entityChange.entityType);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never lets a storage attribute into data or previous', () => {
    fc.assert(
      fc.property(change, (entityChange) => {
        for (const event of toCatalogEvents(entityChange)) {
          const previous = 'previous' in event ? event.previous : {};
          for (const name of [...Object.keys(event.data), ...Object.keys(previous ?? {})]) {
            expect(internal.has(name)).toBe(false);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});

/** JSON with map keys sorted: equal values, equal text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    typeof inner === 'object' && inner !== null && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

const profileEdit = fc.record(
  {
    name: fc.constantFrom('王记粮油', '李记', 'Acme'),
    status: fc.constantFrom(...customerStatuses),
    tags: fc.uniqueArray(fc.constantFrom('rice', 'oil', 'vip'), { maxLength: 3 }),
    customFields: fc.dictionary(
      fc.constantFrom('credit_rating', 'route', 'tier'),
      fc.oneof(fc.constantFrom('A', 'B'), fc.integer({ min: 0, max: 3 }), fc.constant(null)),
    ),
    email: fc.option(fc.constantFrom('a@x.example', 'b@x.example'), { nil: undefined }),
    archivedAt: fc.option(fc.constant('2026-02-01T00:00:00.000Z'), { nil: undefined }),
    stats: fc
      .nat({ max: 3 })
      .map((count) => ({ ...(storedCustomer().stats as Stored), interactionCount: count })),
    scores: fc.option(
      fc.double({ min: 0, max: 1, noNaN: true }).map((pAlive) => customerScores({ pAlive })),
      {
        nil: undefined,
      },
    ),
    version: fc.nat(),
    statsRevision: fc.nat(),
    updatedAt: fc.constantFrom('2026-02-01T00:00:00.000Z', '2026-02-02T00:00:00.000Z'),
    gsi3sk: fc.string({ maxLength: 5 }),
  },
  { requiredKeys: [] },
);

const withoutUndefined = (record: Stored): Stored =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));

describe('toCatalogEvents on customer edits', () => {
  it('lists exactly the fields that changed, with their values before, and speaks only of profile changes', () => {
    fc.assert(
      fc.property(profileEdit, profileEdit, (first, second) => {
        const before = withoutUndefined(storedCustomer(first));
        const after = withoutUndefined(storedCustomer(second));

        const events = toCatalogEvents(entityChange({ entityType: 'customer', before, after }));

        const fields = Object.keys(eventCatalog['customer.updated'].payload.shape);
        const changed = fields.filter(
          (field) =>
            !['updatedAt', 'updatedBy'].includes(field) &&
            canonical(before[field]) !== canonical(after[field]),
        );
        const archivedMoved = Boolean(before.archivedAt) !== Boolean(after.archivedAt);
        if (!archivedMoved && changed.every((field) => field === 'stats' || field === 'scores')) {
          expect(events).toEqual([]);
          return;
        }
        const [event] = events;
        const expectedType = !archivedMoved
          ? 'customer.updated'
          : after.archivedAt
            ? 'customer.archived'
            : 'customer.restored';
        expect(event?.type).toBe(expectedType);
        expect(event && 'changedFields' in event ? event.changedFields : undefined).toEqual(changed);
        const previous = event && 'previous' in event ? event.previous : {};
        expect(previous).toEqual(
          Object.fromEntries(
            changed.filter((field) => before[field] !== undefined).map((f) => [f, before[f]]),
          ),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('says nothing when a customer is written again as it was', () => {
    fc.assert(
      fc.property(profileEdit, (edit) => {
        const stored = withoutUndefined(storedCustomer(edit));

        expect(
          toCatalogEvents(entityChange({ entityType: 'customer', before: stored, after: { ...stored } })),
        ).toEqual([]);
      }),
    );
  });
});

describe('toCatalogEvents on jobs and runs', () => {
  const importStatus = fc.constantFrom('queued', 'running', 'completed', 'failed');
  const fitStatus = fc.constantFrom('running', 'succeeded', 'failed');
  const terminal = new Set(['completed', 'failed', 'succeeded']);

  it('announces an import or a refit exactly when it turns terminal', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.record({ entityType: fc.constant('importJob'), was: fc.option(importStatus), is: importStatus }),
          fc.record({ entityType: fc.constant('modelFit'), was: fc.option(fitStatus), is: fitStatus }),
        ),
        ({ entityType, was, is }) => {
          const record = (status: string) =>
            entityType === 'importJob'
              ? storedImportJob({ status, finishedAt: '2026-02-01T10:05:00.000Z', error: 'x' })
              : storedSucceededFit({ status, error: { code: 'internal', message: 'x' } });
          const before = was === null ? undefined : record(was);

          const events = toCatalogEvents(
            entityChange({ entityType, after: record(is), ...(before ? { before } : {}) }),
          );

          const turnedTerminal = terminal.has(is) && (was === null || !terminal.has(was));
          expect(events).toHaveLength(turnedTerminal ? 1 : 0);
        },
      ),
    );
  });
});

describe('fixture sanity', () => {
  it('starts from records that make events, so the properties above are not vacuous', () => {
    expect(toCatalogEvents(entityChange({ entityType: 'customer', after: storedCustomer() }))).toHaveLength(
      1,
    );
    expect(
      toCatalogEvents(
        entityChange({ entityType: 'modelFit', before: storedRunningFit(), after: storedSucceededFit() }),
      ),
    ).toHaveLength(1);
  });
});
