import { type Customer, DomainError, projectForPartner, type Share } from '@crm/domain';
import { CustomerRepository, ShareRepository, type TenantClientFactory } from '@crm/dynamodb';
import type { Principal } from '../auth/principal.js';

export function isPartner(principal: Principal): principal is Extract<Principal, { kind: 'user' }> {
  return principal.kind === 'user' && principal.role === 'partner';
}

/**
 * A partner's view of the customer book: only customers shared with it, only the granted
 * fields. Anything not shared reads as absent (404), exactly like another tenant's data.
 */
export class PartnerAccess {
  private readonly tenantClient: TenantClientFactory;

  constructor(deps: { tenantClient: TenantClientFactory }) {
    this.tenantClient = deps.tenantClient;
  }

  async share(principal: Extract<Principal, { kind: 'user' }>, customerId: string): Promise<Share> {
    const share = await new ShareRepository(this.tenantClient(principal.tenantId), principal.tenantId).get({
      partnerId: principal.userId,
      customerId,
    });
    if (!share) throw new DomainError('not_found', 'Customer not found');
    return share;
  }

  /**
   * A partner reaches a customer's timeline only through a share that grants it; anyone else is
   * not limited here (their routes check their roles).
   */
  async checkTimeline(principal: Principal, customerId: string, action: 'read' | 'write'): Promise<void> {
    if (!isPartner(principal)) return;
    const share = await this.share(principal, customerId);
    const allowed = action === 'read' ? share.fields.includes('interactions') : share.canAddInteractions;
    if (!allowed) throw new DomainError('forbidden', `This share does not let you ${action} the timeline`);
  }

  async get(principal: Extract<Principal, { kind: 'user' }>, customerId: string) {
    const share = await this.share(principal, customerId);
    const customer = await new CustomerRepository(
      this.tenantClient(principal.tenantId),
      principal.tenantId,
    ).get({
      customerId,
    });
    if (!customer || customer.archivedAt) throw new DomainError('not_found', 'Customer not found');
    return projectForPartner(customer, share);
  }

  async list(principal: Extract<Principal, { kind: 'user' }>, input: { limit: number; cursor?: string }) {
    const client = this.tenantClient(principal.tenantId);
    const page = await new ShareRepository(client, principal.tenantId).listForPartner({
      partnerId: principal.userId,
      ...input,
    });
    const customers = await new CustomerRepository(client, principal.tenantId).batchGet({
      customerIds: page.items.map((share) => share.customerId),
    });
    const byId = new Map<string, Customer>(customers.map((customer) => [customer.id, customer]));
    const items = page.items.flatMap((share) => {
      const customer = byId.get(share.customerId);
      return customer && !customer.archivedAt ? [projectForPartner(customer, share)] : [];
    });
    return { items, nextCursor: page.nextCursor };
  }
}
