import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { traced } from '../tracing.js';

/**
 * Starts a Lambda without waiting for it (`InvocationType: Event`): the API answers 202 while the
 * work goes on for up to 15 minutes. Lambda retries a failed async invocation twice, so each
 * worker must ignore a request it has already handled.
 */
export function asyncInvoker(functionName: string, client = traced(new LambdaClient({}))) {
  return async (event: object): Promise<void> => {
    await client.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(JSON.stringify(event)),
      }),
    );
  };
}
