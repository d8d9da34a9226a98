import {
  type Customer,
  DomainError,
  type Interaction,
  type OpportunityView,
  type PartnerCustomer,
  type PartnerPortal,
  type PartnerSalesFigures,
  partnerOrderFigures,
  projectForPartner,
} from '@crm/domain';
import { CustomerRepository, InteractionRepository, type TenantClientFactory } from '@crm/dynamodb';
import type { Principal } from '../auth/principal.js';
import type { OpportunityService } from '../sales/opportunity.service.js';
import type { SalesSetupService } from '../sales/sales-setup.service.js';
import type { ServiceRequestService } from '../service/service-request.service.js';
import { isPartner, type PartnerAccess } from './partner-access.js';
import type { PartnerOrganisationService } from './partner-organisation.service.js';

type PartnerPrincipal = Extract<Principal, { kind: 'user' }>;

/** How many customers the portal lists and reads figures and deals for: a dealer's book, not HQ's. */
export const PORTAL_CUSTOMER_LIMIT = 200;
const PORTAL_REQUEST_LIMIT = 50;
const DEALS_PER_CUSTOMER = 20;
const DAY_MS = 86_400_000;

/**
 * The partner portal (经销商门户): a dealer's user sees its customers (shared with it or its
 * organisation), the service requests dispatched to it, the deals on its customers (read-only:
 * deals have no partner of their own) and its sales figures. Read fresh on every request.
 */
export class PartnerPortalService {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;
  private readonly access: PartnerAccess;
  private readonly organisations: PartnerOrganisationService;
  private readonly serviceRequests: ServiceRequestService;
  private readonly opportunities: OpportunityService;
  private readonly salesSetup: SalesSetupService;

  constructor(deps: {
    tenantClient: TenantClientFactory;
    clock: () => Date;
    access: PartnerAccess;
    organisations: PartnerOrganisationService;
    serviceRequests: ServiceRequestService;
    opportunities: OpportunityService;
    salesSetup: SalesSetupService;
  }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
    this.access = deps.access;
    this.organisations = deps.organisations;
    this.serviceRequests = deps.serviceRequests;
    this.opportunities = deps.opportunities;
    this.salesSetup = deps.salesSetup;
  }

  private partner(principal: Principal): PartnerPrincipal {
    if (!isPartner(principal)) throw new DomainError('forbidden', 'The partner portal is for partner users');
    return principal;
  }

  /** The partner's customers with how each is shared, in customer-id order (at most 200). */
  async customers(principal: Principal): Promise<PartnerCustomer[]> {
    const partner = this.partner(principal);
    const grants = [...(await this.access.allGrants(partner))].slice(0, PORTAL_CUSTOMER_LIMIT);
    const found = await new CustomerRepository(
      this.tenantClient(partner.tenantId),
      partner.tenantId,
    ).batchGet({
      customerIds: grants.map(([customerId]) => customerId),
    });
    const byId = new Map<string, Customer>(found.map((customer) => [customer.id, customer]));
    return grants.flatMap(([customerId, grant]) => {
      const customer = byId.get(customerId);
      if (!customer || customer.archivedAt) return [];
      return [
        {
          customer: projectForPartner(customer, grant),
          fields: grant.fields,
          access: grant.access,
          canAddInteractions: grant.canAddInteractions,
          organisationId: grant.organisationId,
        },
      ];
    });
  }

  /** Orders on the partner's customers in [from, to) (default: the last 30 days). */
  async figures(
    principal: Principal,
    window: { from?: string; to?: string } = {},
  ): Promise<PartnerSalesFigures> {
    const partner = this.partner(principal);
    const to = window.to ? new Date(window.to) : this.clock();
    const from = window.from ? new Date(window.from) : new Date(to.getTime() - 30 * DAY_MS);
    if (from.getTime() >= to.getTime()) {
      throw new DomainError('validation_failed', 'The period must start before it ends', {
        fields: [{ path: 'from', message: 'must be before to' }],
      });
    }
    const customerIds = [...(await this.access.allGrants(partner)).keys()].slice(0, PORTAL_CUSTOMER_LIMIT);
    const interactions = new InteractionRepository(this.tenantClient(partner.tenantId), partner.tenantId);
    const timelines: Interaction[][] = await Promise.all(
      customerIds.map((customerId) => interactions.listAll({ customerId })),
    );
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      customers: customerIds.length,
      orders: partnerOrderFigures(timelines.flat(), {
        from: from.toISOString(),
        to: to.toISOString(),
        actorId: partner.userId,
      }),
    };
  }

  /** The landing view: organisation, customers, requests dispatched to the partner, deals, figures. */
  async portal(principal: Principal, window: { from?: string; to?: string } = {}): Promise<PartnerPortal> {
    const partner = this.partner(principal);
    const [organisation, customers, requests, figures, setup] = await Promise.all([
      this.organisations.ownOrganisation(partner),
      this.customers(partner),
      this.serviceRequests.list(
        { tenantId: partner.tenantId, actorId: partner.userId, role: 'partner' },
        { limit: PORTAL_REQUEST_LIMIT },
      ),
      this.figures(partner, window),
      this.salesSetup.get(partner),
    ]);
    const deals = await Promise.all(
      customers.map(({ customer }) =>
        this.opportunities.list(
          { tenantId: partner.tenantId },
          { customerId: customer.id, limit: DEALS_PER_CUSTOMER },
        ),
      ),
    );
    return {
      organisation: organisation
        ? {
            id: organisation.id,
            name: organisation.name,
            status: organisation.status,
            isAdmin: organisation.adminUserId === partner.userId,
          }
        : null,
      customers,
      serviceRequests: requests.items,
      opportunities: deals.flatMap((page) => page.items as OpportunityView[]),
      pipelines: setup.pipelines.map((pipeline) => ({
        key: pipeline.key,
        name: pipeline.name,
        stages: pipeline.stages.map((stage) => ({ key: stage.key, name: stage.name })),
      })),
      figures,
    };
  }
}
