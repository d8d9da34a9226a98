import type { CustomFieldDefinition } from '@crm/domain';
import { CustomFieldRepository, type TenantClientFactory } from '@crm/dynamodb';

/** How long another API instance may keep using definitions an admin has just changed. */
export const DEFINITIONS_TTL_MS = 5_000;

/**
 * A tenant's custom-field definitions, cached briefly: every customer write validates against
 * them, and reading them each time would double the cost of a create. This instance drops its
 * copy the moment it changes a definition; other instances (other Lambdas) see the change within
 * DEFINITIONS_TTL_MS. Stored values are never rewritten, so a stale moment cannot corrupt a record.
 */
export class CustomFieldDefinitions {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;
  private readonly cache = new Map<string, { at: number; definitions: Promise<CustomFieldDefinition[]> }>();

  constructor(deps: { tenantClient: TenantClientFactory; clock: () => Date }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
  }

  list(tenantId: string): Promise<CustomFieldDefinition[]> {
    const now = this.clock().getTime();
    const cached = this.cache.get(tenantId);
    if (cached && now - cached.at < DEFINITIONS_TTL_MS) return cached.definitions;
    const definitions = new CustomFieldRepository(this.tenantClient(tenantId), tenantId).list();
    this.cache.set(tenantId, { at: now, definitions });
    // A failed read must not be served from the cache.
    definitions.catch(() => this.cache.delete(tenantId));
    if (this.cache.size > 1000) this.cache.delete(this.cache.keys().next().value as string);
    return definitions;
  }

  invalidate(tenantId: string): void {
    this.cache.delete(tenantId);
  }
}
