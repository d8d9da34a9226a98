import type { ServiceDeps } from '@crm/app';
import type { Context } from 'hono';
import type { OriginGuardOptions } from './middleware/origin-guard.js';

/** What the Hono app needs from its host (the Lambda adapter or the local runtime). */
export type AppDeps = ServiceDeps & {
  /** Mounts /v1/dev/* (the mail outbox). Only the local runtime and tests set it. @default false */
  devRoutes?: boolean;
  /**
   * The client's network address, for the per-address sign-in throttle: the host knows it (the
   * socket locally, API Gateway's source IP in AWS), the app cannot. @default none: no per-address throttle
   */
  clientAddress?: (c: Context) => string | undefined;
  /**
   * Refuse requests that did not come through the CDN (the secret origin header CloudFront adds).
   * Only the AWS host sets it; the local runtime serves everyone. @default none: every request passes
   */
  originGuard?: OriginGuardOptions;
  /** Reported by /health; the deployed commit or package version. */
  version?: string;
};
