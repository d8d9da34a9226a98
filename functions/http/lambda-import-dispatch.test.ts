import type { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { ImportEventSchema } from '../imports/import-request.js';
import { lambdaImportDispatch } from './lambda-import-dispatch.js';

describe('lambdaImportDispatch', () => {
  it('invokes the import worker asynchronously with an event the worker accepts', async () => {
    const sent: InvokeCommand[] = [];
    const client = {
      send: async (command: InvokeCommand) => void sent.push(command),
    } as unknown as LambdaClient;

    await lambdaImportDispatch('crm-dev-import-worker', client)({ tenantId: '01T', importId: '01I' });

    expect(sent[0]?.input).toMatchObject({ FunctionName: 'crm-dev-import-worker', InvocationType: 'Event' });
    const payload = JSON.parse(new TextDecoder().decode(sent[0]?.input.Payload as Uint8Array));
    expect(ImportEventSchema.parse(payload)).toEqual({ action: 'import', tenantId: '01T', importId: '01I' });
  });
});
