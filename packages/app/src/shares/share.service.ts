import { DomainError, newId, type Share, type ShareGrant } from '@crm/domain';
import {
  CustomerRepository,
  PartnerOrganisationRepository,
  ShareRepository,
  type TenantClientFactory,
  UserRepository,
} from '@crm/dynamodb';

type Actor = { tenantId: string; actorId: string };

/**
 * Sharing customers with channel partners, field by field (按权限共享): with one partner user, or
 * with a partner organisation (every active user of it), read or read-write, until revoked or an
 * expiry instant. The stream announces each grant and revocation (`share.granted|revoked`).
 */
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
      organisations: new PartnerOrganisationRepository(client, tenantId),
    };
  }

  /** Every share of the customer: with users and with organisations, expired ones included. */
  async list({ tenantId, customerId }: { tenantId: string; customerId: string }): Promise<Share[]> {
    const { shares, customers } = this.repositories(tenantId);
    if (!(await customers.get({ customerId }))) throw new DomainError('not_found', 'Customer not found');
    return shares.listForCustomer({ customerId });
  }

  /** Every customer shared with the organisation (expired shares included, marked by `validUntil`). */
  async listForOrganisation({ tenantId, organisationId }: { tenantId: string; organisationId: string }) {
    const { shares, organisations } = this.repositories(tenantId);
    if (!(await organisations.get(organisationId))) {
      throw new DomainError('not_found', 'Partner organisation not found');
    }
    return shares.listAllForPartner({ partnerId: organisationId });
  }

  /** Shares the customer with a partner user, or replaces what an existing share grants. */
  async grant(
    actor: Actor,
    { customerId, partnerId, grant }: { customerId: string; partnerId: string; grant: ShareGrant },
  ): Promise<Share> {
    const { customers, users } = this.repositories(actor.tenantId);
    if (!(await customers.get({ customerId }))) throw new DomainError('not_found', 'Customer not found');
    const partner = await users.get({ tenantId: actor.tenantId, userId: partnerId });
    if (!partner) throw new DomainError('not_found', 'User not found');
    if (partner.role !== 'partner') {
      throw new DomainError('validation_failed', 'Customers are shared with partner users only', {
        fields: [{ path: 'userId', message: 'is not a partner' }],
      });
    }
    return this.put(actor, { customerId, partnerId, grantee: 'user', grant });
  }

  /** Shares the customer with a partner organisation, or replaces what its share grants. */
  async grantToOrganisation(
    actor: Actor,
    { customerId, organisationId, grant }: { customerId: string; organisationId: string; grant: ShareGrant },
  ): Promise<Share> {
    const { customers, organisations } = this.repositories(actor.tenantId);
    if (!(await customers.get({ customerId }))) throw new DomainError('not_found', 'Customer not found');
    if (!(await organisations.get(organisationId))) {
      throw new DomainError('not_found', 'Partner organisation not found');
    }
    return this.put(actor, { customerId, partnerId: organisationId, grantee: 'organisation', grant });
  }

  private async put(
    { tenantId, actorId }: Actor,
    input: { customerId: string; partnerId: string; grantee: Share['grantee']; grant: ShareGrant },
  ): Promise<Share> {
    const now = this.clock();
    if (input.grant.validUntil && Date.parse(input.grant.validUntil) <= now.getTime()) {
      throw new DomainError('validation_failed', 'The expiry must be in the future', {
        fields: [{ path: 'validUntil', message: 'must be in the future' }],
      });
    }
    const { shares } = this.repositories(tenantId);
    const existing = await shares.get({ partnerId: input.partnerId, customerId: input.customerId });
    const share: Share = {
      // A replaced share keeps its id, so `share.granted` events of one share name one entity.
      id: existing && existing.id !== `${existing.partnerId}:${existing.customerId}` ? existing.id : newId(),
      customerId: input.customerId,
      partnerId: input.partnerId,
      grantee: input.grantee,
      fields: input.grant.fields,
      canAddInteractions: input.grant.canAddInteractions,
      access: input.grant.access,
      validUntil: input.grant.validUntil ?? null,
      grantedBy: actorId,
      createdAt: existing?.createdAt ?? now.toISOString(),
      updatedAt: now.toISOString(),
    };
    await shares.put({ share });
    return share;
  }

  /** Stops a share (of a user or an organisation): the partner's next request no longer sees it. */
  async revoke({
    tenantId,
    customerId,
    partnerId,
    grantee = 'user',
  }: {
    tenantId: string;
    customerId: string;
    partnerId: string;
    grantee?: Share['grantee'];
  }): Promise<void> {
    const { shares } = this.repositories(tenantId);
    // One key space holds both kinds: a user's route never removes an organisation's share.
    const existing = await shares.get({ partnerId, customerId });
    const removed = existing?.grantee === grantee && (await shares.delete({ partnerId, customerId }));
    if (!removed) throw new DomainError('not_found', 'Share not found');
  }
}
