import type { TableClient, TenantClientFactory } from '@crm/dynamodb';
import type { RefitDispatch } from './analytics/analytics.service.js';
import type { PasswordHasher } from './auth/password-hasher.js';
import type { SigningKeyProvider } from './auth/signing-key.js';
import type { ImportQueue } from './imports/import-queue.js';

/** What the API needs from its host (the Lambda adapter or the local runtime). */
export type AppDeps = {
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
  /** Mounts /v1/dev/* (the mail outbox). Only the local runtime and tests set it. @default false */
  devRoutes?: boolean;
  /** Reported by /health; the deployed commit or package version. */
  version?: string;
  /**
   * Runs `POST /v1/analytics/refit` outside the request (AWS: the refit Lambda, invoked
   * asynchronously). @default the refit runs in this process, which a long-lived server allows
   */
  refitDispatch?: RefitDispatch;
  /**
   * Runs non-dry-run imports outside the request (AWS: file to S3, the import Lambda invoked
   * asynchronously, 202). @default imports run in the request (201 when done)
   */
  importQueue?: ImportQueue;
};
