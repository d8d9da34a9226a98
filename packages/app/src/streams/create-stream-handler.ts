import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { type Reaction, ReactionBatch } from '@crm/domain';
import { toEntityChange } from '@crm/dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { type FailedRecordKeeper, keptAfterFailure } from './failed-record-keeper.js';

export type StreamHandler = (
  event: DynamoDBStreamEvent,
  context: Context,
) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

/** Thrown for records after a failed one; they were not attempted and will be redelivered. */
export class SkippedAfterFailureError extends Error {
  constructor(sequenceNumber: string | undefined) {
    super(`record ${sequenceNumber} skipped: an earlier record in this batch failed`);
    this.name = 'SkippedAfterFailureError';
  }
}

/**
 * Builds the stream consumer from a set of reactions. The same function serves the Lambda (in AWS)
 * and the local stream poller.
 *
 * Records are processed in order, and after the first failure the rest of the batch is reported as
 * failed without being attempted: Lambda (and the poller) redeliver from the first failed sequence
 * number, so attempting later records would run them twice and could apply one customer's changes
 * out of order.
 */
export function createStreamHandler(options: {
  reactions: readonly Reaction[];
  logger?: Logger;
  /**
   * Where a record that keeps failing is kept whole and then let go, so it stops blocking its
   * shard (failed-record-keeper.ts). @default none: only the event source mapping's retries
   */
  keeper?: FailedRecordKeeper;
}): StreamHandler {
  const { reactions, logger, keeper } = options;
  return async (event, context) => {
    const processor = new BatchProcessor(EventType.DynamoDBStreams);
    let failed = false;
    // One per invocation: the records of this batch share memoised reads (reaction-batch.ts).
    const batch = new ReactionBatch();
    const handleRecord = async (record: DynamoDBRecord): Promise<void> => {
      if (failed) throw new SkippedAfterFailureError(record.dynamodb?.SequenceNumber);
      try {
        const change = toEntityChange(record);
        if (!change) return;
        for (const reaction of reactions) {
          if (!reaction.entityTypes.some((type) => type === change.entityType)) continue;
          await reaction.handle(change, batch);
        }
      } catch (error) {
        const where = { eventId: record.eventID, sequenceNumber: record.dynamodb?.SequenceNumber };
        if (keeper && (await keptAfterFailure(keeper, record, error, logger))) return;
        failed = true;
        logger?.error('stream record failed', { error: error as Error, ...where });
        throw error;
      }
    };
    return processPartialResponse(event, handleRecord, processor, {
      context,
      processInParallel: false,
      // A fully failed batch is reported like a partial one, so the retry starts at its first record.
      throwOnFullBatchFailure: false,
    });
  };
}
