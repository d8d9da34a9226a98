import type { TableClient, TenantClientFactory } from '@crm/dynamodb';
import type { AnalyticsService } from './analytics/analytics.service.js';
import type { ApiKeyService } from './auth/api-key.service.js';
import type { AuthService } from './auth/auth.service.js';
import type { Principal } from './auth/principal.js';
import type { SigningKeyProvider } from './auth/signing-key.js';
import type { CustomFieldDefinitions } from './customers/custom-field-definitions.js';
import type { CustomerService } from './customers/customer.service.js';
import type { InteractionService } from './customers/interaction.service.js';
import type { ImportService } from './imports/import.service.js';

/** Services built once per app and shared by all routes. */
export type Services = {
  auth: AuthService;
  apiKeys: ApiKeyService;
  customers: CustomerService;
  /** The tenant's custom-field definitions, briefly cached; drop them after changing one. */
  definitions: CustomFieldDefinitions;
  interactions: InteractionService;
  imports: ImportService;
  analytics: AnalyticsService;
  signingKey: SigningKeyProvider;
  /** Platform items (auth flow); tenant data goes through `tenantClient`. */
  platformTable: TableClient;
  tenantClient: TenantClientFactory;
  clock: () => Date;
};

/** Hono's typed context: `c.var.principal` exists on every authenticated route. */
export type AppEnv = { Variables: { principal: Principal } };
