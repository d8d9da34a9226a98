import { gunzipSync, gzipSync } from 'node:zlib';
import type { DynamoDBRecord } from 'aws-lambda';
import type { TableClient } from './document-client.js';
import { epochSeconds } from './item-codec.js';
import { platformKeys } from './keys.js';
import { PlatformTable } from './platform-table.js';

/** Two weeks, as long as an SQS queue can hold a message: time to notice, fix and replay. */
export const KEPT_RECORD_RETENTION_DAYS = 14;
const ATTEMPTS_RETENTION_MS = 2 * 24 * 3600 * 1000;

/** A stream record the consumer gave up on, with why. */
export type KeptStreamRecord = {
  eventId: string;
  record: DynamoDBRecord;
  error: string;
  attempts: number;
  keptAt: string;
};

type KeptItem = {
  pk: string;
  sk: string;
  eventId: string;
  record: Uint8Array;
  error: string;
  attempts: number;
  keptAt: string;
};

/**
 * Where failed stream records are kept WHOLE (images and all, gzipped: two images of a large item
 * would not fit an item otherwise), not as a pointer into a stream that forgets after 24 h. The
 * items carry no entity type, so their own writes never reach the consumer. Also counts a record's
 * failed attempts, so the consumer can give up on it before it blocks its shard.
 */
export class KeptStreamRecordRepository {
  private readonly platform: PlatformTable;

  constructor(client: TableClient) {
    this.platform = new PlatformTable(client);
  }

  /** Counts one more failed attempt at the record and answers how many there were. */
  async countFailure(eventId: string, now: Date): Promise<number> {
    const attributes = await this.platform.update({
      Key: platformKeys.streamRecordFailures(eventId),
      UpdateExpression: 'ADD attempts :one SET expiresAt = :expires',
      ExpressionAttributeValues: {
        ':one': 1,
        ':expires': epochSeconds(new Date(now.getTime() + ATTEMPTS_RETENTION_MS)),
      },
      ReturnValues: 'UPDATED_NEW',
    });
    return Number(attributes?.attempts ?? 1);
  }

  /** Keeps the record (again: the same record kept twice is one item). */
  async keep({
    record,
    error,
    attempts,
    now,
  }: {
    record: DynamoDBRecord;
    error: string;
    attempts: number;
    now: Date;
  }): Promise<void> {
    const eventId = record.eventID ?? record.dynamodb?.SequenceNumber ?? 'unknown';
    await this.platform.put({
      ...platformKeys.keptStreamRecord(recordedAt(record), eventId),
      eventId,
      record: gzipSync(JSON.stringify(record)),
      error: error.slice(0, 2000),
      attempts,
      keptAt: now.toISOString(),
      expiresAt: epochSeconds(new Date(now.getTime() + KEPT_RECORD_RETENTION_DAYS * 24 * 3600 * 1000)),
    });
    await this.platform.delete(platformKeys.streamRecordFailures(eventId));
  }

  /** Every kept record, in the order the writes happened. */
  async list(): Promise<KeptStreamRecord[]> {
    const items = await this.platform.queryPartition<KeptItem>(platformKeys.keptStreamRecords, 'REC#');
    return items.map((item) => ({
      eventId: item.eventId,
      record: JSON.parse(gunzipSync(item.record).toString('utf8')) as DynamoDBRecord,
      error: item.error,
      attempts: item.attempts,
      keptAt: item.keptAt,
    }));
  }

  /** Forgets a kept record once it has been applied. */
  async remove(kept: { record: DynamoDBRecord; eventId: string }): Promise<void> {
    await this.platform.delete(platformKeys.keptStreamRecord(recordedAt(kept.record), kept.eventId));
  }
}

/** When the write happened (ISO, to the second, as the stream reports it), for ordering. */
function recordedAt(record: DynamoDBRecord): string {
  const seconds = record.dynamodb?.ApproximateCreationDateTime ?? 0;
  return new Date(seconds * 1000).toISOString();
}
