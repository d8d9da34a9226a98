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

  customer: (tenantId: string, customerId: string): TableKey => ({
    pk: `${t(tenantId)}C#${customerId}`,
    sk: 'PROFILE',
  }),
} as const;

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
  loginThrottle: (email: string): TableKey => ({
    pk: `${PLATFORM_KEY_PREFIX}THROTTLE#${email}`,
    sk: 'LOGIN',
  }),
} as const;
