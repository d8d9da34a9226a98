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
  // The read itself is cached, so a burst of requests arriving as an entry expires shares one read.
  private readonly cache = new Map<string, { deleted: Promise<boolean>; at: number }>();
  // A deletion is never undone: once seen, it needs no second look.
  private readonly seenDeleted = new Set<string>();

  constructor(deps: { table: TableClient; clock: () => Date; ttlMs?: number }) {
    this.repository = new TenantDeletionRepository(deps.table);
    this.clock = deps.clock;
    this.ttlMs = deps.ttlMs ?? DEFAULT_TTL_MS;
  }

  async isDeleted(tenantId: string): Promise<boolean> {
    if (this.seenDeleted.has(tenantId)) return true;
    const now = this.clock().getTime();
    const cached = this.cache.get(tenantId);
    if (cached && now - cached.at < this.ttlMs) return cached.deleted;
    const deleted = this.repository.get(tenantId).then((marker) => {
      if (marker) this.remember(tenantId);
      return Boolean(marker);
    });
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    const entry = { deleted, at: now };
    this.cache.set(tenantId, entry);
    // A failed read is not remembered: the next request reads again.
    deleted.catch(() => {
      if (this.cache.get(tenantId) === entry) this.cache.delete(tenantId);
    });
    return deleted;
  }

  /** Called by the deletion itself, so this process refuses the tenant from the same instant. */
  remember(tenantId: string): void {
    if (this.seenDeleted.size >= MAX_ENTRIES) this.seenDeleted.clear();
    this.seenDeleted.add(tenantId);
  }
}
