import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { RefitDispatch } from '@crm/app/analytics';
import type { RefitTenantEvent } from '../scheduled/refit-request.js';
import { asyncInvoker } from './async-invoke.js';

/**
 * `POST /v1/analytics/refit` in AWS: the refit Lambda, invoked asynchronously, so the fit runs for
 * up to 15 minutes after the API has answered 202. The worker ignores a run no longer `running`.
 */
export function lambdaRefitDispatch(functionName: string, client?: LambdaClient): RefitDispatch {
  const invoke = asyncInvoker(functionName, client);
  return async (request) => {
    const event: RefitTenantEvent = { action: 'refit-tenant', ...request };
    await invoke(event);
  };
}
