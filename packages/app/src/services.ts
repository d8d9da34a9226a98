import { sharedClientFactory, type TableClient, type TenantClientFactory } from '@crm/dynamodb';
import { AnalyticsService, type RefitDispatch } from './analytics/analytics.service.js';
import { ApiKeyService } from './auth/api-key.service.js';
import { AuthService } from './auth/auth.service.js';
import { createScryptHasher, type PasswordHasher } from './auth/password-hasher.js';
import type { SigningKeyProvider } from './auth/signing-key.js';
import { CustomFieldDefinitions } from './custom-fields/custom-field-definitions.js';
import { CustomerService } from './customers/customer.service.js';
import { ImportService } from './imports/import.service.js';
import type { ImportQueue } from './imports/import-queue.js';
import { InteractionService } from './interactions/interaction.service.js';

/** What the services need from their host (the Lambda adapters, the local runtime, tests). */
export type ServiceDeps = {
  /** Platform access: health, and the auth flow's identity items. */
  table: TableClient;
  /**
   * Tenant data access. In AWS: clients with tenant-scoped credentials (IAM LeadingKeys);
   * locally: the shared client (the repository guard enforces the tenant).
   * @default every tenant uses `table`
   */
  tenantClient?: TenantClientFactory;
  signingKey: SigningKeyProvider;
  /** @default scrypt with OWASP's cost */
  passwordHasher?: PasswordHasher;
  /** @default () => new Date() */
  clock?: () => Date;
  /**
   * Runs a refit outside the request (AWS: the refit Lambda, invoked asynchronously).
   * @default the refit runs in this process, which a long-lived server allows
   */
  refitDispatch?: RefitDispatch;
  /**
   * Runs non-dry-run imports outside the request (AWS: file to S3, the import Lambda invoked
   * asynchronously). @default imports run in the caller's process
   */
  importQueue?: ImportQueue;
};

/** Services built once per host and shared by all its callers (routes, workers). */
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

/**
 * Builds every application service from its ports, once.
 *
 * @example
 * const services = createServices({ table, signingKey: inMemorySigningKey() });
 * await services.customers.get({ tenantId, customerId });
 */
export function createServices(deps: ServiceDeps): Services {
  const clock = deps.clock ?? (() => new Date());
  const tenantClient = deps.tenantClient ?? sharedClientFactory(deps.table);
  const hasher = deps.passwordHasher ?? createScryptHasher();
  const definitions = new CustomFieldDefinitions({ tenantClient, clock });
  return {
    auth: new AuthService({ table: deps.table, hasher, signingKey: deps.signingKey, clock }),
    apiKeys: new ApiKeyService({ tenantClient, clock }),
    customers: new CustomerService({ tenantClient, clock, definitions }),
    definitions,
    interactions: new InteractionService({ tenantClient, clock }),
    imports: new ImportService({
      tenantClient,
      clock,
      ...(deps.importQueue ? { queue: deps.importQueue } : {}),
    }),
    analytics: new AnalyticsService({
      tenantClient,
      clock,
      ...(deps.refitDispatch ? { dispatch: deps.refitDispatch } : {}),
    }),
    signingKey: deps.signingKey,
    platformTable: deps.table,
    tenantClient,
    clock,
  };
}
