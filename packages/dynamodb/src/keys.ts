/**
 * Every key string in the table is built here and nowhere else (keys.test.ts pins the exact
 * strings).
 *
 * Tenant data begins with `T#<tenantId>#`; the repository guard (tenant-table.ts) and, in AWS,
 * the IAM `dynamodb:LeadingKeys` condition both check that prefix. Platform items that must be
 * found before a tenant is known (a person's identity for login, invitation links, login
 * throttles) begin with `P#`; only the auth flow reaches them, through platform-table.ts.
 */
const SEPARATOR = '#';

export function tenantKeyPrefix(tenantId: string): string {
  if (!tenantId || tenantId.includes(SEPARATOR)) {
    throw new Error(`invalid tenant id for a key: ${JSON.stringify(tenantId)}`);
  }
  return `T${SEPARATOR}${tenantId}${SEPARATOR}`;
}

export const PLATFORM_KEY_PREFIX = 'P#';

/** Reads the tenant back from any key built here; undefined for a key that is not tenant-scoped. */
export function tenantOfKey(key: string): string | undefined {
  const match = /^T#([^#]+)#/.exec(key);
  return match?.[1];
}

export type TableKey = { pk: string; sk: string };

const t = tenantKeyPrefix;

export const keys = {
  tenant: (tenantId: string): TableKey => ({ pk: `${t(tenantId)}TENANT`, sk: 'TENANT' }),

  user: (tenantId: string, userId: string): TableKey => ({ pk: `${t(tenantId)}USER#${userId}`, sk: 'USER' }),
  /** gsi1: the tenant's users sorted by e-mail. */
  usersIndex: (tenantId: string, email: string) => ({ gsi1pk: `${t(tenantId)}USERS`, gsi1sk: email }),
  usersPartition: (tenantId: string) => `${t(tenantId)}USERS`,
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
    sk: `MAIL#${mailId}`,
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
    sk: `CONTACT#${contactId}`,
  }),
  /** Newest first is a reverse query on this sort key. */
  interaction: (
    tenantId: string,
    customerId: string,
    occurredAt: string,
    interactionId: string,
  ): TableKey => ({
    pk: `${t(tenantId)}C#${customerId}`,
    sk: `I#${occurredAt}#${interactionId}`,
  }),
  history: (tenantId: string, customerId: string, at: string, entryId: string): TableKey => ({
    pk: `${t(tenantId)}C#${customerId}`,
    sk: `H#${at}#${entryId}`,
  }),
  /** Maps an id from an imported file to our customer, so a re-import finds it again. */
  externalCustomer: (tenantId: string, externalId: string): TableKey => ({
    pk: `${t(tenantId)}EXT#${externalId}`,
    sk: 'EXT',
  }),
  /** A customer shared with a partner; the partner's partition lists what it may see. */
  share: (tenantId: string, partnerId: string, customerId: string): TableKey => ({
    pk: `${t(tenantId)}SHARE#${partnerId}`,
    sk: `C#${customerId}`,
  }),
  sharesOfPartner: (tenantId: string, partnerId: string) => `${t(tenantId)}SHARE#${partnerId}`,
  /** gsi1: the partners a customer is shared with. */
  sharesOfCustomerIndex: (tenantId: string, customerId: string, partnerId: string) => ({
    gsi1pk: `${t(tenantId)}SHARED#${customerId}`,
    gsi1sk: partnerId,
  }),
  sharesOfCustomer: (tenantId: string, customerId: string) => `${t(tenantId)}SHARED#${customerId}`,
  customField: (tenantId: string, key: string): TableKey => ({
    pk: `${t(tenantId)}FIELDS`,
    sk: `FIELD#${key}`,
  }),
  customFieldsPartition: (tenantId: string) => `${t(tenantId)}FIELDS`,
  /** Holds one value of a `unique` custom field. */
  customFieldValue: (tenantId: string, key: string, value: string): TableKey => ({
    pk: `${t(tenantId)}FIELDVALUE#${key}#${value}`,
    sk: 'FIELDVALUE',
  }),
  importJob: (tenantId: string, importId: string): TableKey => ({
    pk: `${t(tenantId)}IMPORT#${importId}`,
    sk: 'IMPORT',
  }),
  importRejects: (tenantId: string, importId: string, chunk: number): TableKey => ({
    pk: `${t(tenantId)}IMPORT#${importId}`,
    sk: `REJECTS#${String(chunk).padStart(6, '0')}`,
  }),
  importPartition: (tenantId: string, importId: string) => `${t(tenantId)}IMPORT#${importId}`,
  importsIndex: (tenantId: string, importId: string) => ({
    gsi1pk: `${t(tenantId)}IMPORTS`,
    gsi1sk: importId,
  }),
  importsPartition: (tenantId: string) => `${t(tenantId)}IMPORTS`,
  /** The tenant's latest successful model fit (analytics): parameters, cut-offs, summary. */
  modelLatest: (tenantId: string): TableKey => ({ pk: `${t(tenantId)}MODEL`, sk: 'LATEST' }),
  /** Every fit run, succeeded or failed, oldest first by its start. */
  modelFit: (tenantId: string, startedAt: string, fitId: string): TableKey => ({
    pk: `${t(tenantId)}MODEL`,
    sk: `FIT#${startedAt}#${fitId}`,
  }),
  modelPartition: (tenantId: string) => `${t(tenantId)}MODEL`,
} as const;

/**
 * The customer list is spread over shards so that one busy tenant's writes (an import of a million
 * customers) never pile onto one index partition; a page is a merge of the shards' pages.
 */
export const CUSTOMER_LIST_SHARDS = 4;

/** FNV-1a of the id: stable, even, and cheap. */
export function customerShard(customerId: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < customerId.length; index++) {
    hash ^= customerId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % CUSTOMER_LIST_SHARDS;
}

export const customerSorts = ['name', 'createdAt', 'lastInteractionAt', 'value', 'pAlive', 'clv'] as const;
export type CustomerSort = (typeof customerSorts)[number];

/** Which GSI orders the customer list by which field. */
export const customerLookupIndex = { EMAIL: 'gsi5', PHONE: 'gsi6' } as const;

export const customerSortIndex = {
  name: 'gsi1',
  createdAt: 'gsi2',
  lastInteractionAt: 'gsi3',
  value: 'gsi4',
  pAlive: 'gsi7',
  clv: 'gsi8',
} as const satisfies Record<CustomerSort, string>;

export function customerListPartition(tenantId: string, archived: boolean, shard: number): string {
  return `${t(tenantId)}CUSTOMERS#${archived ? 'ARCHIVED' : 'LIVE'}#${shard}`;
}

/** Lower-cased, width-normalised: the name as sorted and prefix-searched. */
export function nameSortKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().trim();
}

const VALUE_DIGITS = 16;

function paddedAmount(amount: number): string {
  return String(Math.max(0, Math.min(Math.round(amount), 10 ** VALUE_DIGITS - 1))).padStart(
    VALUE_DIGITS,
    '0',
  );
}

/** The model scores the customer list can sort by (written by refits and the scores reaction). */
export type SortableScores = { pAlive: number; clv: number | null };

/**
 * Sort keys of the P(alive) (gsi7) and CLV (gsi8) orders, which hold scored customers only: one
 * without scores (no orders, or before the tenant's first fit) has nothing to sort by there, and
 * leaving it out spares two index writes per customer on every import. A scored customer without a
 * CLV (no spend model) gets an empty value, which sorts before every number.
 */
export function customerScoreSortKeys(
  customerId: string,
  scores: SortableScores,
): { gsi7sk: string; gsi8sk: string } {
  const pAlive = Math.max(0, Math.min(1, scores.pAlive)).toFixed(6);
  const clv = scores.clv !== null ? paddedAmount(scores.clv) : '';
  return { gsi7sk: `${pAlive}#${customerId}`, gsi8sk: `${clv}#${customerId}` };
}

/** The figures the customer list can sort by (the last-interaction and value orders). */
export type SortableStats = { lastInteractionAt?: string | undefined; orderValue: number };

/**
 * Sort keys of the last-interaction (gsi3) and value (gsi4) orders: they move with the customer's
 * figures, so every figures write sets them too.
 */
export function customerStatsSortKeys(
  customerId: string,
  stats: SortableStats,
): { gsi3sk: string; gsi4sk: string } {
  return {
    gsi3sk: `${stats.lastInteractionAt ?? '0'}#${customerId}`,
    gsi4sk: `${paddedAmount(stats.orderValue)}#${customerId}`,
  };
}

/**
 * The index attributes of a customer: its place in the four sorted lists (gsi1–4), in the two score
 * orders (gsi7–8) once it has scores, and, when it has
 * them, in the e-mail (gsi5) and phone (gsi6) prefix-search indexes. Rewritten whenever one of
 * those fields changes; an absent e-mail or phone simply leaves the customer out of that index.
 */
export function customerListAttributes(
  tenantId: string,
  customer: {
    id: string;
    name: string;
    createdAt: string;
    archivedAt?: string | undefined;
    email?: string | undefined;
    phone?: string | undefined;
    stats: SortableStats;
    scores?: SortableScores | undefined;
  },
): Record<string, string> {
  const shard = customerShard(customer.id);
  const pk = customerListPartition(tenantId, Boolean(customer.archivedAt), shard);
  const attributes: Record<string, string> = {
    gsi1pk: pk,
    gsi1sk: `${nameSortKey(customer.name)}#${customer.id}`,
    gsi2pk: pk,
    gsi2sk: `${customer.createdAt}#${customer.id}`,
    gsi3pk: pk,
    gsi4pk: pk,
    ...customerStatsSortKeys(customer.id, customer.stats),
  };
  if (customer.scores) {
    Object.assign(
      attributes,
      { gsi7pk: pk, gsi8pk: pk },
      customerScoreSortKeys(customer.id, customer.scores),
    );
  }
  if (customer.email) {
    attributes.gsi5pk = customerLookupPartition(tenantId, 'EMAIL', shard);
    attributes.gsi5sk = `${customer.email.toLowerCase()}#${customer.id}`;
  }
  if (customer.phone) {
    attributes.gsi6pk = customerLookupPartition(tenantId, 'PHONE', shard);
    attributes.gsi6sk = `${phoneSearchKey(customer.phone)}#${customer.id}`;
  }
  return attributes;
}

export function customerLookupPartition(tenantId: string, field: 'EMAIL' | 'PHONE', shard: number): string {
  return `${t(tenantId)}CUSTOMER${field}#${shard}`;
}

/** Phone numbers are searched by their digits only. */
export function phoneSearchKey(phone: string): string {
  return phone.replace(/\D/g, '');
}

export const platformKeys = {
  /** A person, across tenants: the password lives here, once. */
  identity: (email: string): TableKey => ({ pk: `${PLATFORM_KEY_PREFIX}ID#${email}`, sk: 'IDENTITY' }),
  /** One per tenant the person belongs to, in the identity's partition (login lists them). */
  membership: (email: string, tenantId: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}ID#${email}`,
    sk: `M#${tenantId}`,
  }),
  identityPartition: (email: string) => `${PLATFORM_KEY_PREFIX}ID#${email}`,
  invitation: (tokenHash: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}INVITE#${tokenHash}`,
    sk: 'INVITE',
  }),
  /** The registry of tenants (written at sign-up): what the nightly refit walks. */
  tenantRegistration: (tenantId: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}TENANTS`,
    sk: `TENANT#${tenantId}`,
  }),
  tenantRegistry: `${PLATFORM_KEY_PREFIX}TENANTS`,
  loginThrottle: (email: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}THROTTLE#${email}`,
    sk: 'LOGIN',
  }),
} as const;
