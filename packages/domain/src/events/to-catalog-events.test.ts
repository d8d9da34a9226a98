import { describe, expect, it, vi } from 'vitest';
import {
  CONTACT_ID,
  CUSTOMER_ID,
  customerScores,
  EXPORT_ID,
  entityChange,
  FIT_ID,
  IMPORT_ID,
  INTERACTION_ID,
  internalAttributes,
  RECEIVABLE_ID,
  storedAtRiskChurnFile,
  storedChurnFile,
  storedContact,
  storedCustomer,
  storedDoneTenantExport,
  storedFinishedWorkflowRun,
  storedImportJob,
  storedInteraction,
  storedReceivable,
  storedRunningFit,
  storedShare,
  storedSucceededFit,
  storedTenantExport,
  storedWorkflowRun,
  TENANT_ID,
} from './stored-records.fixture.js';
import { toCatalogEvents } from './to-catalog-events.js';

const customerChange = (before?: Record<string, unknown>, after?: Record<string, unknown>) =>
  entityChange({ entityType: 'customer', ...(before ? { before } : {}), ...(after ? { after } : {}) });

/** The customer as a user edits it: version and updatedAt move with every write. */
const edited = (overrides: Record<string, unknown>) =>
  storedCustomer({ version: 5, updatedAt: '2026-02-07T02:03:03.000Z', ...overrides });

describe('toCatalogEvents: customers', () => {
  it('announces a new customer with its profile and none of its storage attributes', () => {
    const change = customerChange(undefined, storedCustomer());

    const [event, ...more] = toCatalogEvents(change);

    expect(more).toEqual([]);
    expect(event).toMatchObject({
      id: change.eventId,
      type: 'customer.created',
      version: 1,
      tenantId: TENANT_ID,
      occurredAt: change.occurredAt,
      entityId: CUSTOMER_ID,
      data: {
        id: CUSTOMER_ID,
        name: '王记粮油',
        status: 'active',
        customFields: { credit_rating: 'A', route: 7 },
      },
    });
    expect(event).not.toHaveProperty('changedFields');
    expect(event).not.toHaveProperty('previous');
    for (const attribute of internalAttributes) expect(event?.data).not.toHaveProperty(attribute);
  });

  it('announces an imported customer as created, naming its import', () => {
    const [event] = toCatalogEvents(customerChange(undefined, storedCustomer({ importId: IMPORT_ID })));

    expect(event?.type).toBe('customer.created');
    expect(event?.data).toMatchObject({ importId: IMPORT_ID });
  });

  it('lists the changed fields of a profile edit with their previous values', () => {
    const before = storedCustomer();
    const after = edited({ status: 'dormant', tags: ['rice'], updatedBy: '01JUSER00000000000000000002' });

    const [event] = toCatalogEvents(customerChange(before, after));

    expect(event).toMatchObject({
      type: 'customer.updated',
      changedFields: ['status', 'tags'],
      previous: { status: 'active', tags: ['rice', 'wholesale'] },
      data: { status: 'dormant', tags: ['rice'] },
    });
  });

  it('lists a cleared field as changed, with its value before and none after', () => {
    const before = storedCustomer();
    const { email: _email, gsi5pk: _pk, gsi5sk: _sk, ...withoutEmail } = edited({});

    const [event] = toCatalogEvents(customerChange(before, withoutEmail));

    expect(event).toMatchObject({
      type: 'customer.updated',
      changedFields: ['email'],
      previous: { email: 'buyer@wangji.example' },
    });
    expect(event?.data).not.toHaveProperty('email');
  });

  it('lists a field set for the first time as changed, with no previous value', () => {
    const [event] = toCatalogEvents(customerChange(storedCustomer(), edited({ birthday: '1980-05-01' })));

    expect(event).toMatchObject({ type: 'customer.updated', changedFields: ['birthday'], previous: {} });
  });

  it('names a changed custom field by its top-level field, customFields', () => {
    const after = edited({ customFields: { credit_rating: 'B', route: 7 } });

    const [event] = toCatalogEvents(customerChange(storedCustomer(), after));

    expect(event).toMatchObject({
      changedFields: ['customFields'],
      previous: { customFields: { credit_rating: 'A', route: 7 } },
    });
  });

  it('announces archiving as customer.archived, not as an update', () => {
    const after = edited({
      archivedAt: '2026-02-07T02:03:03.000Z',
      gsi1pk: `T#${TENANT_ID}#CUSTOMERS#ARCHIVED#2`,
    });

    const events = toCatalogEvents(customerChange(storedCustomer(), after));

    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'customer.archived',
      changedFields: ['archivedAt'],
      previous: {},
      data: { archivedAt: '2026-02-07T02:03:03.000Z' },
    });
  });

  it('announces restoring as customer.restored, with the archive time it cleared', () => {
    const archived = storedCustomer({ archivedAt: '2026-02-01T00:00:00.000Z' });

    const events = toCatalogEvents(customerChange(archived, edited({})));

    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'customer.restored',
      changedFields: ['archivedAt'],
      previous: { archivedAt: '2026-02-01T00:00:00.000Z' },
    });
    expect(events[0]?.data).not.toHaveProperty('archivedAt');
  });

  it('says nothing when only the figures move (an interaction recounted them)', () => {
    const before = storedCustomer();
    const after = storedCustomer({
      stats: {
        ...(before.stats as object),
        interactionCount: 4,
        lastInteractionAt: '2026-02-07T00:00:00.000Z',
      },
      statsRevision: 4,
      gsi3sk: `2026-02-07T00:00:00.000Z#${CUSTOMER_ID}`,
    });

    expect(toCatalogEvents(customerChange(before, after))).toEqual([]);
  });

  it('says nothing when only the scores move (a refit or the scores reaction)', () => {
    const before = storedCustomer({ scores: customerScores() });
    const after = storedCustomer({ scores: customerScores({ pAlive: 0.41 }), gsi7pk: 'x', gsi7sk: 'y' });

    expect(toCatalogEvents(customerChange(before, after))).toEqual([]);
    expect(toCatalogEvents(customerChange(storedCustomer(), after))).toEqual([]);
  });

  it('says nothing when only bookkeeping moves (version, updatedAt, updatedBy, index keys)', () => {
    const after = edited({ updatedBy: '01JUSER00000000000000000009', gsi1sk: 'moved' });

    expect(toCatalogEvents(customerChange(storedCustomer(), after))).toEqual([]);
  });

  it('says nothing when a map only lists its keys in another order', () => {
    const after = edited({ customFields: { route: 7, credit_rating: 'A' } });

    expect(toCatalogEvents(customerChange(storedCustomer(), after))).toEqual([]);
  });

  it('lists moved figures beside a profile change made in the same write', () => {
    const before = storedCustomer();
    const after = edited({ status: 'lost', stats: { ...(before.stats as object), paymentValue: 0 } });

    const [event] = toCatalogEvents(customerChange(before, after));

    expect(event).toMatchObject({ type: 'customer.updated', changedFields: ['status', 'stats'] });
  });

  it('announces an erased customer by its id alone', () => {
    const change = customerChange(storedCustomer({ scores: customerScores() }), undefined);

    const [event] = toCatalogEvents(change);

    expect(event).toEqual({
      id: change.eventId,
      type: 'customer.removed',
      version: 1,
      tenantId: TENANT_ID,
      occurredAt: change.occurredAt,
      entityId: CUSTOMER_ID,
      data: { id: CUSTOMER_ID },
    });
  });

  it('keeps the eventId as the event id, so a redelivered record gives the same event', () => {
    const change = entityChange({ entityType: 'customer', after: storedCustomer(), eventId: 'abc123' });

    expect(toCatalogEvents(change)).toEqual(toCatalogEvents({ ...change, sequenceNumber: '9999' }));
    expect(toCatalogEvents(change)[0]?.id).toBe('abc123');
  });
});

describe('toCatalogEvents: contacts', () => {
  const contactChange = (before?: Record<string, unknown>, after?: Record<string, unknown>) =>
    entityChange({ entityType: 'contact', ...(before ? { before } : {}), ...(after ? { after } : {}) });

  it('announces a new contact', () => {
    const [event] = toCatalogEvents(contactChange(undefined, storedContact()));

    expect(event).toMatchObject({
      type: 'contact.created',
      entityId: CONTACT_ID,
      data: { customerId: CUSTOMER_ID, roles: ['buyer', 'decision_maker'] },
    });
    expect(event?.data).not.toHaveProperty('version');
    expect(event?.data).not.toHaveProperty('sk');
  });

  it('lists what changed on a contact', () => {
    const after = storedContact({ title: '总经理', version: 2, updatedAt: '2026-02-07T00:00:00.000Z' });

    const [event] = toCatalogEvents(contactChange(storedContact(), after));

    expect(event).toMatchObject({
      type: 'contact.updated',
      changedFields: ['title'],
      previous: { title: '采购经理' },
    });
  });

  it('says nothing when a contact is written again unchanged', () => {
    const after = storedContact({ version: 2, updatedAt: '2026-02-07T00:00:00.000Z' });

    expect(toCatalogEvents(contactChange(storedContact(), after))).toEqual([]);
  });

  it('announces a deleted contact with the contact as it was', () => {
    const [event] = toCatalogEvents(contactChange(storedContact(), undefined));

    expect(event).toMatchObject({ type: 'contact.removed', entityId: CONTACT_ID, data: { name: '李娜' } });
  });
});

describe('toCatalogEvents: interactions', () => {
  it('announces a new interaction carrying its kind and amount', () => {
    const [event] = toCatalogEvents(entityChange({ entityType: 'interaction', after: storedInteraction() }));

    expect(event).toMatchObject({
      type: 'interaction.created',
      entityId: INTERACTION_ID,
      data: { customerId: CUSTOMER_ID, type: 'order', amount: 150_000, currency: 'CNY', source: 'api' },
    });
    expect(event?.data).not.toHaveProperty('version');
  });

  it.each(['call', 'visit', 'note', 'payment'])('announces a %s under the same event name', (type) => {
    const [event] = toCatalogEvents(
      entityChange({ entityType: 'interaction', after: storedInteraction({ type }) }),
    );

    expect(event).toMatchObject({ type: 'interaction.created', data: { type } });
  });

  it('announces a removed interaction with the entry as it was', () => {
    const [event] = toCatalogEvents(entityChange({ entityType: 'interaction', before: storedInteraction() }));

    expect(event).toMatchObject({ type: 'interaction.removed', data: { type: 'order', amount: 150_000 } });
  });

  it('says nothing when a re-import writes an interaction again under its deterministic id', () => {
    const before = storedInteraction({ source: `import:${IMPORT_ID}` });
    const after = storedInteraction({
      source: 'import:01JIMPORT00000000000000002',
      createdAt: '2026-02-08T00:00:00Z',
    });

    expect(toCatalogEvents(entityChange({ entityType: 'interaction', before, after }))).toEqual([]);
  });
});

describe('toCatalogEvents: imports', () => {
  const importChange = (before?: Record<string, unknown>, after?: Record<string, unknown>) =>
    entityChange({ entityType: 'importJob', ...(before ? { before } : {}), ...(after ? { after } : {}) });
  const finished = { finishedAt: '2026-02-01T10:05:00.000Z' };

  it('announces an import that completes, with its counts', () => {
    const after = storedImportJob({ status: 'completed', ...finished });

    const [event] = toCatalogEvents(importChange(storedImportJob(), after));

    expect(event).toMatchObject({
      type: 'import.completed',
      entityId: IMPORT_ID,
      data: {
        status: 'completed',
        rowsRead: 5000,
        rowsWritten: 4990,
        rowsRejected: 10,
        customersCreated: 120,
      },
    });
    expect(event).not.toHaveProperty('changedFields');
    expect(event?.data).not.toHaveProperty('gsi1pk');
  });

  it('announces an import that fails, with the reason', () => {
    const before = storedImportJob({ status: 'queued' });
    const after = storedImportJob({ status: 'failed', error: 'The uploaded file is gone', ...finished });

    const [event] = toCatalogEvents(importChange(before, after));

    expect(event).toMatchObject({ type: 'import.failed', data: { error: 'The uploaded file is gone' } });
  });

  it('announces a job first stored already finished', () => {
    const [event] = toCatalogEvents(
      importChange(undefined, storedImportJob({ status: 'completed', ...finished })),
    );

    expect(event?.type).toBe('import.completed');
  });

  it('says nothing while a job is accepted, starts and makes progress', () => {
    expect(toCatalogEvents(importChange(undefined, storedImportJob({ status: 'queued' })))).toEqual([]);
    expect(toCatalogEvents(importChange(storedImportJob({ status: 'queued' }), storedImportJob()))).toEqual(
      [],
    );
    const progressed = storedImportJob({ rowsRead: 10_000, rowsWritten: 9990 });
    expect(toCatalogEvents(importChange(storedImportJob(), progressed))).toEqual([]);
  });

  it('says nothing when a finished job is saved again', () => {
    const done = storedImportJob({ status: 'completed', ...finished });

    expect(toCatalogEvents(importChange(done, { ...done, rowsRejected: 11 }))).toEqual([]);
  });

  it('says nothing when a job is deleted', () => {
    expect(toCatalogEvents(importChange(storedImportJob({ status: 'completed', ...finished })))).toEqual([]);
  });
});

describe('toCatalogEvents: analytics refits', () => {
  const fitChange = (before?: Record<string, unknown>, after?: Record<string, unknown>) =>
    entityChange({ entityType: 'modelFit', ...(before ? { before } : {}), ...(after ? { after } : {}) });

  it('announces a succeeded refit with its headline figures only', () => {
    const [event] = toCatalogEvents(fitChange(storedRunningFit(), storedSucceededFit()));

    expect(event).toEqual(
      expect.objectContaining({
        type: 'analytics.refit.completed',
        entityId: FIT_ID,
        data: {
          id: FIT_ID,
          trigger: 'schedule',
          startedAt: '2026-02-07T01:00:00.000Z',
          fittedAt: '2026-02-07T01:00:09.000Z',
          calibration: { from: '2025-01-01', to: '2026-02-06' },
          currency: 'CNY',
          converged: true,
          customers: { total: 2400, withOrders: 2357, repeaters: 1189 },
          abcCounts: { A: 470, B: 590, C: 1297 },
          expectedRevenue: {
            horizonMonths: 12,
            monthlyDiscountRate: 0.01,
            clvSum: 98_000_000,
            expectedPurchases90d: 812.5,
          },
        },
      }),
    );
  });

  it('announces a failed refit with its error, without the error details', () => {
    const after = storedRunningFit({
      status: 'failed',
      fittedAt: '2026-02-07T01:00:02.000Z',
      error: { code: 'too_few_customers', message: 'Need 10 repeat buyers', details: { repeaters: 2 } },
    });

    const [event] = toCatalogEvents(fitChange(storedRunningFit(), after));

    expect(event).toMatchObject({
      type: 'analytics.refit.failed',
      data: { id: FIT_ID, error: { code: 'too_few_customers', message: 'Need 10 repeat buyers' } },
    });
    expect(event?.data).not.toHaveProperty(['error', 'details']);
  });

  it('says nothing when a run starts', () => {
    expect(toCatalogEvents(fitChange(undefined, storedRunningFit()))).toEqual([]);
  });

  it('says nothing when a finished run is saved again', () => {
    expect(toCatalogEvents(fitChange(storedSucceededFit(), storedSucceededFit()))).toEqual([]);
  });

  it('announces a refit once: the copy saved as the latest fit is no event', () => {
    const latest = entityChange({
      entityType: 'modelLatest',
      after: { ...storedSucceededFit(), entityType: 'modelLatest' },
    });

    expect(toCatalogEvents(latest)).toEqual([]);
  });
});

describe('toCatalogEvents: churn', () => {
  const churnChange = (before: Record<string, unknown> | undefined, after: Record<string, unknown>) =>
    entityChange({ entityType: 'churnFile', ...(before ? { before } : {}), after });
  const types = (before: Record<string, unknown> | undefined, after: Record<string, unknown>) =>
    toCatalogEvents(churnChange(before, after)).map((event) => event.type);

  it('raises churn risk when a valuable customer leaves active, with the state and the suggested step', () => {
    const [event] = toCatalogEvents(churnChange(storedChurnFile(), storedAtRiskChurnFile()));

    expect(event).toMatchObject({
      type: 'churn.risk.raised',
      entityId: CUSTOMER_ID,
      data: { id: CUSTOMER_ID, state: 'at_risk', valuable: true, suggestion: 'personal_call' },
    });
    for (const attribute of internalAttributes) expect(event?.data).not.toHaveProperty(attribute);
  });

  it('raises it for a first file that is already away, and for a customer who turned valuable while away', () => {
    expect(types(undefined, storedAtRiskChurnFile({ state: 'dormant' }))).toEqual(['churn.risk.raised']);
    expect(
      types(
        storedAtRiskChurnFile({ valuable: false, abcClass: 'B' }),
        storedAtRiskChurnFile({ state: 'dormant' }),
      ),
    ).toEqual(['churn.risk.raised']);
  });

  it('raises it once per episode: drifting further (at risk → dormant → lost) is no new event', () => {
    expect(types(storedAtRiskChurnFile(), storedAtRiskChurnFile({ state: 'dormant' }))).toEqual([]);
    expect(
      types(storedAtRiskChurnFile({ state: 'dormant' }), storedAtRiskChurnFile({ state: 'lost' })),
    ).toEqual([]);
  });

  it('clears it when a customer it was raised for is active again', () => {
    expect(types(storedAtRiskChurnFile({ state: 'lost' }), storedChurnFile())).toEqual([
      'churn.risk.cleared',
    ]);
  });

  it('says nothing for customers who are not valuable, and for a first active file', () => {
    const ordinary = { valuable: false, abcClass: 'C' };
    expect(types(storedChurnFile(ordinary), storedAtRiskChurnFile(ordinary))).toEqual([]);
    expect(types(storedAtRiskChurnFile(ordinary), storedChurnFile(ordinary))).toEqual([]);
    expect(types(undefined, storedChurnFile())).toEqual([]);
  });
});

describe('toCatalogEvents: receivables', () => {
  const receivableChange = (before: Record<string, unknown> | undefined, after?: Record<string, unknown>) =>
    entityChange({ entityType: 'receivable', ...(before ? { before } : {}), ...(after ? { after } : {}) });

  it('announces invoice.overdue when credit control marks a receivable overdue, with what is still owed', () => {
    const [event, ...rest] = toCatalogEvents(
      receivableChange(storedReceivable(), storedReceivable({ overdueAt: '2026-02-07T01:00:00.000Z' })),
    );

    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      type: 'invoice.overdue',
      entityId: RECEIVABLE_ID,
      data: {
        id: RECEIVABLE_ID,
        customerId: CUSTOMER_ID,
        amount: 150_000,
        paid: 50_000,
        dueDate: '2026-02-04',
      },
    });
    for (const attribute of internalAttributes) expect(event?.data).not.toHaveProperty(attribute);
  });

  it('announces it once: a payment on an overdue receivable, a new receivable or a deleted one is no event', () => {
    const overdue = storedReceivable({ overdueAt: '2026-02-07T01:00:00.000Z' });

    expect(toCatalogEvents(receivableChange(overdue, { ...overdue, paid: 100_000 }))).toEqual([]);
    expect(toCatalogEvents(receivableChange(undefined, storedReceivable()))).toEqual([]);
    expect(toCatalogEvents(receivableChange(overdue))).toEqual([]);
  });
});

describe('toCatalogEvents: workflow runs', () => {
  const runChange = (before: Record<string, unknown> | undefined, after: Record<string, unknown>) =>
    entityChange({ entityType: 'workflowRun', ...(before ? { before } : {}), after });

  it.each([
    ['completed', 'workflow.run.completed'],
    ['failed', 'workflow.run.failed'],
  ] as const)(
    'announces a run that became %s, with its steps and without its plan or stored event',
    (status, type) => {
      const change = runChange(storedWorkflowRun(), storedFinishedWorkflowRun(status));

      const [event, ...more] = toCatalogEvents(change);

      expect(more).toEqual([]);
      expect(event).toMatchObject({
        id: change.eventId,
        type,
        entityId: storedWorkflowRun().id,
        data: { status, depth: 1, customerId: CUSTOMER_ID, steps: [expect.objectContaining({ index: 0 })] },
      });
      for (const hidden of ['plan', 'event', 'revision', 'pk', 'sk', 'entityType']) {
        expect(event?.data).not.toHaveProperty(hidden);
      }
    },
  );

  it('announces a run once: a first write, a step saved, a wait, a stopped run or a finished run saved again is no event', () => {
    const running = storedWorkflowRun();
    const waiting = storedWorkflowRun({
      status: 'waiting',
      resumeAt: '2026-02-08T02:03:05.000Z',
      revision: 2,
    });
    const stopped = storedWorkflowRun({ status: 'stopped', error: 'depth', finishedAt: running.startedAt });
    const done = storedFinishedWorkflowRun('completed');

    expect(toCatalogEvents(runChange(undefined, running))).toEqual([]);
    expect(toCatalogEvents(runChange(running, { ...running, revision: 2 }))).toEqual([]);
    expect(toCatalogEvents(runChange(running, waiting))).toEqual([]);
    expect(toCatalogEvents(runChange(undefined, stopped))).toEqual([]);
    expect(toCatalogEvents(runChange(done, { ...done, revision: 3 }))).toEqual([]);
    expect(toCatalogEvents(runChange(waiting, done)).map((event) => event.type)).toEqual([
      'workflow.run.completed',
    ]);
  });
});

describe('toCatalogEvents: everything else', () => {
  it.each([
    'customerHistory',
    'tenant',
    'user',
    'session',
    'mail',
    'customFieldValue',
    'importLock',
    'share',
  ])('says nothing for %s records', (entityType) => {
    const change = entityChange({ entityType, after: { id: 'x', entityType } });

    expect(toCatalogEvents(change)).toEqual([]);
  });

  it('reports a record that does not match its event schema, and emits nothing for it', () => {
    const onInvalidRecord = vi.fn();
    const change = entityChange({ entityType: 'customer', after: storedCustomer({ stats: 'lots' }) });

    expect(toCatalogEvents(change, { onInvalidRecord })).toEqual([]);
    expect(onInvalidRecord).toHaveBeenCalledWith(
      expect.objectContaining({
        change,
        eventType: 'customer.created',
        image: 'after',
        issues: [expect.objectContaining({ path: ['stats'] })],
      }),
    );
  });

  it('reports a record with an empty id, which its schema allows but no event can name', () => {
    const onInvalidRecord = vi.fn();
    const change = entityChange({ entityType: 'share', after: storedShare({ id: '' }) });

    expect(toCatalogEvents(change, { onInvalidRecord })).toEqual([]);
    expect(onInvalidRecord).toHaveBeenCalledWith(
      expect.objectContaining({
        eventType: 'share.granted',
        issues: [expect.objectContaining({ path: ['id'] })],
      }),
    );
  });

  it('treats images that are not records as absent', () => {
    const change = {
      ...entityChange({ entityType: 'customer' }),
      after: 'nonsense' as unknown as Record<string, unknown>,
    };

    expect(toCatalogEvents(change)).toEqual([]);
  });
});

describe('toCatalogEvents: tenant exports', () => {
  const exportChange = (before?: Record<string, unknown>, after?: Record<string, unknown>) =>
    entityChange({ entityType: 'tenantExport', ...(before ? { before } : {}), ...(after ? { after } : {}) });

  it('announces an export once it is done, with its counts and expiry and nothing that opens it', () => {
    const [event, ...more] = toCatalogEvents(exportChange(storedTenantExport(), storedDoneTenantExport()));

    expect(more).toEqual([]);
    expect(event).toMatchObject({
      type: 'tenant.export.completed',
      entityId: EXPORT_ID,
      tenantId: TENANT_ID,
      data: {
        id: EXPORT_ID,
        status: 'done',
        counts: { customer: 1000, interaction: 500 },
        itemsDone: 1500,
        bytes: 48_213,
        availableUntil: '2026-02-02T10:00:00.000Z',
      },
    });
    for (const secret of ['archiveKey', 'downloadTokenHash', 'url', 'pk', 'gsi1pk', 'expiresAt']) {
      expect(event?.data).not.toHaveProperty(secret);
    }
  });

  it('says nothing while it runs, when it is downloaded, or when it fails', () => {
    expect(toCatalogEvents(exportChange(undefined, storedTenantExport()))).toEqual([]);
    expect(
      toCatalogEvents(
        exportChange(storedTenantExport(), storedTenantExport({ itemsDone: 1400, version: 4 })),
      ),
    ).toEqual([]);
    const downloaded = storedDoneTenantExport({
      status: 'downloaded',
      downloadedAt: '2026-02-01T11:00:00.000Z',
      downloadTokenHash: 'ab'.repeat(32),
    });
    expect(toCatalogEvents(exportChange(storedDoneTenantExport(), downloaded))).toEqual([]);
    const failed = storedTenantExport({ status: 'failed', error: 'The export failed; start another' });
    expect(toCatalogEvents(exportChange(storedTenantExport(), failed))).toEqual([]);
    expect(toCatalogEvents(exportChange(storedDoneTenantExport(), undefined))).toEqual([]);
  });
});
