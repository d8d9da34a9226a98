import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { createTableClient, type TableClient } from './document-client.js';

export type TenantClientFactory = (tenantId: string) => TableClient;

export type TenantScopedClientOptions = {
  tableName: string;
  /** The role whose policy binds `dynamodb:LeadingKeys` to the `TenantId` session tag. */
  roleArn: string;
  region?: string;
  /** Clients kept for the most recently seen tenants; each refreshes its credentials itself. */
  maxCachedTenants?: number;
  /** Seconds the assumed-role credentials live. @default 900 */
  durationSeconds?: number;
  /**
   * Applied to each tenant's client once, when it is made: the Lambda edge adds X-Ray tracing
   * this way (the tracer stays out of packages/). @default none
   */
  instrument?: (client: TableClient) => TableClient;
};

/**
 * In AWS, tenant data is read and written with credentials that can only touch keys beginning
 * with `T#<tenantId>#`: the API assumes the tenant-scoped role per tenant with a `TenantId`
 * session tag, so even a bug in a key builder cannot reach another tenant. Clients are cached per
 * tenant (the SDK provider refreshes the credentials before they expire).
 */
export function createTenantScopedClientFactory(options: TenantScopedClientOptions): TenantClientFactory {
  const cache = new Map<string, TableClient>();
  const maxCached = options.maxCachedTenants ?? 500;
  return (tenantId) => {
    const cached = cache.get(tenantId);
    if (cached) {
      // Re-insert to keep the map in least-recently-used order.
      cache.delete(tenantId);
      cache.set(tenantId, cached);
      return cached;
    }
    const credentials = fromTemporaryCredentials({
      params: {
        RoleArn: options.roleArn,
        RoleSessionName: `tenant-${tenantId}`.slice(0, 64),
        DurationSeconds: options.durationSeconds ?? 900,
        Tags: [{ Key: 'TenantId', Value: tenantId }],
      },
      clientConfig: options.region ? { region: options.region } : {},
    });
    const created = createTableClient({ tableName: options.tableName, credentials, region: options.region });
    const client = options.instrument ? options.instrument(created) : created;
    cache.set(tenantId, client);
    if (cache.size > maxCached) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    return client;
  };
}

/** Locally (DynamoDB Local has no IAM) the repository guard is the enforcement: one shared client. */
export function sharedClientFactory(client: TableClient): TenantClientFactory {
  return () => client;
}
