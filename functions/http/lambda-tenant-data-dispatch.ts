import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { TenantDataDispatch } from '@crm/app/tenant-data';
import type { TenantDataEvent } from '../tenant-data/tenant-data-request.js';
import { asyncInvoker } from './async-invoke.js';

/** Tenant exports and deletions in AWS: the tenant data worker Lambda, invoked asynchronously (202). */
export function lambdaTenantDataDispatch(functionName: string, client?: LambdaClient): TenantDataDispatch {
  const invoke = asyncInvoker(functionName, client);
  return async (job) => {
    const event: TenantDataEvent = job;
    await invoke(event);
  };
}
