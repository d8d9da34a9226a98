import type { CatalogEntityType, EntityChange, Reaction } from '@crm/domain';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createStreamHandler } from './create-stream-handler.js';

const context = { functionName: 'crm-test-streams', awsRequestId: 'req-1' } as Context;

/** A stream record as Lambda delivers it: an INSERT of one tenant item of the given entity type. */
function record(sequenceNumber: string, entityType: string, pk = 'T#01TENANT#C#01ITEM'): DynamoDBRecord {
  return {
    eventID: `event-${sequenceNumber}`,
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    eventSourceARN: 'arn:aws:dynamodb:eu-central-1:123456789012:table/crm/stream/2026-01-01T00:00:00.000',
    dynamodb: {
      ApproximateCreationDateTime: 1_790_000_000,
      SequenceNumber: sequenceNumber,
      NewImage: {
        pk: { S: pk },
        sk: { S: `#${entityType}` },
        entityType: { S: entityType },
        id: { S: `item-${sequenceNumber}` },
      },
    },
  };
}

const batch = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });

/** A reaction that notes each change it handles in `calls`, and fails where `failOn` says. */
function recordingReaction(
  name: string,
  entityTypes: readonly CatalogEntityType[],
  calls: string[],
  failOn?: (change: EntityChange) => boolean,
): Reaction {
  return {
    name,
    entityTypes,
    async handle(change) {
      calls.push(`${name}:${change.sequenceNumber}`);
      if (failOn?.(change)) throw new Error(`${name} failed on ${change.sequenceNumber}`);
    },
  };
}

describe('createStreamHandler', () => {
  it('runs the subscribed reactions in registry order for each record, records in stream order', async () => {
    const calls: string[] = [];
    const handler = createStreamHandler({
      reactions: [
        recordingReaction('history', ['customer'], calls),
        recordingReaction('scores', ['customer', 'interaction'], calls),
      ],
    });

    const result = await handler(batch(record('100', 'customer'), record('200', 'interaction')), context);

    expect(calls).toEqual(['history:100', 'scores:100', 'scores:200']);
    expect(result.batchItemFailures).toEqual([]);
  });

  it('hands each reaction the change of its record: tenant, entity type, kind and image', async () => {
    const changes: EntityChange[] = [];
    const handler = createStreamHandler({
      reactions: [
        { name: 'probe', entityTypes: ['customer'], handle: async (change) => void changes.push(change) },
      ],
    });

    await handler(batch(record('100', 'customer')), context);

    expect(changes).toEqual([
      expect.objectContaining({
        eventId: 'event-100',
        sequenceNumber: '100',
        tenantId: '01TENANT',
        entityType: 'customer',
        kind: 'created',
        after: expect.objectContaining({ id: 'item-100' }),
      }),
    ]);
  });

  it('stops at the first failing reaction and reports that record and every later one as failed', async () => {
    const calls: string[] = [];
    const handler = createStreamHandler({
      reactions: [
        recordingReaction('first', ['customer'], calls, (change) => change.sequenceNumber === '200'),
        recordingReaction('second', ['customer'], calls),
      ],
    });

    const result = await handler(
      batch(record('100', 'customer'), record('200', 'customer'), record('300', 'customer')),
      context,
    );

    // The second reaction never sees record 200, and record 300 is not attempted: the retry
    // starts at 200, so nothing runs twice or out of order.
    expect(calls).toEqual(['first:100', 'second:100', 'first:200']);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '200' }, { itemIdentifier: '300' }]);
  });

  it('reports a batch whose first record fails as failed throughout instead of throwing', async () => {
    const calls: string[] = [];
    const handler = createStreamHandler({
      reactions: [recordingReaction('always', ['customer'], calls, () => true)],
    });

    const result = await handler(batch(record('100', 'customer'), record('200', 'customer')), context);

    expect(calls).toEqual(['always:100']);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '100' }, { itemIdentifier: '200' }]);
  });

  it('skips records of entity types no reaction subscribes to, and items outside any tenant', async () => {
    const calls: string[] = [];
    const handler = createStreamHandler({ reactions: [recordingReaction('history', ['customer'], calls)] });

    const result = await handler(
      batch(record('100', 'auditNote'), record('200', 'customer', 'P#TENANTS'), record('300', 'customer')),
      context,
    );

    expect(calls).toEqual(['history:300']);
    expect(result.batchItemFailures).toEqual([]);
  });
});
