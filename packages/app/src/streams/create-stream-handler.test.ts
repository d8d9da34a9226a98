import { type EntityChange, type Reaction, ReactionBatch } from '@crm/domain';
import { dynamoDbStreamEvent, dynamoDbStreamRecord } from '@crm/testing';
import type { Context, DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createStreamHandler } from './create-stream-handler.js';
import type { FailedRecordKeeper } from './failed-record-keeper.js';

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

  describe('with a keeper for records that keep failing', () => {
    /** Counts failures per event id in memory and notes what it keeps. */
    function memoryKeeper(keepAfterAttempts: number, options: { broken?: boolean } = {}) {
      const attempts = new Map<string, number>();
      const kept: string[] = [];
      const keeper: FailedRecordKeeper = {
        keepAfterAttempts,
        async countFailure(record) {
          if (options.broken) throw new Error('table unavailable');
          const count = (attempts.get(record.eventID ?? '') ?? 0) + 1;
          attempts.set(record.eventID ?? '', count);
          return count;
        },
        async keep(record) {
          kept.push(record.dynamodb?.SequenceNumber ?? '');
        },
      };
      return { keeper, kept };
    }
    const poisonAt200 = (calls: string[]) =>
      recordingReaction('scores', ['customer'], calls, (change) => change.sequenceNumber === '200');
    const batch = () =>
      dynamoDbStreamEvent(record('100', 'customer'), record('200', 'customer'), record('300', 'customer'));

    it('retries a failing record until its attempts run out, then keeps it and goes on behind it', async () => {
      const calls: string[] = [];
      const { keeper, kept } = memoryKeeper(2);
      const handler = createStreamHandler({ reactions: [poisonAt200(calls)], keeper });

      const first = await handler(batch(), context);
      const second = await handler(batch(), context);

      expect(first.batchItemFailures).toEqual([{ itemIdentifier: '200' }, { itemIdentifier: '300' }]);
      expect(kept).toEqual(['200']);
      expect(second.batchItemFailures).toEqual([]);
      expect(calls.at(-1)).toBe('scores:300');
    });

    it('leaves the record to the retries when it cannot be kept', async () => {
      const calls: string[] = [];
      const { keeper, kept } = memoryKeeper(1, { broken: true });
      const handler = createStreamHandler({ reactions: [poisonAt200(calls)], keeper });

      const result = await handler(batch(), context);

      expect(kept).toEqual([]);
      expect(result.batchItemFailures).toEqual([{ itemIdentifier: '200' }, { itemIdentifier: '300' }]);
    });
  });

  it('hands every reaction of one invocation the same batch, and each invocation a new one', async () => {
    const seen: { name: string; sequenceNumber: string; batch: ReactionBatch | undefined }[] = [];
    const probe = (name: string): Reaction => ({
      name,
      entityTypes: ['customer'],
      handle: async (change, batch) => void seen.push({ name, sequenceNumber: change.sequenceNumber, batch }),
    });
    const handler = createStreamHandler({ reactions: [probe('webhooks'), probe('workflows')] });

    await handler(dynamoDbStreamEvent(record('100', 'customer'), record('200', 'customer')), context);
    await handler(dynamoDbStreamEvent(record('300', 'customer')), context);

    const [first] = seen;
    expect(first?.batch).toBeInstanceOf(ReactionBatch);
    expect(seen.slice(0, 4).every((entry) => entry.batch === first?.batch)).toBe(true);
    expect(seen.slice(4).map((entry) => entry.sequenceNumber)).toEqual(['300', '300']);
    expect(seen[4]?.batch).toBeInstanceOf(ReactionBatch);
    expect(seen[4]?.batch).not.toBe(first?.batch);
    expect(seen[5]?.batch).toBe(seen[4]?.batch);
  });
});
