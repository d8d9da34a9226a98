import type { EntityChange, Reaction } from '@crm/domain';
import { dynamoDbStreamEvent, dynamoDbStreamRecord } from '@crm/testing';
import type { Context, DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createStreamHandler } from './create-stream-handler.js';

const context = { functionName: 'crm-test-streams', awsRequestId: 'req-1' } as Context;

/** An INSERT of one tenant item of the given entity type, as Lambda delivers it. */
function record(sequenceNumber: string, entityType: string, pk = 'T#01TENANT#C#01ITEM'): DynamoDBRecord {
  return dynamoDbStreamRecord({
    sequenceNumber,
    approximateCreationDateTime: 1_790_000_000,
    newItem: { pk, sk: `#${entityType}`, entityType, id: `item-${sequenceNumber}` },
  });
}

/** A reaction that notes each change it handles in `calls`, and fails where `failOn` says. */
function recordingReaction(
  name: string,
  entityTypes: Reaction['entityTypes'],
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

    const result = await handler(
      dynamoDbStreamEvent(record('100', 'customer'), record('200', 'interaction')),
      context,
    );

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

    await handler(dynamoDbStreamEvent(record('100', 'customer')), context);

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
      dynamoDbStreamEvent(record('100', 'customer'), record('200', 'customer'), record('300', 'customer')),
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

    const result = await handler(
      dynamoDbStreamEvent(record('100', 'customer'), record('200', 'customer')),
      context,
    );

    expect(calls).toEqual(['always:100']);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '100' }, { itemIdentifier: '200' }]);
  });

  it('skips records of entity types no reaction subscribes to, and items outside any tenant', async () => {
    const calls: string[] = [];
    const handler = createStreamHandler({ reactions: [recordingReaction('history', ['customer'], calls)] });

    const result = await handler(
      dynamoDbStreamEvent(
        record('100', 'auditNote'),
        record('200', 'customer', 'P#TENANTS'),
        record('300', 'customer'),
      ),
      context,
    );

    expect(calls).toEqual(['history:300']);
    expect(result.batchItemFailures).toEqual([]);
  });
});
