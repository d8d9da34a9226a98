import type { ServiceDeps } from '@crm/app';

/** What the Hono app needs from its host (the Lambda adapter or the local runtime). */
export type AppDeps = ServiceDeps & {
  /** Mounts /v1/dev/* (the mail outbox). Only the local runtime and tests set it. @default false */
  devRoutes?: boolean;
  /** Reported by /health; the deployed commit or package version. */
  version?: string;
};
