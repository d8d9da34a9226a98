import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { conditionHeld, ifConditionHeld, isConditionFailure } from './condition-failure.js';

const conditionFailed = () => new ConditionalCheckFailedException({ message: 'refused', $metadata: {} });
const cancelled = (codes: string[]) =>
  new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

describe('a conditional write whose refusal is an answer', () => {
  it('holds when the write went through, and gives what it gave', async () => {
    await expect(conditionHeld(Promise.resolve(undefined))).resolves.toBe(true);
    await expect(ifConditionHeld(Promise.resolve({ version: 2 }))).resolves.toEqual({ version: 2 });
  });

  it('does not hold when DynamoDB refused its condition', async () => {
    await expect(conditionHeld(Promise.reject(conditionFailed()))).resolves.toBe(false);
    await expect(ifConditionHeld(Promise.reject(conditionFailed()))).resolves.toBeUndefined();
  });

  it('does not hold when a transaction was cancelled by the condition of one of its writes', async () => {
    await expect(conditionHeld(Promise.reject(cancelled(['None', 'ConditionalCheckFailed'])))).resolves.toBe(
      false,
    );
  });

  it('throws every other failure, a transaction cancelled for another reason too', async () => {
    const conflict = new TransactionConflictException({ message: 'busy', $metadata: {} });
    await expect(conditionHeld(Promise.reject(conflict))).rejects.toBe(conflict);
    const contended = cancelled(['None', 'TransactionConflict']);
    await expect(ifConditionHeld(Promise.reject(contended))).rejects.toBe(contended);
    const plain = new Error('network');
    await expect(conditionHeld(Promise.reject(plain))).rejects.toBe(plain);
  });

  it('tells a refused condition from other errors', () => {
    expect(isConditionFailure(conditionFailed())).toBe(true);
    expect(isConditionFailure(cancelled(['ConditionalCheckFailed']))).toBe(false);
    expect(isConditionFailure(new Error('ConditionalCheckFailedException'))).toBe(false);
  });
});
