import {
  type Customer,
  type CustomerPatch,
  DomainError,
  fieldsNotShared,
  isShareLive,
  mergeGrants,
  type PartnerGrant,
  projectForPartner,
  type Share,
} from '@crm/domain';
import {
  CustomerRepository,
  PartnerOrganisationRepository,
  ShareRepository,
  shareCursorAfter,
  type TenantClientFactory,
  UserRepository,
} from '@crm/dynamodb';
import type { Principal } from '../auth/principal.js';
import type { CustomerService } from '../customers/customer.service.js';

type PartnerPrincipal = Extract<Principal, { kind: 'user' }>;

export function isPartner(principal: Principal): principal is PartnerPrincipal {
  return principal.kind === 'user' && principal.role === 'partner';
}

/** Where a partner user stands: its organisation, and whether that organisation's shares count. */
export type PartnerStanding = { organisationId: string | null; organisationActive: boolean };

/**
 * A partner's view of the customer book: only customers shared with the user or its (active)
 * organisation, only the granted fields, only while a share is live. Anything else reads as absent
 * (404), exactly like another tenant's data. Every answer is read fresh from the table: a revoked
 * or expired share, or a disabled organisation, stops working at the very next request.
 */
export class PartnerAccess {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;
  private readonly customers: CustomerService | undefined;

  constructor(deps: { tenantClient: TenantClientFactory; clock?: () => Date; customers?: CustomerService }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock ?? (() => new Date());
    this.customers = deps.customers;
  }

  private repositories(tenantId: string) {
    const client = this.tenantClient(tenantId);
    return {
      shares: new ShareRepository(client, tenantId),
      customers: new CustomerRepository(client, tenantId),
      users: new UserRepository(client),
      organisations: new PartnerOrganisationRepository(client, tenantId),
    };
  }

  async standing(principal: PartnerPrincipal): Promise<PartnerStanding> {
    const { users, organisations } = this.repositories(principal.tenantId);
    const user = await users.get({ tenantId: principal.tenantId, userId: principal.userId });
    if (!user?.organisationId) return { organisationId: null, organisationActive: false };
    const organisation = await organisations.get(user.organisationId);
    return { organisationId: user.organisationId, organisationActive: organisation?.status === 'active' };
  }

  /** The partners whose shares count for this user: itself, and its organisation while active. */
  private grantees(principal: PartnerPrincipal, standing: PartnerStanding): string[] {
    return standing.organisationActive && standing.organisationId
      ? [principal.userId, standing.organisationId]
      : [principal.userId];
  }

  /** What this partner user may do with the customer, or 404 when no live share reaches it. */
  async grant(principal: PartnerPrincipal, customerId: string): Promise<PartnerGrant> {
    const { shares } = this.repositories(principal.tenantId);
    const grantees = this.grantees(principal, await this.standing(principal));
    const found = await Promise.all(grantees.map((partnerId) => shares.get({ partnerId, customerId })));
    const grant = mergeGrants(
      found.filter((share): share is Share => share !== undefined),
      this.clock(),
    );
    if (!grant) throw new DomainError('not_found', 'Customer not found');
    return grant;
  }

  /**
   * A partner reaches a customer's timeline only through a share that grants it; anyone else is
   * not limited here (their routes check their roles).
   */
  async checkTimeline(principal: Principal, customerId: string, action: 'read' | 'write'): Promise<void> {
    if (!isPartner(principal)) return;
    const grant = await this.grant(principal, customerId);
    const allowed = action === 'read' ? grant.fields.includes('interactions') : grant.canAddInteractions;
    if (!allowed) throw new DomainError('forbidden', `This share does not let you ${action} the timeline`);
  }

  private async liveCustomer(tenantId: string, customerId: string): Promise<Customer> {
    const customer = await this.repositories(tenantId).customers.get({ customerId });
    if (!customer || customer.archivedAt) throw new DomainError('not_found', 'Customer not found');
    return customer;
  }

  async get(principal: PartnerPrincipal, customerId: string) {
    const grant = await this.grant(principal, customerId);
    return projectForPartner(await this.liveCustomer(principal.tenantId, customerId), grant);
  }

  /**
   * A partner's edit of a customer shared read-write: only the shared fields, against the version
   * it read. The edit is stamped with the partner's organisation, so the history names both.
   */
  async update(
    principal: PartnerPrincipal,
    input: { customerId: string; expectedVersion: number; patch: Omit<CustomerPatch, 'version'> },
  ) {
    if (!this.customers) throw new Error('PartnerAccess needs the customer service to edit');
    const grant = await this.grant(principal, input.customerId);
    if (grant.access !== 'read-write') {
      throw new DomainError('forbidden', 'This customer is shared with you read-only');
    }
    const patched = Object.keys(input.patch).filter(
      (field) => input.patch[field as keyof typeof input.patch] !== undefined,
    );
    const notShared = fieldsNotShared(grant, patched);
    if (notShared.length > 0) {
      throw new DomainError('forbidden', 'These fields are not shared with you', {
        fields: notShared.map((path) => ({ path, message: 'is not shared with you' })),
      });
    }
    const standing = await this.standing(principal);
    const organisationId = standing.organisationId ?? grant.organisationId;
    const updated = await this.customers.update(
      {
        tenantId: principal.tenantId,
        actorId: principal.userId,
        ...(organisationId ? { organisationId } : {}),
      },
      input,
    );
    return projectForPartner(updated, grant);
  }

  /**
   * Every live share reaching this partner user, merged per customer (its own and its
   * organisation's), in customer-id order. The portal and the figures read from this.
   */
  async allGrants(principal: PartnerPrincipal): Promise<Map<string, PartnerGrant>> {
    const { shares } = this.repositories(principal.tenantId);
    const grantees = this.grantees(principal, await this.standing(principal));
    const all = (
      await Promise.all(grantees.map((partnerId) => shares.listAllForPartner({ partnerId })))
    ).flat();
    return mergeByCustomer(all, this.clock());
  }

  /**
   * One page of the customers shared with the partner (its own shares and its organisation's,
   * merged and in customer-id order). The cursor is the last customer's sort key, as before
   * organisations existed, so cursors already handed out keep working.
   */
  async list(principal: PartnerPrincipal, input: { limit: number; cursor?: string }) {
    const { shares, customers } = this.repositories(principal.tenantId);
    const grantees = this.grantees(principal, await this.standing(principal));
    const pages = await Promise.all(
      grantees.map((partnerId) => shares.listForPartner({ partnerId, ...input })),
    );
    const byCustomer = mergeByCustomer(
      pages.flatMap((page) => page.items),
      this.clock(),
    );
    const ordered = [...new Set(pages.flatMap((page) => page.items.map((share) => share.customerId)))].sort();
    const taken = ordered.slice(0, input.limit);
    const more = ordered.length > input.limit || pages.some((page) => page.nextCursor !== null);
    const last = taken.at(-1);
    const found = await customers.batchGet({ customerIds: taken.filter((id) => byCustomer.has(id)) });
    const byId = new Map<string, Customer>(found.map((customer) => [customer.id, customer]));
    const items = taken.flatMap((customerId) => {
      const customer = byId.get(customerId);
      const grant = byCustomer.get(customerId);
      return customer && grant && !customer.archivedAt ? [projectForPartner(customer, grant)] : [];
    });
    return {
      items,
      nextCursor: more && last ? shareCursorAfter(last) : null,
    };
  }
}

function mergeByCustomer(shares: readonly Share[], now: Date): Map<string, PartnerGrant> {
  const grouped = new Map<string, Share[]>();
  for (const share of shares) {
    if (!isShareLive(share, now)) continue;
    grouped.set(share.customerId, [...(grouped.get(share.customerId) ?? []), share]);
  }
  const merged = new Map<string, PartnerGrant>();
  for (const [customerId, group] of [...grouped].sort(([a], [b]) => a.localeCompare(b))) {
    const grant = mergeGrants(group, now);
    if (grant) merged.set(customerId, grant);
  }
  return merged;
}
