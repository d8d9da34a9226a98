import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { ImportDispatch } from '@crm/app/imports';
import type { ImportEvent } from '../imports/import-request.js';
import { asyncInvoker } from './async-invoke.js';

/** `POST /v1/imports` in AWS: the import worker Lambda, invoked asynchronously (202). */
export function lambdaImportDispatch(functionName: string, client?: LambdaClient): ImportDispatch {
  const invoke = asyncInvoker(functionName, client);
  return async (request) => {
    const event: ImportEvent = { action: 'import', ...request };
    await invoke(event);
  };
}
