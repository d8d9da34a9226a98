import type { TenantClientFactory } from '@crm/dynamodb';
import type { CustomerService } from '../customers/customer.service.js';
import { OpportunityService } from '../sales/opportunity.service.js';
import type { SalesSetupService } from '../sales/sales-setup.service.js';
import { ServiceRequestService } from '../service/service-request.service.js';
import type { UserService } from '../users/user.service.js';
import { PartnerAccess } from './partner-access.js';
import { PartnerOrganisationService } from './partner-organisation.service.js';
import { PartnerPortalService } from './partner-portal.service.js';

/** The channel-partner services (按权限共享), wired together: access, organisations, portal. */
export function createPartnerServices(deps: {
  tenantClient: TenantClientFactory;
  clock: () => Date;
  customers: CustomerService;
  users: UserService;
  salesSetup: SalesSetupService;
}) {
  const { tenantClient, clock } = deps;
  const access = new PartnerAccess({ tenantClient, clock, customers: deps.customers });
  const organisations = new PartnerOrganisationService({ tenantClient, clock, users: deps.users });
  const portal = new PartnerPortalService({
    tenantClient,
    clock,
    access,
    organisations,
    serviceRequests: new ServiceRequestService({ tenantClient, clock }),
    opportunities: new OpportunityService({ tenantClient, clock, setup: deps.salesSetup }),
    salesSetup: deps.salesSetup,
  });
  return { access, organisations, portal };
}
