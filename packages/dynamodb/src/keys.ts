/**
 * Every key string in the table is built here and nowhere else. Each begins with the tenant
 * (`T#<tenantId>#`), which is what both the repository guard (tenant-table.ts) and, in AWS, the
 * IAM `dynamodb:LeadingKeys` condition check. keys.test.ts pins the exact strings.
 */
const SEPARATOR = '#';

export function tenantKeyPrefix(tenantId: string): string {
  if (!tenantId || tenantId.includes(SEPARATOR)) {
    throw new Error(`invalid tenant id for a key: ${JSON.stringify(tenantId)}`);
  }
  return `T${SEPARATOR}${tenantId}${SEPARATOR}`;
}

/** Reads the tenant back from any key built here; undefined for a key that is not tenant-scoped. */
export function tenantOfKey(key: string): string | undefined {
  const match = /^T#([^#]+)#/.exec(key);
  return match?.[1];
}

export const keys = {
  tenant: (tenantId: string) => ({ pk: `${tenantKeyPrefix(tenantId)}TENANT`, sk: 'TENANT' }),
  customer: (tenantId: string, customerId: string) => ({
    pk: `${tenantKeyPrefix(tenantId)}C#${customerId}`,
    sk: 'PROFILE',
  }),
} as const;
