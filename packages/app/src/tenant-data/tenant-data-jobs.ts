/** One job of tenant data rights: build an export, or remove a deleted tenant's data. */
export type TenantDataJob =
  | { kind: 'export'; tenantId: string; exportId: string }
  | { kind: 'deletion'; tenantId: string };

/**
 * Starts a job outside the request. In AWS an export or a deletion can outlast API Gateway's
 * 30 s, so a host there invokes a worker asynchronously; the local server runs the job in its own
 * process, after the response (the default).
 */
export type TenantDataDispatch = (job: TenantDataJob) => Promise<void>;
