import { KeptStreamRecordRepository, type TableClient } from '@crm/dynamodb';
import type { Context } from 'aws-lambda';
import type { StreamHandler } from './create-stream-handler.js';

export type ReplayOutcome = {
  /** Records applied and no longer kept. */
  replayed: string[];
  /** Records that failed again: still kept, with the new error logged by the handler. */
  failed: string[];
};

/**
 * Feeds kept stream records (failed-record-keeper.ts) back to the stream handler, oldest first,
 * one per invocation as Lambda would deliver it, and forgets each one the handler applied.
 * Replaying twice changes nothing: an applied record is no longer kept, and reactions are
 * idempotent should the process stop between applying and forgetting. The handler given must not
 * keep records itself (no `keeper`), or a record failing again would be let go as done.
 *
 * @example
 * await replayKeptRecords({ table, handler: createStreamHandler({ reactions: createReactions({ table }) }) });
 */
export async function replayKeptRecords({
  table,
  handler,
  context = { functionName: 'crm-ops-replay', awsRequestId: 'replay' } as Context,
}: {
  table: TableClient;
  handler: StreamHandler;
  context?: Context;
}): Promise<ReplayOutcome> {
  const kept = new KeptStreamRecordRepository(table);
  const outcome: ReplayOutcome = { replayed: [], failed: [] };
  for (const entry of await kept.list()) {
    const { batchItemFailures } = await handler({ Records: [entry.record] }, context);
    if (batchItemFailures.length > 0) {
      outcome.failed.push(entry.eventId);
      continue;
    }
    await kept.remove(entry);
    outcome.replayed.push(entry.eventId);
  }
  return outcome;
}
