import { type TableClient, TenantDeletionRepository } from '@crm/dynamodb';

// As long as LivePrincipals keeps a user's role: another instance (a concurrent Lambda) refuses a
// deleted tenant's tokens within seconds; this process does at once (`remember`).
const DEFAULT_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * Whether a tenant was deleted (its marker exists), cached briefly. Authentication refuses every
 * token of a deleted tenant, and the stream reactions skip its records, so nothing is written
 * back while its data is removed.
 */
export class DeletedTenants {
  private readonly repository: TenantDeletionRepository;
  private readonly clock: () => Date;
  private readonly ttlMs: number;
  private readonly cache = new Map<string, { deleted: boolean; at: number }>();

  constructor(deps: { table: TableClient; clock: () => Date; ttlMs?: number }) {
    this.repository = new TenantDeletionRepository(deps.table);
    this.clock = deps.clock;
    this.ttlMs = deps.ttlMs ?? DEFAULT_TTL_MS;
  }

  async isDeleted(tenantId: string): Promise<boolean> {
    const now = this.clock().getTime();
    const cached = this.cache.get(tenantId);
    // A deletion is never undone: once seen, it needs no second look.
    if (cached && (cached.deleted || now - cached.at < this.ttlMs)) return cached.deleted;
    const deleted = Boolean(await this.repository.get(tenantId));
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    this.cache.set(tenantId, { deleted, at: now });
    return deleted;
  }

  /** Called by the deletion itself, so this process refuses the tenant from the same instant. */
  remember(tenantId: string): void {
    this.cache.set(tenantId, { deleted: true, at: this.clock().getTime() });
  }
}
