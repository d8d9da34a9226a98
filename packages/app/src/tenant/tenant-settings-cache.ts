import { DomainError, ReadThroughCache, type TenantSettings } from '@crm/domain';
import { type TenantClientFactory, TenantRepository } from '@crm/dynamodb';

// As LivePrincipals: spares a read per order on a busy customer, and another instance (a
// concurrent Lambda) sees a settings change within seconds; this process drops its entry at once.
const DEFAULT_TTL_MS = 5_000;

/**
 * The tenant's settings, cached briefly. An order needs the default currency to know which total
 * it adds to, and reading the tenant item was one of the few DynamoDB calls of every order
 * create, the hottest write there is.
 */
export class TenantSettingsCache {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;
  private readonly cache: ReadThroughCache<TenantSettings>;

  constructor(deps: { tenantClient: TenantClientFactory; clock: () => Date; ttlMs?: number }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
    this.cache = new ReadThroughCache({ ttlMs: deps.ttlMs ?? DEFAULT_TTL_MS });
  }

  async settings({ tenantId }: { tenantId: string }): Promise<TenantSettings> {
    return this.cache.get(tenantId, this.clock().getTime(), () => this.read(tenantId));
  }

  private async read(tenantId: string): Promise<TenantSettings> {
    const tenant = await new TenantRepository(this.tenantClient(tenantId)).get({ tenantId });
    if (!tenant) throw new DomainError('not_found', 'Tenant not found');
    return tenant.settings;
  }

  /** Called by whatever changes the tenant's settings, so this process never serves the old ones. */
  invalidate({ tenantId }: { tenantId: string }): void {
    this.cache.delete(tenantId);
  }
}
