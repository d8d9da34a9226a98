import { DomainError, type TenantSettings } from '@crm/domain';
import { type TenantClientFactory, TenantRepository } from '@crm/dynamodb';

// As LivePrincipals: spares a read per order on a busy customer, and another instance (a
// concurrent Lambda) sees a settings change within seconds; this process drops its entry at once.
const DEFAULT_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * The tenant's settings, cached briefly. An order needs the default currency to know which total
 * it adds to, and reading the tenant item was one of the few DynamoDB calls of every order
 * create, the hottest write there is.
 */
export class TenantSettingsCache {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;
  private readonly ttlMs: number;
  // The read itself is cached, so a burst of orders arriving as an entry expires shares one read.
  private readonly cache = new Map<string, { settings: Promise<TenantSettings>; at: number }>();

  constructor(deps: { tenantClient: TenantClientFactory; clock: () => Date; ttlMs?: number }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
    this.ttlMs = deps.ttlMs ?? DEFAULT_TTL_MS;
  }

  async settings({ tenantId }: { tenantId: string }): Promise<TenantSettings> {
    const now = this.clock().getTime();
    const cached = this.cache.get(tenantId);
    if (cached && now - cached.at < this.ttlMs) return cached.settings;
    const settings = this.read(tenantId);
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    const entry = { settings, at: now };
    this.cache.set(tenantId, entry);
    // A failed read is not remembered: the next order reads again.
    settings.catch(() => {
      if (this.cache.get(tenantId) === entry) this.cache.delete(tenantId);
    });
    return settings;
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
