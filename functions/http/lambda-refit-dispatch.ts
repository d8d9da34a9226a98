import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { RefitDispatch } from '@crm/api/analytics';
import type { RefitTenantEvent } from '../scheduled/refit-request.js';

/**
 * `POST /v1/analytics/refit` in AWS: the refit Lambda, invoked asynchronously (`Event`), so the
 * fit runs for up to 15 minutes after the API has answered 202. Lambda retries a failed async
 * invocation twice; the worker ignores a run that is no longer `running`.
 */
export function lambdaRefitDispatch(functionName: string, client = new LambdaClient({})): RefitDispatch {
  return async (request) => {
    const event: RefitTenantEvent = { action: 'refit-tenant', ...request };
    await client.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(JSON.stringify(event)),
      }),
    );
  };
}
