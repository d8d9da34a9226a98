import type { EntityChange } from '../entity-change.js';

/**
 * Records as the stream delivers them (what the repositories in packages/dynamodb store), with
 * their storage attributes, for the event tests. Here rather than in packages/testing because the
 * domain package imports no workspace package.
 */

export const TENANT_ID = '01JTENANT0000000000000000A';
const T = `T#${TENANT_ID}#`;

/** Attributes only storage knows: none may ever appear in an event. */
export const internalAttributes = [
  'pk',
  'sk',
  'entityType',
  'expiresAt',
  'statsRevision',
  'version',
  ...Array.from({ length: 8 }, (_, index) => [`gsi${index + 1}pk`, `gsi${index + 1}sk`]).flat(),
] as const;

type Stored = Record<string, unknown>;

export const CUSTOMER_ID = '01JCUSTOMER000000000000001';
const USER_ID = '01JUSER00000000000000000001';

export function storedCustomer(overrides: Stored = {}): Stored {
  const list = `${T}CUSTOMERS#LIVE#2`;
  return {
    id: CUSTOMER_ID,
    name: '王记粮油',
    kind: 'business',
    status: 'active',
    tags: ['rice', 'wholesale'],
    customFields: { credit_rating: 'A', route: 7 },
    ownerId: USER_ID,
    email: 'buyer@wangji.example',
    phone: '+86 21 5555 0101',
    industry: 'retail',
    stats: {
      interactionCount: 3,
      orderCount: 2,
      orderValue: 250_000,
      orderValueByCurrency: { CNY: 250_000 },
      paymentValue: 100_000,
      firstOrderAt: '2026-01-05T08:00:00.000Z',
      lastOrderAt: '2026-02-05T08:00:00.000Z',
      lastInteractionAt: '2026-02-06T08:00:00.000Z',
    },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    createdBy: USER_ID,
    updatedBy: USER_ID,
    version: 4,
    statsRevision: 3,
    pk: `${T}C#${CUSTOMER_ID}`,
    sk: 'PROFILE',
    entityType: 'customer',
    gsi1pk: list,
    gsi1sk: `王记粮油#${CUSTOMER_ID}`,
    gsi2pk: list,
    gsi2sk: `2026-01-01T00:00:00.000Z#${CUSTOMER_ID}`,
    gsi3pk: list,
    gsi3sk: `2026-02-06T08:00:00.000Z#${CUSTOMER_ID}`,
    gsi4pk: list,
    gsi4sk: `0000000000250000#${CUSTOMER_ID}`,
    gsi5pk: `${T}CUSTOMEREMAIL#2`,
    gsi5sk: `buyer@wangji.example#${CUSTOMER_ID}`,
    ...overrides,
  };
}

export function customerScores(overrides: Stored = {}): Stored {
  return {
    segment: 'champions',
    rfm: { r: 5, f: 4, m: 5, fm: 4.5, code: '545' },
    abcClass: 'A',
    pAlive: 0.93,
    expectedPurchases90d: 1.7,
    nextPurchaseAt: '2026-03-01',
    clv: 820_000,
    expectedSpend: 120_000,
    valueIndex: 88,
    lifecycleSuggestion: { stage: 'stability', name: '稳定期', rule: 'repeat buyer, alive' },
    inputs: {
      x: 1,
      tx: 4.4,
      T: 8,
      firstOrderOn: '2026-01-05',
      lastOrderOn: '2026-02-05',
      totalAmount: 250_000,
      spendCount: 2,
      meanSpend: 125_000,
    },
    scoredAt: '2026-02-07T01:00:00.000Z',
    modelFittedAt: '2026-02-07T01:00:00.000Z',
    fitId: '01JFIT0000000000000000000A',
    ...overrides,
  };
}

export const CONTACT_ID = '01JCONTACT0000000000000001';

export function storedContact(overrides: Stored = {}): Stored {
  return {
    id: CONTACT_ID,
    customerId: CUSTOMER_ID,
    name: '李娜',
    title: '采购经理',
    roles: ['buyer', 'decision_maker'],
    phone: '+86 138 0000 0001',
    primary: true,
    relations: [],
    createdAt: '2026-01-03T00:00:00.000Z',
    updatedAt: '2026-01-03T00:00:00.000Z',
    version: 1,
    pk: `${T}C#${CUSTOMER_ID}`,
    sk: `CONTACT#${CONTACT_ID}`,
    entityType: 'contact',
    ...overrides,
  };
}

export const INTERACTION_ID = '01JINTERACTION000000000001';

export function storedInteraction(overrides: Stored = {}): Stored {
  const occurredAt = '2026-02-05T08:00:00.000Z';
  return {
    id: INTERACTION_ID,
    customerId: CUSTOMER_ID,
    type: 'order',
    occurredAt,
    amount: 150_000,
    currency: 'CNY',
    quantity: 20,
    dueDate: '2026-03-07',
    reference: 'SO-2026-0042',
    actorId: USER_ID,
    source: 'api',
    createdAt: '2026-02-05T08:01:00.000Z',
    createdBy: USER_ID,
    version: 1,
    pk: `${T}C#${CUSTOMER_ID}`,
    sk: `I#${occurredAt}#${INTERACTION_ID}`,
    entityType: 'interaction',
    ...overrides,
  };
}

/** A credit file as the credit reaction stores it, in the customer's partition. */
export function storedCreditFile(overrides: Stored = {}): Stored {
  return {
    customerId: CUSTOMER_ID,
    status: 'ok',
    score: 72,
    grade: 'A',
    limit: 1_000_000,
    limitSource: 'grade',
    termDays: 30,
    currency: 'CNY',
    exposure: 150_000,
    overdue: 0,
    maxDaysOverdue: 0,
    reasons: [],
    factors: [{ factor: 'paymentHistory', value: 1, weight: 35, basis: '4 of 4 paid on time' }],
    ageing: { notDue: 150_000, d0_30: 0, d31_60: 0, d61_90: 0, d91_120: 0, d121Plus: 0 },
    releasePending: false,
    heldSince: null,
    override: null,
    pendingLimit: null,
    rating: null,
    settledOnTime: 4,
    settledTotal: 4,
    unapplied: 0,
    evaluatedAt: '2026-02-05T08:01:01.000Z',
    version: 3,
    pk: `${T}C#${CUSTOMER_ID}`,
    sk: 'CREDIT',
    entityType: 'creditFile',
    ...overrides,
  };
}

export const IMPORT_ID = '01JIMPORT00000000000000001';

export function storedImportJob(overrides: Stored = {}): Stored {
  return {
    id: IMPORT_ID,
    kind: 'transactions',
    layout: 'cdnow',
    status: 'running',
    rowsRead: 5000,
    rowsWritten: 4990,
    rowsUnchanged: 0,
    rowsRejected: 10,
    customersCreated: 120,
    fileHash: 'c0ffee'.padEnd(64, '0'),
    startedAt: '2026-02-01T10:00:00.000Z',
    createdBy: USER_ID,
    pk: `${T}IMPORT#${IMPORT_ID}`,
    sk: 'IMPORT',
    entityType: 'importJob',
    gsi1pk: `${T}IMPORTS`,
    gsi1sk: IMPORT_ID,
    ...overrides,
  };
}

export const EXPORT_ID = '01JEXPORT00000000000000001';

/** A tenant export as saved while it runs; the archive's key and link hash are stored, never sent. */
export function storedTenantExport(overrides: Stored = {}): Stored {
  return {
    id: EXPORT_ID,
    status: 'running',
    familiesDone: 3,
    familiesTotal: 40,
    itemsDone: 1200,
    counts: {},
    startedBy: USER_ID,
    startedAt: '2026-02-01T10:00:00.000Z',
    version: 3,
    pk: `${T}EXPORT#${EXPORT_ID}`,
    sk: 'EXPORT',
    entityType: 'tenantExport',
    gsi1pk: `${T}EXPORTS`,
    gsi1sk: EXPORT_ID,
    expiresAt: 1_770_000_000,
    ...overrides,
  };
}

/** The same export on the write that finishes it. */
export function storedDoneTenantExport(overrides: Stored = {}): Stored {
  return storedTenantExport({
    status: 'done',
    familiesDone: 40,
    itemsDone: 1500,
    counts: { customer: 1000, interaction: 500 },
    bytes: 48_213,
    finishedAt: '2026-02-01T10:02:00.000Z',
    availableUntil: '2026-02-02T10:00:00.000Z',
    archiveKey: `exports/${TENANT_ID}/${EXPORT_ID}.zip`,
    version: 4,
    ...overrides,
  });
}

export const FIT_ID = '01JFIT0000000000000000000A';

/** A run as first saved: `running`, nothing fitted yet. */
export function storedRunningFit(overrides: Stored = {}): Stored {
  const startedAt = '2026-02-07T01:00:00.000Z';
  return {
    id: FIT_ID,
    status: 'running',
    trigger: 'schedule',
    startedAt,
    pk: `${T}MODEL`,
    sk: `FIT#${startedAt}#${FIT_ID}`,
    entityType: 'modelFit',
    ...overrides,
  };
}

/** A run saved again on success, with everything the fit stores. */
export function storedSucceededFit(overrides: Stored = {}): Stored {
  return storedRunningFit({
    status: 'succeeded',
    fittedAt: '2026-02-07T01:00:09.000Z',
    calibration: { from: '2025-01-01', to: '2026-02-06' },
    currency: 'CNY',
    bgnbd: {
      r: 0.243,
      alpha: 4.414,
      a: 0.793,
      b: 2.426,
      logLikelihood: -9582.4,
      iterations: 41,
      gradientNorm: 1e-7,
      method: 'bfgs',
    },
    diagnostics: { converged: true, customers: 2357, repeaters: 1189, orders: 6919, totalMs: 9000 },
    rfm: {
      recencyDays: [5, 20, 40, 80],
      frequency: [1, 1, 2, 4],
      monetary: [1000, 2000, 5000, 9000],
    },
    summary: {
      asOf: '2026-02-06',
      currency: 'CNY',
      customers: { total: 2400, withOrders: 2357, repeaters: 1189 },
      valueDistribution: [],
      abc: {
        thresholds: { a: 0.8, b: 0.95 },
        counts: { A: 470, B: 590, C: 1297 },
        shares: { A: 0.8, B: 0.15, C: 0.05 },
      },
      segments: [],
      lifecycle: [],
      months: [
        {
          month: '2026-01',
          activeCustomers: 300,
          retainedCustomers: 120,
          retentionRate: 0.4,
          newCustomers: 30,
          customerBase: 2357,
          acquisitionRate: 0.0127,
        },
      ],
      expectedRevenue: {
        horizonMonths: 12,
        monthlyDiscountRate: 0.01,
        clvSum: 98_000_000,
        expectedPurchases90d: 812.5,
      },
    },
    ...overrides,
  });
}

let sequence = 0;

/** A change as `toEntityChange` makes it: the kind follows from which images are present. */
export function entityChange(input: {
  entityType: string;
  before?: Stored;
  after?: Stored;
  eventId?: string;
}): EntityChange {
  sequence += 1;
  const change: EntityChange = {
    eventId: input.eventId ?? `event-${sequence}`,
    sequenceNumber: String(1_000 + sequence),
    tenantId: TENANT_ID,
    entityType: input.entityType,
    kind: input.before && input.after ? 'updated' : input.after ? 'created' : 'removed',
    occurredAt: '2026-02-07T02:03:04.000Z',
  };
  if (input.before) change.before = input.before;
  if (input.after) change.after = input.after;
  return change;
}

/** A churn file as the churn reaction and the nightly pass store it, in the customer's partition. */
export function storedChurnFile(overrides: Stored = {}): Stored {
  return {
    customerId: CUSTOMER_ID,
    state: 'active',
    since: '2026-01-10T02:00:00.000Z',
    leftActiveAt: null,
    lastOrderAt: '2026-01-10T01:00:00.000Z',
    daysSinceLastOrder: 0.04,
    gapDays: 14,
    gapRatio: 0,
    pAlive: 0.92,
    decidedBy: 'none',
    abcClass: 'A',
    valuable: true,
    suggestion: null,
    evaluatedAt: '2026-01-10T02:00:00.000Z',
    pk: `${T}C#${CUSTOMER_ID}`,
    sk: 'CHURN',
    entityType: 'churnFile',
    ...overrides,
  };
}

/** The churn file of a customer who has drifted to at risk. */
export function storedAtRiskChurnFile(overrides: Stored = {}): Stored {
  return storedChurnFile({
    state: 'at_risk',
    since: '2026-02-07T02:00:00.000Z',
    leftActiveAt: '2026-02-07T02:00:00.000Z',
    daysSinceLastOrder: 28,
    gapRatio: 2,
    decidedBy: 'gap',
    suggestion: 'personal_call',
    evaluatedAt: '2026-02-07T02:00:00.000Z',
    ...overrides,
  });
}

export const RECEIVABLE_ID = '01JINVOICE0000000000000001';

/** A receivable as credit control stores it, in the customer's partition (open: in the due-date index). */
export function storedReceivable(overrides: Stored = {}): Stored {
  return {
    id: RECEIVABLE_ID,
    customerId: CUSTOMER_ID,
    issuedAt: '2026-01-05T03:00:00.000Z',
    dueDate: '2026-02-04',
    amount: 150_000,
    paid: 50_000,
    source: 'invoice',
    currency: 'CNY',
    pk: `${T}C#${CUSTOMER_ID}`,
    sk: `AR#${RECEIVABLE_ID}`,
    entityType: 'receivable',
    gsi1pk: `${T}AROPEN`,
    gsi1sk: `2026-02-04#${CUSTOMER_ID}#${RECEIVABLE_ID}`,
    ...overrides,
  };
}

export const COMPLAINT_ID = '01JCOMPLAINT00000000000001';

/** A complaint as the complaint service stores it, at `recorded` unless overridden. */
export function storedComplaint(overrides: Stored = {}): Stored {
  const at = '2026-02-05T08:00:00.000Z';
  return {
    id: COMPLAINT_ID,
    customerId: CUSTOMER_ID,
    summary: '包裹破损 / parcel arrived broken',
    category: 'delivery',
    severity: 'high',
    channel: 'phone',
    attachments: [{ url: 'https://files.example/photo-1.jpg', label: 'photo' }],
    step: 'recorded',
    outcome: null,
    departmentId: null,
    stepEnteredAt: at,
    stepDueAt: '2026-02-05T16:00:00.000Z',
    overdue: false,
    escalations: [],
    followUp: null,
    trail: [{ at, by: USER_ID, action: 'record', from: null, to: 'recorded', details: {} }],
    recordedAt: at,
    recordedBy: USER_ID,
    createdAt: at,
    updatedAt: at,
    updatedBy: USER_ID,
    version: 1,
    pk: `${T}COMPLAINT#${COMPLAINT_ID}`,
    sk: 'COMPLAINT',
    gsi1pk: `${T}COMPLAINTS`,
    gsi1sk: `${at}#${COMPLAINT_ID}`,
    entityType: 'complaint',
    ...overrides,
  };
}

export const SERVICE_REQUEST_ID = '01JSERVICE0000000000000001';

/** A service request as the service stores it, at `received` unless overridden. */
export function storedServiceRequest(overrides: Stored = {}): Stored {
  const at = '2026-02-05T08:00:00.000Z';
  return {
    id: SERVICE_REQUEST_ID,
    customerId: CUSTOMER_ID,
    summary: '空调不制冷 / air conditioner not cooling',
    category: 'repair',
    priority: 'high',
    channel: 'phone',
    requestedWindow: { from: '2026-02-06T01:00:00.000Z', to: '2026-02-06T09:00:00.000Z' },
    status: 'received',
    stepEnteredAt: at,
    stepDueAt: '2026-02-05T16:00:00.000Z',
    overdue: false,
    escalations: [],
    assignee: null,
    dueAt: '2026-02-06T09:00:00.000Z',
    visits: [],
    result: null,
    followUp: null,
    planId: null,
    planDueOn: null,
    trail: [{ at, by: USER_ID, action: 'receive', from: null, to: 'received', details: {} }],
    receivedAt: at,
    receivedBy: USER_ID,
    createdAt: at,
    updatedAt: at,
    updatedBy: USER_ID,
    version: 1,
    pk: `${T}SR#${SERVICE_REQUEST_ID}`,
    sk: 'SR',
    gsi1pk: `${T}SRS`,
    gsi1sk: `${at}#${SERVICE_REQUEST_ID}`,
    gsi2pk: `${T}SRSOPEN`,
    gsi2sk: `2026-02-05T16:00:00.000Z#${SERVICE_REQUEST_ID}`,
    entityType: 'serviceRequest',
    ...overrides,
  };
}

export const SURVEY_ID = '01JSURVEY00000000000000001';
export const SURVEY_INVITATION_ID = '01JSURVEYINV00000000000001';

/** A survey invitation as the survey repository stores it, sent and not yet answered unless overridden. */
export function storedSurveyInvitation(overrides: Stored = {}): Stored {
  const at = '2026-02-05T02:00:00.000Z';
  return {
    id: SURVEY_INVITATION_ID,
    surveyId: SURVEY_ID,
    customerId: CUSTOMER_ID,
    email: 'buyer@example.com',
    sentAt: at,
    sentBy: USER_ID,
    validUntil: '2026-03-07T02:00:00.000Z',
    answeredAt: null,
    answers: null,
    rating: null,
    locale: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
    pk: `${T}SURVEY#${SURVEY_ID}`,
    sk: `INV#${at}#${SURVEY_INVITATION_ID}`,
    gsi3pk: `${T}C#${CUSTOMER_ID}#SURVEYS`,
    gsi3sk: `${at}#${SURVEY_INVITATION_ID}`,
    entityType: 'surveyInvitation',
    ...overrides,
  };
}

export const TASK_ID = '01JTASK0000000000000000001';

/** A care reminder as the tasks service stores it, open unless overridden. */
export function storedTask(overrides: Stored = {}): Stored {
  const at = '2026-02-05T01:00:00.000Z';
  return {
    id: TASK_ID,
    kind: 'reorder',
    customerId: CUSTOMER_ID,
    customerName: '王记粮油',
    status: 'open',
    dueOn: '2026-02-08',
    ref: null,
    details: { expectedOn: '2026-02-08', lastOrderOn: '2026-01-10', daysUntil: 3, pAlive: 0.92 },
    assigneeId: USER_ID,
    snoozedUntil: null,
    completedAt: null,
    completedBy: null,
    note: null,
    createdAt: at,
    createdBy: 'system:tasks',
    updatedAt: at,
    updatedBy: 'system:tasks',
    version: 1,
    pk: `${T}TASK#${TASK_ID}`,
    sk: 'TASK',
    gsi1pk: `${T}TASKS`,
    gsi1sk: `2026-02-08#${TASK_ID}`,
    entityType: 'task',
    ...overrides,
  };
}

export const LEAD_ID = '01JLEAD0000000000000000001';

/** A lead as the lead service stores it, open unless overridden. */
export function storedLead(overrides: Stored = {}): Stored {
  const at = '2026-02-05T09:00:00.000Z';
  return {
    id: LEAD_ID,
    name: '李娜',
    source: 'trade fair',
    email: 'li.na@example.cn',
    company: '华南车行',
    ownerId: USER_ID,
    grade: 'B',
    gradedBy: 'rules',
    status: 'open',
    createdAt: at,
    createdBy: USER_ID,
    updatedAt: at,
    updatedBy: USER_ID,
    version: 1,
    pk: `${T}LEAD#${LEAD_ID}`,
    sk: 'LEAD',
    gsi1pk: `${T}LEADS`,
    gsi1sk: `${at}#${LEAD_ID}`,
    entityType: 'lead',
    ...overrides,
  };
}

export const OPPORTUNITY_ID = '01JOPP00000000000000000001';

/** An open deal as the opportunity service stores it, in `qualify` unless overridden. */
export function storedOpportunity(overrides: Stored = {}): Stored {
  const at = '2026-02-05T09:30:00.000Z';
  return {
    id: OPPORTUNITY_ID,
    customerId: CUSTOMER_ID,
    leadId: LEAD_ID,
    name: '10 delivery vans',
    amount: 500_000,
    currency: 'USD',
    expectedCloseDate: '2026-03-31',
    pipeline: 'default',
    stage: 'qualify',
    stageEnteredAt: at,
    stageHistory: [{ stage: 'qualify', enteredAt: at, leftAt: null, by: USER_ID }],
    competitors: ['Rival Motors'],
    nextActivity: null,
    lastActivityAt: at,
    status: 'open',
    ownerId: USER_ID,
    lostReason: null,
    lostCompetitor: null,
    closeNote: null,
    closedAt: null,
    closedBy: null,
    createdAt: at,
    createdBy: USER_ID,
    updatedAt: at,
    updatedBy: USER_ID,
    version: 1,
    pk: `${T}OPP#${OPPORTUNITY_ID}`,
    sk: 'OPP',
    gsi2pk: `${T}OPPS#open`,
    gsi2sk: `${at}#${OPPORTUNITY_ID}`,
    entityType: 'opportunity',
    ...overrides,
  };
}

export const QUOTE_ID = '01JQUOTE000000000000000001';

/** A sent quote as the quote repository stores it. */
export function storedQuote(overrides: Stored = {}): Stored {
  const at = '2026-02-06T10:00:00.000Z';
  return {
    id: QUOTE_ID,
    opportunityId: OPPORTUNITY_ID,
    customerId: CUSTOMER_ID,
    lines: [
      {
        description: 'Delivery van',
        quantity: 10,
        unitPrice: 50_000,
        discount: { kind: 'percent', value: 5 },
      },
    ],
    discount: null,
    taxes: [{ name: 'VAT', rate: 13 }],
    currency: 'USD',
    validUntil: '2026-03-08',
    note: null,
    totals: {
      lines: [{ gross: 500_000, discount: 25_000, net: 475_000 }],
      subtotal: 475_000,
      discount: 0,
      net: 475_000,
      taxes: [{ name: 'VAT', rate: 13, amount: 61_750 }],
      tax: 61_750,
      total: 536_750,
    },
    status: 'sent',
    sentAt: at,
    sentBy: USER_ID,
    decidedAt: null,
    decidedBy: null,
    rejectReason: null,
    order: null,
    createdAt: at,
    createdBy: USER_ID,
    updatedAt: at,
    updatedBy: USER_ID,
    version: 2,
    pk: `${T}QUOTE#${QUOTE_ID}`,
    sk: 'QUOTE',
    gsi1pk: `${T}QUOTES`,
    gsi1sk: `${at}#${QUOTE_ID}`,
    entityType: 'quote',
    ...overrides,
  };
}

/** An upgrade as the member repository records it in the customer's partition. */
export function storedMemberTierChange(overrides: Stored = {}): Stored {
  const at = '2026-02-08T04:05:06.000Z';
  return {
    id: `${CUSTOMER_ID}#${at}#member`,
    customerId: CUSTOMER_ID,
    from: 'customer',
    to: 'member',
    figures: { monetary: 150_000, clv: null, recentOrders: 3 },
    valueBasis: 'monetary',
    windowDays: 365,
    changedAt: at,
    pk: `${T}C#${CUSTOMER_ID}`,
    sk: `TIER#${at}#member`,
    entityType: 'memberTierChange',
    ...overrides,
  };
}

export const WEBHOOK_ENDPOINT_ID = '01JWEBHK000000000000000001';

/** A webhook endpoint as the webhooks repository stores it (its secrets live in another item). */
export function storedWebhookEndpoint(overrides: Stored = {}): Stored {
  return {
    id: WEBHOOK_ENDPOINT_ID,
    url: 'https://hooks.example.com/crm',
    events: ['customer.*'],
    enabled: true,
    createdAt: '2026-02-01T09:00:00.000Z',
    updatedAt: '2026-02-01T09:00:00.000Z',
    createdBy: USER_ID,
    updatedBy: USER_ID,
    version: 1,
    pk: `${T}WEBHOOK#${WEBHOOK_ENDPOINT_ID}`,
    sk: 'ENDPOINT',
    entityType: 'webhookEndpoint',
    ...overrides,
  };
}

const WORKFLOW_ID = '01JWORKFLOW00000000000000A';
const WORKFLOW_RUN_ID = 'wfr_01JWORKFLOW00000000000000A_3_event-9';

/** A workflow run as the runner stores it: plan, triggering event and revision included. */
export function storedWorkflowRun(overrides: Stored = {}): Stored {
  return {
    id: WORKFLOW_RUN_ID,
    workflowId: WORKFLOW_ID,
    workflowVersion: 3,
    trigger: 'event',
    eventId: 'event-9',
    eventType: 'customer.updated',
    customerId: CUSTOMER_ID,
    status: 'running',
    depth: 1,
    plan: {
      eventId: 'event-9',
      eventType: 'customer.updated',
      triggerMatched: true,
      matched: true,
      conditions: { op: 'all', matched: true },
      customerId: CUSTOMER_ID,
      actions: [{ index: 0, type: 'task', summary: 'A task for the owner', effect: { title: 'Win back' } }],
    },
    steps: [],
    nextStep: 0,
    startedAt: '2026-02-07T02:03:05.000Z',
    event: { id: 'event-9', type: 'customer.updated', data: { id: CUSTOMER_ID } },
    revision: 1,
    pk: `${T}WFRUN#${WORKFLOW_RUN_ID}`,
    sk: 'RUN',
    entityType: 'workflowRun',
    ...overrides,
  };
}

/** The run above after its one step. */
export function storedFinishedWorkflowRun(status: 'completed' | 'failed'): Stored {
  const step = {
    index: 0,
    type: 'task',
    status: status === 'completed' ? 'done' : 'failed',
    summary: 'A task for the owner',
    at: '2026-02-07T02:03:05.000Z',
    ms: 12,
    ...(status === 'completed'
      ? { result: { taskIds: ['01JTASK0000000000000000001'] } }
      : { error: 'no owner' }),
  };
  return storedWorkflowRun({
    status,
    steps: [step],
    nextStep: status === 'completed' ? 1 : 0,
    finishedAt: '2026-02-07T02:03:05.000Z',
    durationMs: 12,
    revision: 2,
    ...(status === 'failed' ? { error: 'no owner' } : {}),
  });
}

export const CAMPAIGN_ID = '01JCAMPAIGN000000000000001';

/** A campaign as the campaign repository stores it, sending unless overridden. */
export function storedCampaign(overrides: Stored = {}): Stored {
  const at = '2026-02-06T02:00:00.000Z';
  return {
    id: CAMPAIGN_ID,
    name: 'Spring offer',
    channel: 'email',
    segmentId: '01JSEGMENT0000000000000001',
    subject: { zh: '{{name}}，春季优惠', en: 'Spring offer for {{name}}' },
    body: { zh: '您好 {{name}}', en: 'Hello {{name}}' },
    locale: 'zh',
    holdoutPercent: 10,
    conversionDays: 30,
    requireConsent: false,
    status: 'sending',
    progress: { processed: 3, sent: 2, skipped: 1, bounced: 0, holdout: 0 },
    sendStartedAt: at,
    sentAt: null,
    sentBy: USER_ID,
    createdAt: at,
    createdBy: USER_ID,
    updatedAt: at,
    version: 2,
    pk: `${T}CAMPAIGN#${CAMPAIGN_ID}`,
    sk: 'CAMPAIGN',
    gsi1pk: `${T}CAMPAIGNS`,
    gsi1sk: `${at}#${CAMPAIGN_ID}`,
    entityType: 'campaign',
    ...overrides,
  };
}

export const SHARE_ID = '01JSHARE000000000000000001';
export const ORGANISATION_ID = '01JORG00000000000000000001';

/** A share of the customer with a partner organisation, read-write until the end of March. */
export function storedShare(overrides: Stored = {}): Stored {
  const at = '2026-02-05T10:00:00.000Z';
  return {
    id: SHARE_ID,
    customerId: CUSTOMER_ID,
    partnerId: ORGANISATION_ID,
    grantee: 'organisation',
    fields: ['phone', 'address', 'interactions'],
    canAddInteractions: true,
    access: 'read-write',
    validUntil: '2026-03-31T16:00:00.000Z',
    grantedBy: USER_ID,
    createdAt: at,
    updatedAt: at,
    pk: `${T}SHARE#${ORGANISATION_ID}`,
    sk: `C#${CUSTOMER_ID}`,
    gsi1pk: `${T}SHARED#${CUSTOMER_ID}`,
    gsi1sk: ORGANISATION_ID,
    entityType: 'share',
    ...overrides,
  };
}
