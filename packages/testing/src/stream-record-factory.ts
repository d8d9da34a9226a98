import { marshall } from '@aws-sdk/util-dynamodb';
import type { EntityChange } from '@crm/domain';
import type { AttributeValue, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

export type StreamRecordOptions = {
  /** @default 'INSERT' */
  eventName?: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** The stored item after the write (plain values, as the document client writes them). */
  newItem?: Record<string, unknown>;
  /** The stored item before the write. */
  oldItem?: Record<string, unknown>;
  /** @default a number counting up from 1, padded like DynamoDB's */
  sequenceNumber?: string;
  /** @default `event-<sequenceNumber>` */
  eventId?: string;
  /** Seconds since the epoch. @default 2026-01-01T00:00:00Z */
  approximateCreationDateTime?: number;
};

const STREAM_ARN = 'arn:aws:dynamodb:eu-central-1:123456789012:table/crm/stream/2026-01-01T00:00:00.000';
let sequence = 0;

const image = (item: Record<string, unknown>) =>
  marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: true }) as Record<
    string,
    AttributeValue
  >;

/**
 * A DynamoDB stream record as the stream Lambda receives it (NEW_AND_OLD_IMAGES), built from
 * plain items: the images are marshalled the way DynamoDB does, keys taken from `pk`/`sk`.
 *
 * @example
 * const record = dynamoDbStreamRecord({ newItem: { pk: 'T#t1#C#c1', sk: 'PROFILE', entityType: 'customer', id: 'c1' } });
 */
export function dynamoDbStreamRecord(options: StreamRecordOptions): DynamoDBRecord {
  const sequenceNumber = options.sequenceNumber ?? String(++sequence).padStart(21, '0');
  const current = options.newItem ?? options.oldItem ?? {};
  return {
    eventID: options.eventId ?? `event-${sequenceNumber}`,
    eventName: options.eventName ?? 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'eu-central-1',
    eventSourceARN: STREAM_ARN,
    dynamodb: {
      ApproximateCreationDateTime: options.approximateCreationDateTime ?? 1_767_225_600,
      Keys: image({ pk: current.pk, sk: current.sk }),
      ...(options.newItem ? { NewImage: image(options.newItem) } : {}),
      ...(options.oldItem ? { OldImage: image(options.oldItem) } : {}),
      SequenceNumber: sequenceNumber,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

/** The event the stream Lambda is invoked with. */
export function dynamoDbStreamEvent(...records: DynamoDBRecord[]): DynamoDBStreamEvent {
  return { Records: records };
}

/**
 * The change a reaction receives, as `toEntityChange` makes it from a stream record.
 *
 * @example
 * await reaction.handle(entityChange({ entityType: 'interaction', tenantId, after: interaction }));
 */
export function entityChange<TRecord = Record<string, unknown>>(
  options: Pick<EntityChange<TRecord>, 'entityType' | 'tenantId'> & Partial<EntityChange<TRecord>>,
): EntityChange<TRecord> {
  const sequenceNumber = options.sequenceNumber ?? String(++sequence).padStart(21, '0');
  const kind = options.kind ?? (options.after ? (options.before ? 'updated' : 'created') : 'removed');
  return {
    eventId: `event-${sequenceNumber}`,
    sequenceNumber,
    kind,
    occurredAt: '2026-01-01T00:00:00.000Z',
    ...options,
  };
}
