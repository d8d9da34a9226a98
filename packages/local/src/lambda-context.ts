import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/**
 * A Lambda `Context` for handlers invoked by the local runtime. Values are plausible, never read
 * for behaviour; `getRemainingTimeInMillis` counts down from the configured timeout.
 */
export function createLocalLambdaContext(options: { functionName: string; timeoutMs?: number }): Context {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  const fail = (error: Error | string) => {
    throw typeof error === 'string' ? new Error(error) : error;
  };
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: options.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${options.functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: (error) => {
      if (error) fail(error);
    },
    fail,
    succeed: () => {},
  };
}
