import { DomainError, type Tenant, type TenantSettings } from '@crm/domain';
import { type TenantClientFactory, TenantRepository } from '@crm/dynamodb';
import type { TenantSettingsCache } from './tenant-settings-cache.js';

/** The tenant's own record: its name and settings (租户设置). */
export class TenantService {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;
  private readonly settingsCache: TenantSettingsCache | undefined;

  constructor(deps: {
    tenantClient: TenantClientFactory;
    clock: () => Date;
    settingsCache?: TenantSettingsCache;
  }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
    this.settingsCache = deps.settingsCache;
  }

  async get({ tenantId }: { tenantId: string }): Promise<Tenant> {
    const tenant = await new TenantRepository(this.tenantClient(tenantId)).get({ tenantId });
    if (!tenant) throw new DomainError('not_found', 'Tenant not found');
    return tenant;
  }

  /** Renames the tenant and/or merges settings into the current ones. */
  async update({
    tenantId,
    expectedVersion,
    name,
    settings,
  }: {
    tenantId: string;
    expectedVersion: number;
    name?: string;
    settings?: Partial<TenantSettings>;
  }): Promise<Tenant> {
    const tenants = new TenantRepository(this.tenantClient(tenantId));
    const current = await tenants.get({ tenantId });
    if (!current) throw new DomainError('not_found', 'Tenant not found');
    const changes: Parameters<TenantRepository['update']>[0]['changes'] = {};
    if (name !== undefined) changes.name = name;
    if (settings !== undefined) changes.settings = { ...current.settings, ...settings };
    const updated = await tenants.update({
      tenantId,
      expectedVersion,
      changes,
      now: this.clock().toISOString(),
    });
    this.settingsCache?.invalidate({ tenantId });
    return updated;
  }
}
