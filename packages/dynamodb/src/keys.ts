import { createHash } from 'node:crypto';
import { ULID_PATTERN_SOURCE } from '@crm/domain';
import { fnv1a } from './fnv1a.js';

/**
 * The key catalog: every `pk`/`sk` string of the table is built here, and every index key of the
 * customer list in customer-index-keys.ts, nowhere else (keys.test.ts and
 * customer-index-keys.test.ts pin the exact strings).
 *
 * Tenant data begins with `T#<tenantId>#`; the repository guard (tenant-table.ts) and, in AWS,
 * the IAM `dynamodb:LeadingKeys` condition both check that prefix. Platform items that must be
 * found before a tenant is known (a person's identity for login, invitation links, login
 * throttles) begin with `P#`; only the auth flow reaches them, through platform-table.ts.
 */
const SEPARATOR = '#';

/** What every tenant key begins with, before the tenant id and a separator. */
export const TENANT_KEY_PREFIX = `T${SEPARATOR}`;

export const PLATFORM_KEY_PREFIX = `P${SEPARATOR}`;

export function tenantKeyPrefix(tenantId: string): string {
  if (!tenantId || tenantId.includes(SEPARATOR)) {
    throw new Error(`invalid tenant id for a key: ${JSON.stringify(tenantId)}`);
  }
  return `${TENANT_KEY_PREFIX}${tenantId}${SEPARATOR}`;
}

const TENANT_OF_KEY = new RegExp(`^${TENANT_KEY_PREFIX}([^${SEPARATOR}]+)${SEPARATOR}`);

/** Reads the tenant back from any key built here; undefined for a key that is not tenant-scoped. */
export function tenantOfKey(key: string): string | undefined {
  return TENANT_OF_KEY.exec(key)?.[1];
}

export type TableKey = { pk: string; sk: string };

/**
 * The sort-key prefixes of the items that share a partition with others: the builders below
 * write them and the queries read one kind of item by them (`begins_with(sk, …)`).
 */
export const sortKeyPrefixes = {
  mail: 'MAIL#',
  contact: 'CONTACT#',
  interaction: 'I#',
  history: 'H#',
  sharedCustomer: 'C#',
  customField: 'FIELD#',
  importRejects: 'REJECTS#',
  modelFit: 'FIT#',
  membership: 'M#',
  tenantRegistration: 'TENANT#',
  receivable: 'AR#',
  creditApplied: 'APPLIED#',
  creditDecision: 'CD#',
  department: 'DEPT#',
  webhookDelivery: 'DLV#',
  surveyInvitation: 'INV#',
  surveySendRun: 'RUN#',
  surveyClaim: 'CLAIM#',
  campaignRecipient: 'RCPT#',
  partnerOrganisation: 'ORG#',
  memberTierChange: 'TIER#',
} as const;

const sk = sortKeyPrefixes;

/**
 * Sort keys a client hands back inside a cursor, checked before they reach a query: an
 * interaction's (`I#<instant>#<id>`) and a share's (`C#<customerId>`).
 */
export const cursorSortKeyPatterns = {
  interaction: new RegExp(`^${sk.interaction}[0-9T:.+\\-Z]{10,40}${SEPARATOR}${ULID_PATTERN_SOURCE}$`),
  /** An alert's place in the inbox: `<createdAt>#<alertId>`. */
  alert: new RegExp(`^[0-9T:.+\\-Z]{10,40}${SEPARATOR}${ULID_PATTERN_SOURCE}$`),
  sharedCustomer: new RegExp(`^${sk.sharedCustomer}${ULID_PATTERN_SOURCE}$`),
  /** A task's place in the task list: `<dueOn>#<taskId>`. */
  task: new RegExp(`^\\d{4}-\\d{2}-\\d{2}${SEPARATOR}${ULID_PATTERN_SOURCE}$`),
  /** A lead's or a deal's place in its list: `<createdAt>#<id>`. */
  sales: new RegExp(`^[0-9T:.\\-Z]{20,30}${SEPARATOR}${ULID_PATTERN_SOURCE}$`),
  /** A delivery's place in its endpoint's log: `<createdAt>#<messageId>`. */
  webhookDelivery: new RegExp(`^[0-9T:.\\-Z]{20,30}${SEPARATOR}[A-Za-z0-9_-]{1,64}$`),
} as const;

const t = tenantKeyPrefix;

/** DynamoDB's limit on a partition key value, in UTF-8 bytes. */
export const MAX_PARTITION_KEY_BYTES = 2048;

const refitPagesPrefix = (fitId: string) => `REFIT#${fitId}#PAGE#`;

export const keys = {
  tenant: (tenantId: string): TableKey => ({ pk: `${t(tenantId)}TENANT`, sk: 'TENANT' }),
  /** The tenant's customer-list layout (its shard count), beside the tenant item. */
  customerListLayout: (tenantId: string): TableKey => ({ pk: `${t(tenantId)}TENANT`, sk: 'CUSTOMERLIST' }),

  user: (tenantId: string, userId: string): TableKey => ({ pk: `${t(tenantId)}USER#${userId}`, sk: 'USER' }),
  /** gsi1: the tenant's users sorted by e-mail. */
  usersIndex: (tenantId: string, email: string) => ({ gsi1pk: `${t(tenantId)}USERS`, gsi1sk: email }),
  usersPartition: (tenantId: string) => `${t(tenantId)}USERS`,
  /** Sessions (refresh tokens) of the user started at or before this item's instant are void. */
  userSessionsRevoked: (tenantId: string, userId: string): TableKey => ({
    pk: `${t(tenantId)}USER#${userId}`,
    sk: 'SESSIONS-REVOKED',
  }),
  /** Holds an e-mail within a tenant, so two users can never share one (a transaction guard). */
  userEmail: (tenantId: string, email: string): TableKey => ({
    pk: `${t(tenantId)}USEREMAIL#${email}`,
    sk: 'USEREMAIL',
  }),

  session: (tenantId: string, familyId: string): TableKey => ({
    pk: `${t(tenantId)}SESSION#${familyId}`,
    sk: 'SESSION',
  }),

  apiKey: (tenantId: string, keyId: string): TableKey => ({
    pk: `${t(tenantId)}APIKEY#${keyId}`,
    sk: 'APIKEY',
  }),
  apiKeysIndex: (tenantId: string, keyId: string) => ({ gsi1pk: `${t(tenantId)}APIKEYS`, gsi1sk: keyId }),
  apiKeysPartition: (tenantId: string) => `${t(tenantId)}APIKEYS`,

  mail: (tenantId: string, mailId: string): TableKey => ({
    pk: `${t(tenantId)}OUTBOX`,
    sk: `${sk.mail}${mailId}`,
  }),
  outboxPartition: (tenantId: string) => `${t(tenantId)}OUTBOX`,

  /** The customer's item collection: profile, contacts, timeline and history share one partition. */
  customer: (tenantId: string, customerId: string): TableKey => ({
    pk: `${t(tenantId)}C#${customerId}`,
    sk: 'PROFILE',
  }),
  customerPartition: (tenantId: string, customerId: string) => `${t(tenantId)}C#${customerId}`,
  contact: (tenantId: string, customerId: string, contactId: string): TableKey => ({
    pk: `${t(tenantId)}C#${customerId}`,
    sk: `${sk.contact}${contactId}`,
  }),
  /** Newest first is a reverse query on this sort key. */
  interaction: (
    tenantId: string,
    customerId: string,
    occurredAt: string,
    interactionId: string,
  ): TableKey => ({
    pk: `${t(tenantId)}C#${customerId}`,
    sk: `${sk.interaction}${occurredAt}#${interactionId}`,
  }),
  history: (tenantId: string, customerId: string, at: string, entryId: string): TableKey => ({
    pk: `${t(tenantId)}C#${customerId}`,
    sk: `${sk.history}${at}#${entryId}`,
  }),
  /** Maps an id from an imported file to our customer, so a re-import finds it again. */
  externalCustomer: (tenantId: string, externalId: string): TableKey => ({
    pk: `${t(tenantId)}EXT#${externalId}`,
    sk: 'EXT',
  }),
  /** A customer shared with a partner; the partner's partition lists what it may see. */
  share: (tenantId: string, partnerId: string, customerId: string): TableKey => ({
    pk: `${t(tenantId)}SHARE#${partnerId}`,
    sk: `${sk.sharedCustomer}${customerId}`,
  }),
  sharesOfPartner: (tenantId: string, partnerId: string) => `${t(tenantId)}SHARE#${partnerId}`,
  /** gsi1: the partners a customer is shared with. */
  sharesOfCustomerIndex: (tenantId: string, customerId: string, partnerId: string) => ({
    gsi1pk: `${t(tenantId)}SHARED#${customerId}`,
    gsi1sk: partnerId,
  }),
  sharesOfCustomer: (tenantId: string, customerId: string) => `${t(tenantId)}SHARED#${customerId}`,
  /** The tenant's partner organisations (dealers), one partition: a tenant has tens, not millions. */
  partnerOrganisation: (tenantId: string, organisationId: string): TableKey => ({
    pk: `${t(tenantId)}PARTNERORGS`,
    sk: `${sk.partnerOrganisation}${organisationId}`,
  }),
  partnerOrganisationsPartition: (tenantId: string) => `${t(tenantId)}PARTNERORGS`,
  customField: (tenantId: string, key: string): TableKey => ({
    pk: `${t(tenantId)}FIELDS`,
    sk: `${sk.customField}${key}`,
  }),
  customFieldsPartition: (tenantId: string) => `${t(tenantId)}FIELDS`,
  /**
   * Holds one value of a `unique` custom field. A value too long for a key (800 Chinese characters
   * are 2,400 bytes) is known by its SHA-256 instead, under its own prefix so no typed value can
   * meet a hash; values that fit keep the plain key they always had.
   */
  customFieldValue: (tenantId: string, key: string, value: string): TableKey => {
    const pk = `${t(tenantId)}FIELDVALUE#${key}#${value}`;
    if (Buffer.byteLength(pk, 'utf8') <= MAX_PARTITION_KEY_BYTES) return { pk, sk: 'FIELDVALUE' };
    const digest = createHash('sha256').update(value, 'utf8').digest('hex');
    return { pk: `${t(tenantId)}FIELDVALUEHASH#${key}#${digest}`, sk: 'FIELDVALUE' };
  },
  importJob: (tenantId: string, importId: string): TableKey => ({
    pk: `${t(tenantId)}IMPORT#${importId}`,
    sk: 'IMPORT',
  }),
  importRejects: (tenantId: string, importId: string, chunk: number): TableKey => ({
    pk: `${t(tenantId)}IMPORT#${importId}`,
    sk: `${sk.importRejects}${String(chunk).padStart(6, '0')}`,
  }),
  importPartition: (tenantId: string, importId: string) => `${t(tenantId)}IMPORT#${importId}`,
  importsIndex: (tenantId: string, importId: string) => ({
    gsi1pk: `${t(tenantId)}IMPORTS`,
    gsi1sk: importId,
  }),
  importsPartition: (tenantId: string) => `${t(tenantId)}IMPORTS`,
  /** One import at a time per tenant: the lock names the import holding it, until it expires. */
  /**
   * The tenant's request bucket (rate limits) in a partition of its own, as every request of the
   * tenant writes it; an API key's beside the key (its partition is the key's alone), so an export
   * or a deletion finds it where it finds the key.
   */
  tenantBucket: (tenantId: string): TableKey => ({ pk: `${t(tenantId)}BUCKET`, sk: 'TENANT' }),
  apiKeyBucket: (tenantId: string, keyId: string): TableKey => ({
    pk: `${t(tenantId)}APIKEY#${keyId}`,
    sk: 'BUCKET',
  }),
  importLock: (tenantId: string): TableKey => ({ pk: `${t(tenantId)}IMPORTLOCK`, sk: 'LOCK' }),
  /** The tenant's latest successful model fit (analytics): parameters, cut-offs, summary. */
  modelLatest: (tenantId: string): TableKey => ({ pk: `${t(tenantId)}MODEL`, sk: 'LATEST' }),
  /** Every fit run, succeeded or failed, oldest first by its start. */
  modelFit: (tenantId: string, startedAt: string, fitId: string): TableKey => ({
    pk: `${t(tenantId)}MODEL`,
    sk: `${sk.modelFit}${startedAt}#${fitId}`,
  }),
  modelPartition: (tenantId: string) => `${t(tenantId)}MODEL`,
  /** The tenant's purchase-model policy (a pinned model, or auto): one versioned item. */
  modelPolicy: (tenantId: string): TableKey => ({ pk: `${t(tenantId)}MODEL`, sk: 'POLICY' }),
  /** One refit at a time per tenant: the claim names the run holding it, until it goes stale. */
  refitLock: (tenantId: string): TableKey => ({ pk: `${t(tenantId)}MODEL`, sk: 'REFIT_LOCK' }),
  /**
   * A refit done in pieces (issue 21): its work state (phase, cursor, counts, the fit once made),
   * and each read page's orders in parts of ≤ 300 kB, kept until the run ends (and expiring anyway).
   */
  refitWork: (tenantId: string, fitId: string): TableKey => ({
    pk: `${t(tenantId)}MODEL`,
    sk: `REFIT#${fitId}#STATE`,
  }),
  refitPage: (tenantId: string, fitId: string, page: number, part: number): TableKey => ({
    pk: `${t(tenantId)}MODEL`,
    sk: `${refitPagesPrefix(fitId)}${String(page).padStart(6, '0')}#${String(part).padStart(3, '0')}`,
  }),
  /** Every page of one refit (all pages), or one page's parts. */
  refitPagesPrefix: (fitId: string, page?: number) =>
    page === undefined
      ? refitPagesPrefix(fitId)
      : `${refitPagesPrefix(fitId)}${String(page).padStart(6, '0')}#`,
  /**
   * The customer figures snapshot (docs/kpis.md): the head names the generation readers take;
   * each generation's chunks sort together under it, so a reader never mixes two.
   */
  kpiSnapshotHead: (tenantId: string): TableKey => ({ pk: `${t(tenantId)}KPISNAP`, sk: 'HEAD' }),
  kpiSnapshotChunk: (tenantId: string, generation: string, index: number): TableKey => ({
    pk: `${t(tenantId)}KPISNAP`,
    sk: `CHUNK#${generation}#${String(index).padStart(5, '0')}`,
  }),
  kpiSnapshotPartition: (tenantId: string) => `${t(tenantId)}KPISNAP`,

  /**
   * gsi2: contacts with a birthday, by month-day, so the nightly care pass reads the few days
   * ahead instead of every contact of every customer.
   */
  contactBirthdaysIndex: (tenantId: string, birthday: string, customerId: string, contactId: string) => ({
    gsi2pk: `${t(tenantId)}CONTACTBDAYS`,
    gsi2sk: `${birthday.slice(5, 10)}#${customerId}#${contactId}`,
  }),
  contactBirthdaysPartition: (tenantId: string) => `${t(tenantId)}CONTACTBDAYS`,

  /** The tenant's credit policy (信用政策): one versioned item. */
  creditPolicy: (tenantId: string): TableKey => ({ pk: `${t(tenantId)}CREDITPOLICY`, sk: 'POLICY' }),
  /** The customer's credit file (客户信用档案), in the customer's partition. */
  creditFile: (tenantId: string, customerId: string): TableKey => ({
    pk: `${t(tenantId)}C#${customerId}`,
    sk: 'CREDIT',
  }),
  /** The running totals of the customer's receivables, moved with each of them (one read per evaluation). */
  creditSummary: (tenantId: string, customerId: string): TableKey => ({
    pk: `${t(tenantId)}C#${customerId}`,
    sk: 'CREDITSUMMARY',
  }),
  /** gsi1: customers on hold, longest held first (the hold list). */
  creditHoldsIndex: (tenantId: string, heldSince: string, customerId: string) => ({
    gsi1pk: `${t(tenantId)}CREDITHOLDS`,
    gsi1sk: `${heldSince}#${customerId}`,
  }),
  creditHoldsPartition: (tenantId: string) => `${t(tenantId)}CREDITHOLDS`,
  /** gsi2: every credit file of the tenant by customer id (what the policy preview reads, bounded). */
  creditFilesIndex: (tenantId: string, customerId: string) => ({
    gsi2pk: `${t(tenantId)}CREDITFILES`,
    gsi2sk: customerId,
  }),
  creditFilesPartition: (tenantId: string) => `${t(tenantId)}CREDITFILES`,
  /**
   * How far the one-time catch-up of credit files saved before the files index (gsi2) has come:
   * beside the policy, so tenant exports and deletions reach it with the policy's partition.
   */
  creditFilesIndexCatchUp: (tenantId: string): TableKey => ({
    pk: `${t(tenantId)}CREDITPOLICY`,
    sk: 'FILESINDEX',
  }),
  /** One receivable (应收账款) per invoice or order, in the customer's partition. */
  receivable: (tenantId: string, customerId: string, receivableId: string): TableKey => ({
    pk: `${t(tenantId)}C#${customerId}`,
    sk: `${sk.receivable}${receivableId}`,
  }),
  /** gsi1: the tenant's open receivables by due date (what the nightly pass finds turning overdue). */
  openReceivablesIndex: (tenantId: string, dueDate: string, customerId: string, receivableId: string) => ({
    gsi1pk: `${t(tenantId)}AROPEN`,
    gsi1sk: `${dueDate}#${customerId}#${receivableId}`,
  }),
  openReceivablesPartition: (tenantId: string) => `${t(tenantId)}AROPEN`,
  /** Marks a payment as applied to the receivables, so a redelivered record never pays twice. */
  creditApplied: (tenantId: string, customerId: string, paymentId: string): TableKey => ({
    pk: `${t(tenantId)}C#${customerId}`,
    sk: `${sk.creditApplied}${paymentId}`,
  }),
  creditDecision: (tenantId: string, customerId: string, at: string, decisionId: string): TableKey => ({
    pk: `${t(tenantId)}C#${customerId}`,
    sk: `${sk.creditDecision}${at}#${decisionId}`,
  }),

  /** One alert (credit hold, churn risk), found by its id from the inbox's actions. */
  alert: (tenantId: string, alertId: string): TableKey => ({
    pk: `${t(tenantId)}ALERT#${alertId}`,
    sk: 'ALERT',
  }),
  /** gsi1: the tenant's alerts, newest first (the inbox without a status filter). */
  alertsIndex: (tenantId: string, createdAt: string, alertId: string) => ({
    gsi1pk: `${t(tenantId)}ALERTS`,
    gsi1sk: `${createdAt}#${alertId}`,
  }),
  alertsPartition: (tenantId: string) => `${t(tenantId)}ALERTS`,
  /** gsi2: the tenant's alerts in one status, newest first (the inbox's usual view). */
  alertsByStatusIndex: (tenantId: string, status: string, createdAt: string, alertId: string) => ({
    gsi2pk: `${t(tenantId)}ALERTS#${status}`,
    gsi2sk: `${createdAt}#${alertId}`,
  }),
  alertsByStatusPartition: (tenantId: string, status: string) => `${t(tenantId)}ALERTS#${status}`,
  /** gsi3: one customer's alerts of one type (what a release or a purchase resolves). */
  customerAlertsIndex: (
    tenantId: string,
    customerId: string,
    type: string,
    createdAt: string,
    alertId: string,
  ) => ({
    gsi3pk: `${t(tenantId)}ALERTSOF#${customerId}#${type}`,
    gsi3sk: `${createdAt}#${alertId}`,
  }),
  customerAlertsPartition: (tenantId: string, customerId: string, type: string) =>
    `${t(tenantId)}ALERTSOF#${customerId}#${type}`,

  /** The tenant's churn policy: one versioned item. */
  churnPolicy: (tenantId: string): TableKey => ({ pk: `${t(tenantId)}CHURNPOLICY`, sk: 'POLICY' }),
  /** The customer's churn state (活跃 / 风险 / 休眠 / 流失), in the customer's partition. */
  churnFile: (tenantId: string, customerId: string): TableKey => ({
    pk: `${t(tenantId)}C#${customerId}`,
    sk: 'CHURN',
  }),
  /** A complaint (客户投诉) in its own partition: read and transitioned by id alone. */
  complaint: (tenantId: string, complaintId: string): TableKey => ({
    pk: `${t(tenantId)}COMPLAINT#${complaintId}`,
    sk: 'COMPLAINT',
  }),
  /** gsi1: the tenant's complaints, newest recorded last (the board and the list read it backwards). */
  complaintsIndex: (tenantId: string, recordedAt: string, complaintId: string) => ({
    gsi1pk: `${t(tenantId)}COMPLAINTS`,
    gsi1sk: `${recordedAt}#${complaintId}`,
  }),
  complaintsPartition: (tenantId: string) => `${t(tenantId)}COMPLAINTS`,
  /** gsi2: open complaints by their step's SLA due time (what the nightly pass finds overdue). */
  openComplaintsIndex: (tenantId: string, stepDueAt: string, complaintId: string) => ({
    gsi2pk: `${t(tenantId)}COMPLAINTSOPEN`,
    gsi2sk: `${stepDueAt}#${complaintId}`,
  }),
  openComplaintsPartition: (tenantId: string) => `${t(tenantId)}COMPLAINTSOPEN`,
  /** gsi3: one customer's complaints (the 360° header and the customer filter). */
  customerComplaintsIndex: (
    tenantId: string,
    customerId: string,
    recordedAt: string,
    complaintId: string,
  ) => ({
    gsi3pk: `${t(tenantId)}C#${customerId}#COMPLAINTS`,
    gsi3sk: `${recordedAt}#${complaintId}`,
  }),
  customerComplaintsPartition: (tenantId: string, customerId: string) =>
    `${t(tenantId)}C#${customerId}#COMPLAINTS`,
  /** The tenant's departments that handle complaints, one partition. */
  department: (tenantId: string, departmentId: string): TableKey => ({
    pk: `${t(tenantId)}DEPARTMENTS`,
    sk: `${sk.department}${departmentId}`,
  }),
  departmentsPartition: (tenantId: string) => `${t(tenantId)}DEPARTMENTS`,
  /** The tenant's complaint SLA policy: one versioned item. */
  complaintPolicy: (tenantId: string): TableKey => ({ pk: `${t(tenantId)}COMPLAINTPOLICY`, sk: 'POLICY' }),
  /** The customer's satisfaction from rated complaints: beside, never on, the hot customer item. */
  customerSatisfaction: (tenantId: string, customerId: string): TableKey => ({
    pk: `${t(tenantId)}C#${customerId}`,
    sk: 'SATISFACTION',
  }),
  /** A service request (客户服务) in its own partition: read and transitioned by id alone. */
  serviceRequest: (tenantId: string, requestId: string): TableKey => ({
    pk: `${t(tenantId)}SR#${requestId}`,
    sk: 'SR',
  }),
  /** gsi1: the tenant's service requests by when they were received (the board reads it backwards). */
  serviceRequestsIndex: (tenantId: string, receivedAt: string, requestId: string) => ({
    gsi1pk: `${t(tenantId)}SRS`,
    gsi1sk: `${receivedAt}#${requestId}`,
  }),
  serviceRequestsPartition: (tenantId: string) => `${t(tenantId)}SRS`,
  /** gsi2: open service requests by their status's SLA due time (what the nightly SLA pass reads). */
  openServiceRequestsIndex: (tenantId: string, stepDueAt: string, requestId: string) => ({
    gsi2pk: `${t(tenantId)}SRSOPEN`,
    gsi2sk: `${stepDueAt}#${requestId}`,
  }),
  openServiceRequestsPartition: (tenantId: string) => `${t(tenantId)}SRSOPEN`,
  /** The tenant's service SLA policy: one versioned item. */
  serviceSlaPolicy: (tenantId: string): TableKey => ({ pk: `${t(tenantId)}SERVICEPOLICY`, sk: 'POLICY' }),
  /**
   * How far the one-time SLA backfill of requests received before SLAs existed has come: beside
   * the policy, so tenant exports and deletions reach it with the policy's partition.
   */
  serviceSlaBackfill: (tenantId: string): TableKey => ({
    pk: `${t(tenantId)}SERVICEPOLICY`,
    sk: 'SLABACKFILL',
  }),
  /** Marks that the class plans stored before the class index (gsi3) have been put in it. */
  serviceClassPlanIndexCatchUp: (tenantId: string): TableKey => ({
    pk: `${t(tenantId)}SERVICEPOLICY`,
    sk: 'CLASSPLANINDEX',
  }),
  /** gsi3: one customer's service requests (the 360° and the customer filter). */
  customerServiceRequestsIndex: (
    tenantId: string,
    customerId: string,
    receivedAt: string,
    requestId: string,
  ) => ({
    gsi3pk: `${t(tenantId)}C#${customerId}#SRS`,
    gsi3sk: `${receivedAt}#${requestId}`,
  }),
  customerServiceRequestsPartition: (tenantId: string, customerId: string) =>
    `${t(tenantId)}C#${customerId}#SRS`,
  /** A proactive service plan (服务计划) in its own partition. */
  servicePlan: (tenantId: string, planId: string): TableKey => ({
    pk: `${t(tenantId)}SPLAN#${planId}`,
    sk: 'SPLAN',
  }),
  /** gsi1: the tenant's service plans, by creation. */
  servicePlansIndex: (tenantId: string, createdAt: string, planId: string) => ({
    gsi1pk: `${t(tenantId)}SPLANS`,
    gsi1sk: `${createdAt}#${planId}`,
  }),
  servicePlansPartition: (tenantId: string) => `${t(tenantId)}SPLANS`,
  /** gsi2: active plans by their next due day (what the nightly run reads). */
  dueServicePlansIndex: (tenantId: string, nextDueOn: string, planId: string) => ({
    gsi2pk: `${t(tenantId)}SPLANSDUE`,
    gsi2sk: `${nextDueOn}#${planId}`,
  }),
  dueServicePlansPartition: (tenantId: string) => `${t(tenantId)}SPLANSDUE`,
  /** gsi3: one customer's service plans. */
  customerServicePlansIndex: (tenantId: string, customerId: string, createdAt: string, planId: string) => ({
    gsi3pk: `${t(tenantId)}C#${customerId}#SPLANS`,
    gsi3sk: `${createdAt}#${planId}`,
  }),
  customerServicePlansPartition: (tenantId: string, customerId: string) =>
    `${t(tenantId)}C#${customerId}#SPLANS`,
  /** gsi3: the plans for a whole value class (the 360° shows a customer the ones of its class). */
  classServicePlansIndex: (tenantId: string, abcClass: string, createdAt: string, planId: string) => ({
    gsi3pk: `${t(tenantId)}SPLANSCLASS#${abcClass}`,
    gsi3sk: `${createdAt}#${planId}`,
  }),
  classServicePlansPartition: (tenantId: string, abcClass: string) => `${t(tenantId)}SPLANSCLASS#${abcClass}`,
  /** A survey template (满意度调查); its invitations share its partition, by when they were sent. */
  survey: (tenantId: string, surveyId: string): TableKey => ({
    pk: `${t(tenantId)}SURVEY#${surveyId}`,
    sk: 'SURVEY',
  }),
  surveyPartition: (tenantId: string, surveyId: string) => `${t(tenantId)}SURVEY#${surveyId}`,
  /** gsi1: the tenant's surveys, by creation. */
  surveysIndex: (tenantId: string, createdAt: string, surveyId: string) => ({
    gsi1pk: `${t(tenantId)}SURVEYS`,
    gsi1sk: `${createdAt}#${surveyId}`,
  }),
  surveysPartition: (tenantId: string) => `${t(tenantId)}SURVEYS`,
  /** One survey sent to one customer, in the survey's partition by send time (the response rate reads it). */
  surveyInvitation: (tenantId: string, surveyId: string, sentAt: string, invitationId: string): TableKey => ({
    pk: `${t(tenantId)}SURVEY#${surveyId}`,
    sk: `${sk.surveyInvitation}${sentAt}#${invitationId}`,
  }),
  /** gsi2: a survey's answered invitations by answer time (the results read a range of it). */
  surveyAnswersIndex: (tenantId: string, surveyId: string, answeredAt: string, invitationId: string) => ({
    gsi2pk: `${t(tenantId)}SURVEY#${surveyId}#ANSWERED`,
    gsi2sk: `${answeredAt}#${invitationId}`,
  }),
  surveyAnswersPartition: (tenantId: string, surveyId: string) => `${t(tenantId)}SURVEY#${surveyId}#ANSWERED`,
  /** gsi3: one customer's survey invitations, answered or not, by send time. */
  customerSurveysIndex: (tenantId: string, customerId: string, sentAt: string, invitationId: string) => ({
    gsi3pk: `${t(tenantId)}C#${customerId}#SURVEYS`,
    gsi3sk: `${sentAt}#${invitationId}`,
  }),
  customerSurveysPartition: (tenantId: string, customerId: string) => `${t(tenantId)}C#${customerId}#SURVEYS`,
  /** A send of the survey to a segment (its progress and where its walk stands), in the survey's partition. */
  surveySendRun: (tenantId: string, surveyId: string, runId: string): TableKey => ({
    pk: `${t(tenantId)}SURVEY#${surveyId}`,
    sk: `${sk.surveySendRun}${runId}`,
  }),
  /**
   * The survey reached this customer: put only if absent, in the same transaction as the
   * invitation, so no send, retried page or overlapping run invites the customer twice.
   */
  surveyClaim: (tenantId: string, surveyId: string, customerId: string): TableKey => ({
    pk: `${t(tenantId)}SURVEY#${surveyId}`,
    sk: `${sk.surveyClaim}${customerId}`,
  }),
  /** A care reminder (关怀提醒) in its own partition: read and changed by id alone. */
  task: (tenantId: string, taskId: string): TableKey => ({ pk: `${t(tenantId)}TASK#${taskId}`, sk: 'TASK' }),
  /** gsi1: the tenant's tasks by due day (the team's list without a status filter). */
  tasksIndex: (tenantId: string, dueOn: string, taskId: string) => ({
    gsi1pk: `${t(tenantId)}TASKS`,
    gsi1sk: `${dueOn}#${taskId}`,
  }),
  tasksPartition: (tenantId: string) => `${t(tenantId)}TASKS`,
  /** gsi2: the tenant's tasks in one status by due day (the usual view: open). */
  tasksByStatusIndex: (tenantId: string, status: string, dueOn: string, taskId: string) => ({
    gsi2pk: `${t(tenantId)}TASKS#${status}`,
    gsi2sk: `${dueOn}#${taskId}`,
  }),
  tasksByStatusPartition: (tenantId: string, status: string) => `${t(tenantId)}TASKS#${status}`,
  /** gsi3: one customer's tasks (the 360° shows the open ones). */
  customerTasksIndex: (tenantId: string, customerId: string, dueOn: string, taskId: string) => ({
    gsi3pk: `${t(tenantId)}C#${customerId}#TASKS`,
    gsi3sk: `${dueOn}#${taskId}`,
  }),
  customerTasksPartition: (tenantId: string, customerId: string) => `${t(tenantId)}C#${customerId}#TASKS`,
  /** gsi4: one assignee's tasks (`-`: nobody's, the team's), by due day (the "mine" tab). */
  assigneeTasksIndex: (tenantId: string, assigneeId: string | null, dueOn: string, taskId: string) => ({
    gsi4pk: `${t(tenantId)}TASKSOF#${assigneeId ?? '-'}`,
    gsi4sk: `${dueOn}#${taskId}`,
  }),
  assigneeTasksPartition: (tenantId: string, assigneeId: string | null) =>
    `${t(tenantId)}TASKSOF#${assigneeId ?? '-'}`,
  /** The tenant's task policy (which reminders, how early): one versioned item. */
  taskPolicy: (tenantId: string): TableKey => ({ pk: `${t(tenantId)}TASKPOLICY`, sk: 'POLICY' }),
  /** A webhook endpoint; its secrets and its deliveries share its partition. */
  webhookEndpoint: (tenantId: string, endpointId: string): TableKey => ({
    pk: `${t(tenantId)}WEBHOOK#${endpointId}`,
    sk: 'ENDPOINT',
  }),
  /** gsi1: the tenant's webhook endpoints. */
  webhookEndpointsIndex: (tenantId: string, endpointId: string) => ({
    gsi1pk: `${t(tenantId)}WEBHOOKS`,
    gsi1sk: endpointId,
  }),
  webhookEndpointsPartition: (tenantId: string) => `${t(tenantId)}WEBHOOKS`,
  /** The endpoint's signing secrets, apart so the endpoint item (and its stream images) never hold them. */
  webhookSecrets: (tenantId: string, endpointId: string): TableKey => ({
    pk: `${t(tenantId)}WEBHOOK#${endpointId}`,
    sk: 'SECRETS',
  }),
  /** One message to one endpoint, keyed by the message (event) id: a second fan-out cannot duplicate it. */
  webhookDelivery: (tenantId: string, endpointId: string, messageId: string): TableKey => ({
    pk: `${t(tenantId)}WEBHOOK#${endpointId}`,
    sk: `${sk.webhookDelivery}${messageId}`,
  }),
  /** gsi1: an endpoint's delivery log, newest first. */
  webhookLogIndex: (tenantId: string, endpointId: string, createdAt: string, messageId: string) => ({
    gsi1pk: `${t(tenantId)}WHLOG#${endpointId}`,
    gsi1sk: `${createdAt}#${messageId}`,
  }),
  webhookLogPartition: (tenantId: string, endpointId: string) => `${t(tenantId)}WHLOG#${endpointId}`,
  /** gsi2: the tenant's pending deliveries by the time their next attempt is due (sparse). */
  webhookDueIndex: (tenantId: string, dueAt: string, endpointId: string, messageId: string) => ({
    gsi2pk: `${t(tenantId)}WHDUE`,
    gsi2sk: `${dueAt}#${endpointId}#${messageId}`,
  }),
  webhookDuePartition: (tenantId: string) => `${t(tenantId)}WHDUE`,
  /** A workflow definition (工作流程) in its own partition. */
  workflow: (tenantId: string, workflowId: string): TableKey => ({
    pk: `${t(tenantId)}WORKFLOW#${workflowId}`,
    sk: 'WORKFLOW',
  }),
  /** gsi1: the tenant's workflows (the list, and what the stream reaction matches events against). */
  workflowsIndex: (tenantId: string, workflowId: string) => ({
    gsi1pk: `${t(tenantId)}WORKFLOWS`,
    gsi1sk: workflowId,
  }),
  workflowsPartition: (tenantId: string) => `${t(tenantId)}WORKFLOWS`,
  /** One run of a workflow on one event; its id is derived from (workflow, version, event). */
  workflowRun: (tenantId: string, runId: string): TableKey => ({
    pk: `${t(tenantId)}WFRUN#${runId}`,
    sk: 'RUN',
  }),
  /** gsi1: a workflow's run history, by start. */
  workflowRunsIndex: (tenantId: string, workflowId: string, startedAt: string, runId: string) => ({
    gsi1pk: `${t(tenantId)}WFRUNS#${workflowId}`,
    gsi1sk: `${startedAt}#${runId}`,
  }),
  workflowRunsPartition: (tenantId: string, workflowId: string) => `${t(tenantId)}WFRUNS#${workflowId}`,
  /** gsi3: the runs an event started (a dry run replays a real past event from them). */
  workflowEventRunsIndex: (tenantId: string, eventId: string, runId: string) => ({
    gsi3pk: `${t(tenantId)}WFEVENT#${eventId}`,
    gsi3sk: runId,
  }),
  workflowEventRunsPartition: (tenantId: string, eventId: string) => `${t(tenantId)}WFEVENT#${eventId}`,
  /** A tenant export (数据导出): the job, its progress and the archive it produced. */
  tenantExport: (tenantId: string, exportId: string): TableKey => ({
    pk: `${t(tenantId)}EXPORT#${exportId}`,
    sk: 'EXPORT',
  }),
  /** gsi1: the tenant's exports, oldest first. */
  tenantExportsIndex: (tenantId: string, exportId: string) => ({
    gsi1pk: `${t(tenantId)}EXPORTS`,
    gsi1sk: exportId,
  }),
  tenantExportsPartition: (tenantId: string) => `${t(tenantId)}EXPORTS`,
  /** The tenant's sales setup (pipelines, stages, lead grading): one versioned item. */
  salesSetup: (tenantId: string): TableKey => ({ pk: `${t(tenantId)}SALESSETUP`, sk: 'SETUP' }),
  /** A lead (销售线索) in its own partition: read and changed by id alone. */
  lead: (tenantId: string, leadId: string): TableKey => ({ pk: `${t(tenantId)}LEAD#${leadId}`, sk: 'LEAD' }),
  /** gsi1: the tenant's leads by creation, newest last (the list reads it backwards). */
  leadsIndex: (tenantId: string, createdAt: string, leadId: string) => ({
    gsi1pk: `${t(tenantId)}LEADS`,
    gsi1sk: `${createdAt}#${leadId}`,
  }),
  leadsPartition: (tenantId: string) => `${t(tenantId)}LEADS`,
  /** gsi2: the tenant's leads in one status (the usual view: open). */
  leadsByStatusIndex: (tenantId: string, status: string, createdAt: string, leadId: string) => ({
    gsi2pk: `${t(tenantId)}LEADS#${status}`,
    gsi2sk: `${createdAt}#${leadId}`,
  }),
  leadsByStatusPartition: (tenantId: string, status: string) => `${t(tenantId)}LEADS#${status}`,
  /** An opportunity (销售机会) in its own partition: moved, won and lost by id alone. */
  opportunity: (tenantId: string, opportunityId: string): TableKey => ({
    pk: `${t(tenantId)}OPP#${opportunityId}`,
    sk: 'OPP',
  }),
  /** gsi1: the tenant's deals by creation (the funnel's cohort reads a window of it). */
  opportunitiesIndex: (tenantId: string, createdAt: string, opportunityId: string) => ({
    gsi1pk: `${t(tenantId)}OPPS`,
    gsi1sk: `${createdAt}#${opportunityId}`,
  }),
  opportunitiesPartition: (tenantId: string) => `${t(tenantId)}OPPS`,
  /** gsi2: the tenant's deals in one status (the funnel reads the open ones, nothing else). */
  opportunitiesByStatusIndex: (
    tenantId: string,
    status: string,
    createdAt: string,
    opportunityId: string,
  ) => ({
    gsi2pk: `${t(tenantId)}OPPS#${status}`,
    gsi2sk: `${createdAt}#${opportunityId}`,
  }),
  opportunitiesByStatusPartition: (tenantId: string, status: string) => `${t(tenantId)}OPPS#${status}`,
  /** gsi3: one customer's deals (the 360° and the customer filter). */
  customerOpportunitiesIndex: (
    tenantId: string,
    customerId: string,
    createdAt: string,
    opportunityId: string,
  ) => ({
    gsi3pk: `${t(tenantId)}C#${customerId}#OPPS`,
    gsi3sk: `${createdAt}#${opportunityId}`,
  }),
  customerOpportunitiesPartition: (tenantId: string, customerId: string) =>
    `${t(tenantId)}C#${customerId}#OPPS`,
  /** gsi4: one owner's deals (`-`: nobody's). */
  ownerOpportunitiesIndex: (
    tenantId: string,
    ownerId: string | null,
    createdAt: string,
    opportunityId: string,
  ) => ({
    gsi4pk: `${t(tenantId)}OPPSOF#${ownerId ?? '-'}`,
    gsi4sk: `${createdAt}#${opportunityId}`,
  }),
  ownerOpportunitiesPartition: (tenantId: string, ownerId: string | null) =>
    `${t(tenantId)}OPPSOF#${ownerId ?? '-'}`,
  /** A saved segment (客户细分): a filter over the customer book. */
  segment: (tenantId: string, segmentId: string): TableKey => ({
    pk: `${t(tenantId)}SEGMENT#${segmentId}`,
    sk: 'SEGMENT',
  }),
  /** gsi1: the tenant's segments, by creation. */
  segmentsIndex: (tenantId: string, createdAt: string, segmentId: string) => ({
    gsi1pk: `${t(tenantId)}SEGMENTS`,
    gsi1sk: `${createdAt}#${segmentId}`,
  }),
  segmentsPartition: (tenantId: string) => `${t(tenantId)}SEGMENTS`,
  /** A campaign (批量沟通); what its send decided for each customer shares its partition. */
  campaign: (tenantId: string, campaignId: string): TableKey => ({
    pk: `${t(tenantId)}CAMPAIGN#${campaignId}`,
    sk: 'CAMPAIGN',
  }),
  campaignPartition: (tenantId: string, campaignId: string) => `${t(tenantId)}CAMPAIGN#${campaignId}`,
  /**
   * One customer of a campaign's segment: held out, skipped, sent or bounced; written once. With
   * `recipientPartitions` (the campaign item's field, written when its send starts) in the shard
   * the customer id hashes to (FNV-1a), so a send's writes spread over that many partitions;
   * without it (a campaign sent before recipients were spread) in the campaign's own partition.
   */
  campaignRecipient: (
    tenantId: string,
    campaignId: string,
    customerId: string,
    recipientPartitions?: number,
  ): TableKey => ({
    pk:
      recipientPartitions === undefined
        ? `${t(tenantId)}CAMPAIGN#${campaignId}`
        : `${t(tenantId)}CAMPAIGN#${campaignId}#R#${fnv1a(customerId) % recipientPartitions}`,
    sk: `${sk.campaignRecipient}${customerId}`,
  }),
  /** Every partition a campaign's recipients are in (its own partition when not spread). */
  campaignRecipientPartitions: (tenantId: string, campaignId: string, recipientPartitions?: number) =>
    recipientPartitions === undefined
      ? [`${t(tenantId)}CAMPAIGN#${campaignId}`]
      : Array.from(
          { length: recipientPartitions },
          (_, shard) => `${t(tenantId)}CAMPAIGN#${campaignId}#R#${shard}`,
        ),
  /** gsi1: the tenant's campaigns, by creation. */
  campaignsIndex: (tenantId: string, createdAt: string, campaignId: string) => ({
    gsi1pk: `${t(tenantId)}CAMPAIGNS`,
    gsi1sk: `${createdAt}#${campaignId}`,
  }),
  campaignsPartition: (tenantId: string) => `${t(tenantId)}CAMPAIGNS`,
  /** The tenant's campaign send rate and the current minute's count (all campaigns together). */
  campaignSendWindow: (tenantId: string): TableKey => ({
    pk: `${t(tenantId)}CAMPAIGNSEND`,
    sk: 'WINDOW',
  }),
  /**
   * How far the one-time catch-up of sends begun before the due list existed has walked the
   * tenant's campaigns (the nightly `campaignSendsCatchUp` job).
   */
  campaignSendsCatchUp: (tenantId: string): TableKey => ({
    pk: `${t(tenantId)}CAMPAIGNSEND`,
    sk: 'CATCHUP',
  }),
  /** The tenant's member programme (会员等级规则): one versioned item. */
  memberTierPolicy: (tenantId: string): TableKey => ({ pk: `${t(tenantId)}MEMBERPOLICY`, sk: 'POLICY' }),
  /** A customer's tier change, in the customer's partition (its history of tiers). */
  memberTierChange: (tenantId: string, customerId: string, changedAt: string, tier: string): TableKey => ({
    pk: `${t(tenantId)}C#${customerId}`,
    sk: `${sk.memberTierChange}${changedAt}#${tier}`,
  }),
  /** A quote (报价) in its own partition: edited, sent and decided by id alone. */
  quote: (tenantId: string, quoteId: string): TableKey => ({
    pk: `${t(tenantId)}QUOTE#${quoteId}`,
    sk: 'QUOTE',
  }),
  /** gsi1: the tenant's quotes by creation (what export and deletion list the family by). */
  quotesIndex: (tenantId: string, createdAt: string, quoteId: string) => ({
    gsi1pk: `${t(tenantId)}QUOTES`,
    gsi1sk: `${createdAt}#${quoteId}`,
  }),
  quotesPartition: (tenantId: string) => `${t(tenantId)}QUOTES`,
  /** gsi2: one deal's quotes (the opportunity page's list). */
  opportunityQuotesIndex: (tenantId: string, opportunityId: string, createdAt: string, quoteId: string) => ({
    gsi2pk: `${t(tenantId)}OPP#${opportunityId}#QUOTES`,
    gsi2sk: `${createdAt}#${quoteId}`,
  }),
  opportunityQuotesPartition: (tenantId: string, opportunityId: string) =>
    `${t(tenantId)}OPP#${opportunityId}#QUOTES`,
} as const;

/**
 * The families of items that no other list reaches (a login's session, an external-id mapping, a
 * unique-value claim, and the platform items that name a tenant: invitation and survey links, a
 * waiting workflow run's marker), listed per tenant on gsi1 so a tenant's export and deletion find
 * every one of them by Query instead of scanning the table.
 */
export const tenantDirectoryFamilies = [
  'SESSIONS',
  'EXTS',
  'FIELDVALUES',
  'INVITES',
  'SURVEYLINKS',
  'WFWAITS',
  'UNSUBLINKS',
  'CAMPAIGNSENDS',
  'SMSMESSAGES',
  'SURVEYSENDS',
] as const;
export type TenantDirectoryFamily = (typeof tenantDirectoryFamilies)[number];

/** The families kept in one directory partition each (written at most a few times a second). */
export type UnshardedDirectoryFamily = Exclude<TenantDirectoryFamily, 'EXTS'>;

/**
 * How many partitions the external-id directory is spread over. An import writes one mapping per
 * new customer, so one partition capped it at ~1,000 rows/s (DynamoDB's per-partition write
 * limit; docs/scaling.md); 16 take an import at 3,000 rows/s at under 200 WCU/s each. Fixed for
 * every tenant (only export and deletion read the directory, a Query per shard), and never
 * changed: a mapping's entry stays where its hash put it.
 */
export const EXTERNAL_ID_DIRECTORY_SHARDS = 16;

/**
 * How many partitions a campaign's recipients are spread over, written on the campaign item when
 * its send starts (`recipientPartitions`). In one partition with the campaign item, a send at the
 * top allowed rate (10,000 messages a minute) took ~1,600 WCU/s there, over DynamoDB's 1,000 per
 * partition (docs/scaling.md); spread over 16 the campaign item keeps ~800 (its counters) and a
 * shard takes ~50. A later change of this number only applies
 * to sends begun after it: a campaign keeps the count it started with.
 */
export const CAMPAIGN_RECIPIENT_PARTITIONS = 16;

export const tenantDirectory = {
  /** gsi1 entry of an item in one of the directory's families; the sort key is the item's pk. */
  index: (tenantId: string, family: UnshardedDirectoryFamily, itemPk: string) => ({
    gsi1pk: `${t(tenantId)}DIR#${family}`,
    gsi1sk: itemPk,
  }),
  partition: (tenantId: string, family: UnshardedDirectoryFamily) => `${t(tenantId)}DIR#${family}`,
  /**
   * gsi1 entry of an external-id mapping: in the shard its external id hashes to (FNV-1a), so an
   * import's mappings spread over EXTERNAL_ID_DIRECTORY_SHARDS partitions. The mapping itself is
   * still read by its own key (`keys.externalCustomer`), one GetItem.
   */
  externalIdIndex: (tenantId: string, externalId: string) => ({
    gsi1pk: `${t(tenantId)}DIR#EXTS#${fnv1a(externalId) % EXTERNAL_ID_DIRECTORY_SHARDS}`,
    gsi1sk: keys.externalCustomer(tenantId, externalId).pk,
  }),
  /**
   * Every partition the tenant's mappings can be listed in: the one partition mappings written
   * before the directory was sharded sit in (they keep their entry until written again; reading it
   * costs one empty Query for a tenant that has none), then the shards.
   */
  externalIdPartitions: (tenantId: string) => [
    `${t(tenantId)}DIR#EXTS`,
    ...Array.from({ length: EXTERNAL_ID_DIRECTORY_SHARDS }, (_, shard) => `${t(tenantId)}DIR#EXTS#${shard}`),
  ],
  /** Workflow runs already use gsi1 (per workflow) and gsi3; their tenant-wide list is on gsi2. */
  workflowRunIndex: (tenantId: string, runId: string) => ({
    gsi2pk: `${t(tenantId)}DIR#WFRUNS`,
    gsi2sk: runId,
  }),
  workflowRunPartition: (tenantId: string) => `${t(tenantId)}DIR#WFRUNS`,
} as const;

export const platformKeys = {
  /** The local delivery timer's list of tenants that have webhook deliveries pending. */
  webhookDueTenant: (tenantId: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}WEBHOOKDUE`,
    sk: tenantId,
  }),
  webhookDueTenantsPartition: () => `${PLATFORM_KEY_PREFIX}WEBHOOKDUE`,
  /**
   * A waiting workflow run, by when it continues: one partition the scheduler reads soonest first
   * (the run itself stays in its tenant's partition; the marker only points at it).
   */
  workflowWait: (resumeAt: string, tenantId: string, runId: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}WORKFLOWWAITS`,
    sk: `${resumeAt}#${tenantId}#${runId}`,
  }),
  workflowWaitsPartition: () => `${PLATFORM_KEY_PREFIX}WORKFLOWWAITS`,
  /**
   * A campaign whose send is not finished: one item per campaign (its key never moves), found by
   * the scheduled resume through gsi2, by when it is next due.
   */
  campaignSend: (tenantId: string, campaignId: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}CAMPAIGNSENDS`,
    sk: `${tenantId}#${campaignId}`,
  }),
  /** gsi2: the unfinished campaign sends, soonest due first. */
  campaignSendDueIndex: (dueAt: string, tenantId: string, campaignId: string) => ({
    gsi2pk: `${PLATFORM_KEY_PREFIX}CAMPAIGNSENDS`,
    gsi2sk: `${dueAt}#${tenantId}#${campaignId}`,
  }),
  campaignSendsDuePartition: () => `${PLATFORM_KEY_PREFIX}CAMPAIGNSENDS`,
  /**
   * A survey send run that is not finished: one item per run, found by the scheduled resume
   * through gsi2, by when it is next due (as the campaign sends are).
   */
  surveySend: (tenantId: string, surveyId: string, runId: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}SURVEYSENDS`,
    sk: `${tenantId}#${surveyId}#${runId}`,
  }),
  /** gsi2: the unfinished survey send runs, soonest due first. */
  surveySendDueIndex: (dueAt: string, tenantId: string, surveyId: string, runId: string) => ({
    gsi2pk: `${PLATFORM_KEY_PREFIX}SURVEYSENDS`,
    gsi2sk: `${dueAt}#${tenantId}#${surveyId}#${runId}`,
  }),
  surveySendsDuePartition: () => `${PLATFORM_KEY_PREFIX}SURVEYSENDS`,
  /** A person, across tenants: the password lives here, once. */
  identity: (email: string): TableKey => ({ pk: `${PLATFORM_KEY_PREFIX}ID#${email}`, sk: 'IDENTITY' }),
  /** One per tenant the person belongs to, in the identity's partition (login lists them). */
  membership: (email: string, tenantId: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}ID#${email}`,
    sk: `${sk.membership}${tenantId}`,
  }),
  identityPartition: (email: string) => `${PLATFORM_KEY_PREFIX}ID#${email}`,
  invitation: (tokenHash: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}INVITE#${tokenHash}`,
    sk: 'INVITE',
  }),
  /** The registry of tenants (written at sign-up): what the nightly refit walks. */
  tenantRegistration: (tenantId: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}TENANTS`,
    sk: `${sk.tenantRegistration}${tenantId}`,
  }),
  tenantRegistry: `${PLATFORM_KEY_PREFIX}TENANTS`,
  /** Password guesses for one e-mail (login, and sign-up with an e-mail that has an account). */
  loginThrottle: (email: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}THROTTLE#${email}`,
    sk: 'LOGIN',
  }),
  /** Failed attempts at one stream record (by its event id), until it is kept or goes through. */
  streamRecordFailures: (eventId: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}STREAMFAIL#${eventId}`,
    sk: 'ATTEMPTS',
  }),
  /** Stream records the consumer gave up on, kept whole for replay, oldest record first. */
  keptStreamRecords: `${PLATFORM_KEY_PREFIX}KEPTRECORDS`,
  keptStreamRecord: (recordedAt: string, eventId: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}KEPTRECORDS`,
    sk: `REC#${recordedAt}#${eventId}`,
  }),
  /** Never written: /health reads it, a constant-time GetItem whatever the table holds. */
  healthProbe: { pk: `${PLATFORM_KEY_PREFIX}HEALTH`, sk: 'PROBE' } as TableKey,
  /** Password-hashing requests (login, sign-up, invitation, reset) from one client address. */
  addressThrottle: (address: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}THROTTLE#ADDR#${address}`,
    sk: 'AUTH',
  }),
  /**
   * A deleted tenant's marker: written when the owner deletes it, so every token and every stream
   * reaction of the tenant stops at once; it outlives the data by the stream's retention (24 h)
   * so that records still in flight cannot write anything back, then expires (TTL).
   */
  tenantDeletion: (tenantId: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}DELETED#${tenantId}`,
    sk: 'DELETED',
  }),
  /** gsi1: the deletion markers whose job or final pass is still due (docs/tenant-data.md). */
  pendingTenantDeletions: `${PLATFORM_KEY_PREFIX}DELETIONS#PENDING`,
  /**
   * Written once the markers of cut-off deletions from before that index (2026-12-01/02) have
   * been put on it, so the catch-up walks the tenant registry only until it has once finished.
   */
  pendingTenantDeletionsCatchUp: { pk: `${PLATFORM_KEY_PREFIX}DELETIONS#CATCHUP`, sk: 'DONE' } as TableKey,
  /** Mails a person may be sent on request (verification, password reset) in a window. */
  mailThrottle: (email: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}THROTTLE#${email}`,
    sk: 'MAIL',
  }),
  /** Wrong passwords against one invitation link. */
  invitationThrottle: (tokenHash: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}THROTTLE#INVITE#${tokenHash}`,
    sk: 'ACCEPT',
  }),
  /** A one-time e-mail link (verification or reset), by the hash of its token. */
  emailToken: (tokenHash: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}EMAILTOKEN#${tokenHash}`,
    sk: 'EMAILTOKEN',
  }),
  /**
   * A survey link, by the hash of its token: the public answer page knows no tenant, so this
   * platform item says which tenant's invitation the link opens.
   */
  surveyToken: (tokenHash: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}SURVEYTOKEN#${tokenHash}`,
    sk: 'SURVEYTOKEN',
  }),
  /** Public survey page requests from one client address. */
  surveyThrottle: (address: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}THROTTLE#SURVEY#${address}`,
    sk: 'SURVEY',
  }),
  /** Mails sent before any tenant exists for them (verification, reset): the local outbox lists them. */
  platformOutbox: `${PLATFORM_KEY_PREFIX}OUTBOX`,
  platformMail: (mailId: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}OUTBOX`,
    sk: `${sk.mail}${mailId}`,
  }),
  /**
   * A campaign message's unsubscribe link, by the hash of its token: the public page knows no
   * tenant, so this item says whose customer (and which campaign) the link is for.
   */
  unsubscribeToken: (tokenHash: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}UNSUBTOKEN#${tokenHash}`,
    sk: 'UNSUBTOKEN',
  }),
  /** Public unsubscribe page requests from one client address. */
  unsubscribeThrottle: (address: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}THROTTLE#UNSUB#${address}`,
    sk: 'UNSUB',
  }),
  /** An address SES reported as bouncing or complaining: no more mail goes to it. */
  mailSuppression: (email: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}SUPPRESS#${email}`,
    sk: 'SUPPRESS',
  }),
  /**
   * A phone number (E.164) SNS reported as never taking SMS: no more campaign SMS go to it. Under
   * the suppression list's prefix (an e-mail address has an `@`, so the two never meet).
   */
  smsSuppression: (phone: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}SUPPRESS#SMS#${phone}`,
    sk: 'SUPPRESS',
  }),
  /**
   * A campaign SMS by the provider's message id (SNS's MessageId): its delivery status names only
   * that id and the number, so this item says whose campaign and customer it was.
   */
  smsMessage: (messageId: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}SMSMSG#${messageId}`,
    sk: 'SMSMSG',
  }),
} as const;
