import { ReadThroughCache, type Role, type UserStatus } from '@crm/domain';
import { type TenantClientFactory, UserRepository } from '@crm/dynamodb';
import type { DeletedTenants } from '../tenant-data/deleted-tenants.js';
import type { Principal } from './principal.js';

type LiveUser = { role: Role; status: UserStatus } | undefined;

// Long enough to spare DynamoDB a read per request, short enough that another instance (a
// concurrent Lambda) sees a demotion within seconds; this process drops its entry at once.
const DEFAULT_TTL_MS = 5_000;

/**
 * The user's CURRENT role and status, cached briefly: a token carries the role it was issued
 * with, but what a request may do follows the user as they are now (a demoted or disabled admin
 * loses the admin's powers at once, not when the token expires).
 */
export class LivePrincipals {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;
  private readonly cache: ReadThroughCache<LiveUser>;
  private readonly deletedTenants: DeletedTenants | undefined;

  constructor(deps: {
    tenantClient: TenantClientFactory;
    clock: () => Date;
    ttlMs?: number;
    /** When given, every principal of a deleted tenant is refused (users and API keys alike). */
    deletedTenants?: DeletedTenants;
  }) {
    this.tenantClient = deps.tenantClient;
    this.deletedTenants = deps.deletedTenants;
    this.clock = deps.clock;
    this.cache = new ReadThroughCache({ ttlMs: deps.ttlMs ?? DEFAULT_TTL_MS });
  }

  async user({ tenantId, userId }: { tenantId: string; userId: string }): Promise<LiveUser> {
    return this.cache.get(`${tenantId}/${userId}`, this.clock().getTime(), () =>
      new UserRepository(this.tenantClient(tenantId))
        .get({ tenantId, userId })
        .then((found): LiveUser => (found ? { role: found.role, status: found.status } : undefined)),
    );
  }

  /** Called by whatever changes a user's role or status, so this process never serves the old one. */
  invalidate({ tenantId, userId }: { tenantId: string; userId: string }): void {
    this.cache.delete(`${tenantId}/${userId}`);
  }

  /**
   * The principal with the user's current role, or undefined when the user is no longer active
   * or the tenant was deleted.
   * API keys pass through: their creator is checked when the key is authenticated.
   */
  async current(principal: Principal): Promise<Principal | undefined> {
    if (await this.deletedTenants?.isDeleted(principal.tenantId)) return undefined;
    if (principal.kind !== 'user') return principal;
    const user = await this.user(principal);
    if (user?.status !== 'active') return undefined;
    return user.role === principal.role ? principal : { ...principal, role: user.role };
  }
}
