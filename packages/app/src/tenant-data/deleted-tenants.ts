import { ReadThroughCache } from '@crm/domain';
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
  private readonly cache: ReadThroughCache<boolean>;
  // A deletion is never undone: once seen, it needs no second look.
  private readonly seenDeleted = new Set<string>();

  constructor(deps: { table: TableClient; clock: () => Date; ttlMs?: number }) {
    this.repository = new TenantDeletionRepository(deps.table);
    this.clock = deps.clock;
    this.cache = new ReadThroughCache({ ttlMs: deps.ttlMs ?? DEFAULT_TTL_MS, maxEntries: MAX_ENTRIES });
  }

  async isDeleted(tenantId: string): Promise<boolean> {
    if (this.seenDeleted.has(tenantId)) return true;
    return this.cache.get(tenantId, this.clock().getTime(), () =>
      this.repository.get(tenantId).then((marker) => {
        if (marker) this.remember(tenantId);
        return Boolean(marker);
      }),
    );
  }

  /** Called by the deletion itself, so this process refuses the tenant from the same instant. */
  remember(tenantId: string): void {
    if (this.seenDeleted.size >= MAX_ENTRIES) this.seenDeleted.clear();
    this.seenDeleted.add(tenantId);
  }
}
