import type { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { RefitTenantEventSchema } from '../scheduled/refit-request.js';
import { lambdaRefitDispatch } from './lambda-refit-dispatch.js';

describe('lambdaRefitDispatch', () => {
  it('invokes the refit function asynchronously with an event the refit handler accepts', async () => {
    const sent: InvokeCommand[] = [];
    const client = {
      send: async (command: InvokeCommand) => void sent.push(command),
    } as unknown as LambdaClient;
    const request = { tenantId: '01T', fitId: '01F', startedAt: '2026-11-24T02:00:00.000Z' };

    await lambdaRefitDispatch('crm-dev-refit', client)(request);

    expect(sent).toHaveLength(1);
    const input = sent[0]?.input;
    expect(input).toMatchObject({ FunctionName: 'crm-dev-refit', InvocationType: 'Event' });
    const payload = JSON.parse(new TextDecoder().decode(input?.Payload as Uint8Array));
    expect(RefitTenantEventSchema.parse(payload)).toEqual({ action: 'refit-tenant', ...request });
  });

  it('lets a failed invoke reach the caller, which records the run as failed', async () => {
    const client = {
      send: async () => {
        throw new Error('AccessDenied');
      },
    } as unknown as LambdaClient;
    await expect(
      lambdaRefitDispatch('f', client)({ tenantId: 't', fitId: 'f', startedAt: '2026-11-24T02:00:00.000Z' }),
    ).rejects.toThrow('AccessDenied');
  });
});
