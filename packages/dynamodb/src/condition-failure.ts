import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { conditionFailedAt } from './transaction-failure.js';

/** A conditional write refused because its condition did not hold (not a fault). */
export const isConditionFailure = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException;

// A transaction refused by the condition of any of its writes is refused like a single write.
const refusedByCondition = (error: unknown): boolean =>
  isConditionFailure(error) ||
  (error instanceof TransactionCanceledException && conditionFailedAt(error).length > 0);

/**
 * What a conditional write (or transaction) gave, or undefined when DynamoDB refused it because a
 * condition did not hold: for the callers to whom that refusal is an answer, not a fault. Any
 * other failure is thrown.
 */
export async function ifConditionHeld<T>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (error) {
    if (refusedByCondition(error)) return undefined;
    throw error;
  }
}

/**
 * Whether a conditional write (or transaction) went through: false when DynamoDB refused it
 * because a condition did not hold; any other failure is thrown.
 */
export async function conditionHeld(write: Promise<unknown>): Promise<boolean> {
  return (await ifConditionHeld(write.then(() => true))) ?? false;
}
