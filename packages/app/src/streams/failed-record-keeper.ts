import type { Logger } from '@aws-lambda-powertools/logger';
import { KeptStreamRecordRepository, type TableClient } from '@crm/dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';

/** Counts a record's failed attempts and keeps the record whole once it has failed too often. */
export type FailedRecordKeeper = {
  /** How many attempts a record gets before it is kept and let go. */
  readonly keepAfterAttempts: number;
  countFailure: (record: DynamoDBRecord) => Promise<number>;
  keep: (record: DynamoDBRecord, error: unknown, attempts: number) => Promise<void>;
};

/**
 * Fewer than the event source mapping's 10 retries (infra's StreamConsumer), so the consumer keeps
 * a poison record itself, whole, long before Lambda would give up on it with only a pointer.
 */
export const KEEP_AFTER_ATTEMPTS = 3;

/**
 * Keeps failed records in the table (KeptStreamRecordRepository), in AWS and locally alike;
 * `npm run ops -- replay` feeds them back (replay-kept-records.ts).
 *
 * @example
 * createStreamHandler({ reactions, keeper: tableRecordKeeper({ table }) });
 */
export function tableRecordKeeper(options: {
  table: TableClient;
  clock?: () => Date;
  keepAfterAttempts?: number;
}): FailedRecordKeeper {
  const kept = new KeptStreamRecordRepository(options.table);
  const clock = options.clock ?? (() => new Date());
  return {
    keepAfterAttempts: options.keepAfterAttempts ?? KEEP_AFTER_ATTEMPTS,
    countFailure: (record) =>
      kept.countFailure(record.eventID ?? record.dynamodb?.SequenceNumber ?? '', clock()),
    keep: (record, error, attempts) => kept.keep({ record, error: describe(error), attempts, now: clock() }),
  };
}

/**
 * After a record failed: true when it has now failed `keepAfterAttempts` times and is kept (the
 * handler then reports it done, so the records behind it move on); false to let it be retried.
 * If counting or keeping fails itself (the table is what is failing), the record is retried and
 * the event source mapping's own limits and DLQ still apply.
 */
export async function keptAfterFailure(
  keeper: FailedRecordKeeper,
  record: DynamoDBRecord,
  error: unknown,
  logger: Logger | undefined,
): Promise<boolean> {
  const where = { eventId: record.eventID, sequenceNumber: record.dynamodb?.SequenceNumber };
  try {
    const attempts = await keeper.countFailure(record);
    if (attempts < keeper.keepAfterAttempts) return false;
    await keeper.keep(record, error, attempts);
    logger?.error('stream record kept for replay after repeated failures', {
      error: error as Error,
      attempts,
      ...where,
    });
    return true;
  } catch (keepError) {
    logger?.error('could not keep a failed stream record', { error: keepError as Error, ...where });
    return false;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
