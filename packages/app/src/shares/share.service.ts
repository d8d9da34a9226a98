import { DomainError, type Share, type ShareGrant } from '@crm/domain';
import { CustomerRepository, ShareRepository, type TenantClientFactory, UserRepository } from '@crm/dynamodb';

type Actor = { tenantId: string; actorId: string };

/** Sharing customers with channel partners, field by field (按权限共享). */
export class ShareService {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;

  constructor(deps: { tenantClient: TenantClientFactory; clock: () => Date }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
  }

  private repositories(tenantId: string) {
    const client = this.tenantClient(tenantId);
    return {
      shares: new ShareRepository(client, tenantId),
      customers: new CustomerRepository(client, tenantId),
      users: new UserRepository(client),
    };
  }

  async list({ tenantId, customerId }: { tenantId: string; customerId: string }): Promise<Share[]> {
    const { shares, customers } = this.repositories(tenantId);
    if (!(await customers.get({ customerId }))) throw new DomainError('not_found', 'Customer not found');
    return shares.listForCustomer({ customerId });
  }

  /** Shares the customer with a partner user, or replaces what an existing share grants. */
  async grant(
    { tenantId, actorId }: Actor,
    { customerId, partnerId, grant }: { customerId: string; partnerId: string; grant: ShareGrant },
  ): Promise<Share> {
    const { shares, customers, users } = this.repositories(tenantId);
    if (!(await customers.get({ customerId }))) throw new DomainError('not_found', 'Customer not found');
    const partner = await users.get({ tenantId, userId: partnerId });
    if (!partner) throw new DomainError('not_found', 'User not found');
    if (partner.role !== 'partner') {
      throw new DomainError('validation_failed', 'Customers are shared with partner users only', {
        fields: [{ path: 'userId', message: 'is not a partner' }],
      });
    }
    const now = this.clock().toISOString();
    const existing = await shares.get({ partnerId, customerId });
    const share = {
      customerId,
      partnerId,
      ...grant,
      grantedBy: actorId,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await shares.put({ share });
    return share;
  }

  async revoke({
    tenantId,
    customerId,
    partnerId,
  }: {
    tenantId: string;
    customerId: string;
    partnerId: string;
  }): Promise<void> {
    const removed = await this.repositories(tenantId).shares.delete({ partnerId, customerId });
    if (!removed) throw new DomainError('not_found', 'Share not found');
  }
}
