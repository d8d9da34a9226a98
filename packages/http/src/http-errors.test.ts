import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DomainError } from '@crm/domain';
import { describe, expect, it } from 'vitest';
import { toErrorResponse } from './http-errors.js';

function cancelled(...codes: string[]) {
  return new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
}

describe('toErrorResponse', () => {
  it('answers a transaction lost to a concurrent one with 409 and Retry-After, not 500', () => {
    const response = toErrorResponse(cancelled('None', 'TransactionConflict'));
    expect(response).toMatchObject({
      status: 409,
      body: { error: { code: 'version_conflict' } },
      headers: { 'Retry-After': '1' },
    });
  });

  it('keeps other cancelled transactions and unknown errors a 500 without details', () => {
    expect(toErrorResponse(cancelled('ConditionalCheckFailed')).status).toBe(500);
    expect(toErrorResponse(new Error('boom'))).toEqual({
      status: 500,
      body: { error: { code: 'internal', message: 'Internal server error' } },
      headers: {},
    });
  });

  it('maps domain errors by code, with field issues', () => {
    const response = toErrorResponse(
      new DomainError('validation_failed', 'bad', { fields: [{ path: 'name', message: 'is required' }] }),
    );
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual([{ path: 'name', message: 'is required' }]);
  });
});
