import type { _Record, Shard } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryCheckpointStore } from './checkpoint-store.js';
import { createStreamPoller, type StreamPoller, type StreamPollerOptions } from './stream-poller.js';
import type { StreamsApi } from './streams-api.js';

// A scripted stream: shards with records, closable, with lineage and injectable errors. It lets
// these tests pin shard handling that DynamoDB Local rarely shows (splits, expiry, trimming).

const STREAM_ARN = 'arn:aws:dynamodb:us-east-1:000000000000:table/crm/stream/2026-01-01T00:00:00.000';

type ScriptedShard = { id: string; parent?: string; records: _Record[]; closed: boolean };

function scriptedStream() {
  const shards: ScriptedShard[] = [];
  let sequence = 0;
  const errors: Array<{ call: 'getRecords' | 'getShardIterator'; name: string }> = [];
  const calls: string[] = [];
  const fail = (call: 'getRecords' | 'getShardIterator') => {
    const index = errors.findIndex((error) => error.call === call);
    if (index < 0) return;
    const [error] = errors.splice(index, 1);
    const thrown = new Error(`scripted ${error?.name}`);
    thrown.name = error?.name ?? 'Error';
    throw thrown;
  };
  const api: StreamsApi = {
    describeStream: async () => ({
      $metadata: {},
      StreamDescription: {
        StreamArn: STREAM_ARN,
        Shards: shards.map(
          (shard): Shard => ({
            ShardId: shard.id,
            ParentShardId: shard.parent,
            SequenceNumberRange: {
              StartingSequenceNumber: shard.records[0]?.dynamodb?.SequenceNumber ?? '0',
              EndingSequenceNumber: shard.closed
                ? (shard.records.at(-1)?.dynamodb?.SequenceNumber ?? '0')
                : undefined,
            },
          }),
        ),
      },
    }),
    getShardIterator: async (input) => {
      calls.push(`iterator ${input.ShardId} ${input.ShardIteratorType} ${input.SequenceNumber ?? ''}`.trim());
      fail('getShardIterator');
      const shard = shards.find((candidate) => candidate.id === input.ShardId);
      if (!shard) throw Object.assign(new Error('no shard'), { name: 'ResourceNotFoundException' });
      let position = 0;
      if (input.ShardIteratorType === 'LATEST') position = shard.records.length;
      if (input.ShardIteratorType === 'AFTER_SEQUENCE_NUMBER') {
        position =
          shard.records.findIndex((record) => record.dynamodb?.SequenceNumber === input.SequenceNumber) + 1;
      }
      return { $metadata: {}, ShardIterator: `${shard.id}|${position}` };
    },
    getRecords: async (input) => {
      fail('getRecords');
      const [id, at] = (input.ShardIterator ?? '').split('|');
      const shard = shards.find((candidate) => candidate.id === id) as ScriptedShard;
      const position = Number(at);
      const records = shard.records.slice(position, position + (input.Limit ?? 100));
      const next = position + records.length;
      const drained = shard.closed && next >= shard.records.length;
      return { $metadata: {}, Records: records, NextShardIterator: drained ? undefined : `${id}|${next}` };
    },
    destroy: () => {},
  };
  return {
    api,
    calls,
    addShard: (id: string, parent?: string) => shards.push({ id, parent, records: [], closed: false }),
    write: (shardId: string, key: string, entityType?: string) => {
      sequence += 1;
      const shard = shards.find((candidate) => candidate.id === shardId) as ScriptedShard;
      shard.records.push({
        eventID: `event-${sequence}`,
        eventName: 'INSERT',
        dynamodb: {
          ApproximateCreationDateTime: new Date('2026-01-01T00:00:00Z'),
          Keys: { pk: { S: key }, sk: { S: 'PROFILE' } },
          NewImage: {
            pk: { S: key },
            sk: { S: 'PROFILE' },
            photo: { B: new Uint8Array([1, 2, 3]) },
            ...(entityType ? { entityType: { S: entityType } } : {}),
          },
          SequenceNumber: String(sequence).padStart(21, '0'),
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
      });
    },
    close: (shardId: string) => {
      (shards.find((candidate) => candidate.id === shardId) as ScriptedShard).closed = true;
    },
    failNext: (call: 'getRecords' | 'getShardIterator', name: string) => errors.push({ call, name }),
  };
}

const keyOf = (record: DynamoDBRecord) => record.dynamodb?.Keys?.pk?.S;

const pollers: StreamPoller[] = [];

function startPoller(
  stream: ReturnType<typeof scriptedStream>,
  handler: (event: DynamoDBStreamEvent) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>,
  options: Partial<StreamPollerOptions> = {},
) {
  const poller = createStreamPoller({
    endpoint: 'http://scripted',
    streamArn: STREAM_ARN,
    streamsApi: stream.api,
    handler,
    idleBackoff: { initialMs: 5, maxMs: 10 },
    retryBackoff: { initialMs: 5, maxMs: 10 },
    discoveryIntervalMs: 20,
    log: () => {},
    ...options,
  });
  pollers.push(poller);
  return poller;
}

function collector() {
  const seen: string[] = [];
  const handler = async (event: DynamoDBStreamEvent) => {
    for (const record of event.Records) seen.push(keyOf(record) as string);
    return { batchItemFailures: [] };
  };
  return { seen, handler };
}

afterEach(async () => {
  await Promise.all(pollers.splice(0).map((poller) => poller.stop()));
});

describe('stream poller', () => {
  it('wraps records the way Lambda delivers them', async () => {
    const stream = scriptedStream();
    stream.addShard('shard-1');
    stream.write('shard-1', 'a');
    const events: DynamoDBStreamEvent[] = [];
    const poller = startPoller(stream, async (event) => {
      events.push(event);
      return { batchItemFailures: [] };
    });
    await poller.start();
    await vi.waitFor(() => expect(events).toHaveLength(1));

    expect(events[0]?.Records[0]).toEqual({
      eventID: 'event-1',
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      eventSourceARN: STREAM_ARN,
      dynamodb: {
        ApproximateCreationDateTime: 1767225600,
        Keys: { pk: { S: 'a' }, sk: { S: 'PROFILE' } },
        NewImage: { pk: { S: 'a' }, sk: { S: 'PROFILE' }, photo: { B: 'AQID' } },
        SequenceNumber: '000000000000000000001',
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
  });

  it('hands the handler only records passing its filter, and checkpoints past the ones it drops', async () => {
    const stream = scriptedStream();
    stream.addShard('shard-1');
    stream.write('shard-1', 'c1', 'customer');
    stream.write('shard-1', 'h1', 'customerHistory');
    stream.write('shard-1', 'i1', 'interaction');
    stream.write('shard-1', 'h2', 'customerHistory');
    const { seen, handler } = collector();
    const checkpoints = memoryCheckpointStore();
    const filter = { entityTypeAttribute: 'entityType', entityTypes: ['customer', 'interaction'] };
    const poller = startPoller(stream, handler, { checkpoints, filter });
    await poller.start();
    await vi.waitFor(() =>
      expect(checkpoints.load()?.shards['shard-1']?.sequenceNumber).toBe('000000000000000000004'),
    );

    expect(seen).toEqual(['c1', 'i1']);
    expect(poller.filter).toBe(filter);
  });

  it('drains a parent shard before reading its child, and remembers the parent as done', async () => {
    const stream = scriptedStream();
    // Listed child first, as DescribeStream may: order must come from lineage, not listing.
    stream.addShard('child', 'parent');
    stream.addShard('parent');
    stream.write('child', 'c1');
    stream.write('parent', 'p1');
    stream.write('parent', 'p2');
    stream.close('parent');
    const checkpoints = memoryCheckpointStore();
    const { seen, handler } = collector();
    const poller = startPoller(stream, handler, { checkpoints });
    await poller.start();
    await vi.waitFor(() => expect(seen).toEqual(['p1', 'p2', 'c1']));

    expect(checkpoints.load()?.shards.parent).toEqual({
      sequenceNumber: '000000000000000000003',
      done: true,
    });
    expect(poller.stats.shards).toEqual({ total: 2, reading: 1, done: 1 });
  });

  it('picks up a shard that appears when its parent closes, from its first record', async () => {
    const stream = scriptedStream();
    stream.addShard('first');
    const { seen, handler } = collector();
    const poller = startPoller(stream, handler, { startingPosition: 'LATEST' });
    await poller.start();
    stream.write('first', 'f1');
    stream.close('first');
    stream.addShard('second', 'first');
    stream.write('second', 's1');
    stream.write('second', 's2');

    await vi.waitFor(() => expect(seen).toEqual(['f1', 's1', 's2']));
    expect(stream.calls).toContain('iterator second TRIM_HORIZON');
  });

  it('starts at LATEST only when it has no checkpoints, and skips closed shards then', async () => {
    const stream = scriptedStream();
    stream.addShard('old');
    stream.write('old', 'history');
    stream.close('old');
    stream.addShard('open', 'old');
    stream.write('open', 'before start');
    const { seen, handler } = collector();
    const poller = startPoller(stream, handler, { startingPosition: 'LATEST' });
    await poller.start();
    stream.write('open', 'after start');

    await vi.waitFor(() => expect(seen).toEqual(['after start']));
    await poller.waitUntilIdle();
    expect(seen).toEqual(['after start']);
  });

  it('waits until what was written before the call is handled, while later writes keep the stream busy', async () => {
    const stream = scriptedStream();
    stream.addShard('shard-1');
    const seen: string[] = [];
    const poller = startPoller(stream, async (event) => {
      // A handler that takes its time, so the records written before the call are not handled yet.
      await new Promise((resolve) => setTimeout(resolve, 15));
      for (const record of event.Records) seen.push(keyOf(record) as string);
      return { batchItemFailures: [] };
    });
    await poller.start();
    for (const key of ['before-1', 'before-2', 'before-3']) stream.write('shard-1', key);
    // Another writer on the same table: the stream never comes up empty while it runs.
    let noise = 0;
    const writer = setInterval(() => stream.write('shard-1', `noise-${noise++}`), 2);
    try {
      await poller.waitUntilCaughtUp({ timeoutMs: 5_000 });
      expect(seen.slice(0, 3)).toEqual(['before-1', 'before-2', 'before-3']);
    } finally {
      clearInterval(writer);
    }
  });

  it('forgets checkpoints of shards that left the stream', async () => {
    const stream = scriptedStream();
    stream.addShard('current');
    const checkpoints = memoryCheckpointStore({
      streamArn: STREAM_ARN,
      shards: { trimmed: { sequenceNumber: '000000000000000000001', done: true } },
    });
    const { seen, handler } = collector();
    const poller = startPoller(stream, handler, { checkpoints });
    await poller.start();
    stream.write('current', 'a');

    await vi.waitFor(() => expect(seen).toEqual(['a']));
    expect(Object.keys(checkpoints.load()?.shards ?? {})).toEqual(['current']);
  });

  it('gets a new iterator from the checkpoint when one expires or its data is trimmed', async () => {
    const stream = scriptedStream();
    stream.addShard('shard-1');
    const { seen, handler } = collector();
    const poller = startPoller(stream, handler);
    await poller.start();
    stream.write('shard-1', 'a');
    await vi.waitFor(() => expect(seen).toEqual(['a']));
    stream.failNext('getRecords', 'ExpiredIteratorException');
    stream.write('shard-1', 'b');
    await vi.waitFor(() => expect(seen).toEqual(['a', 'b']));
    stream.failNext('getRecords', 'TrimmedDataAccessException');
    stream.write('shard-1', 'c');

    await vi.waitFor(() => expect(seen).toEqual(['a', 'b', 'c']));
    expect(
      stream.calls.filter((call) => call.startsWith('iterator shard-1 AFTER_SEQUENCE_NUMBER')),
    ).toHaveLength(2);
  });

  it('retries from the first failed record, like ReportBatchItemFailures', async () => {
    const stream = scriptedStream();
    stream.addShard('shard-1');
    for (const key of ['a', 'b', 'c', 'd']) stream.write('shard-1', key);
    const deliveries: string[][] = [];
    let failed = false;
    const poller = startPoller(stream, async (event) => {
      deliveries.push(event.Records.map((record) => keyOf(record) as string));
      const c = event.Records.find((record) => keyOf(record) === 'c');
      const d = event.Records.find((record) => keyOf(record) === 'd');
      if (failed || !c || !d) return { batchItemFailures: [] };
      failed = true;
      // Lambda takes the lowest failed sequence number, whatever the order reported.
      return {
        batchItemFailures: [
          { itemIdentifier: d.dynamodb?.SequenceNumber as string },
          { itemIdentifier: c.dynamodb?.SequenceNumber as string },
        ],
      };
    });
    await poller.start();

    await vi.waitFor(() =>
      expect(deliveries).toEqual([
        ['a', 'b', 'c', 'd'],
        ['c', 'd'],
      ]),
    );
    await poller.waitUntilIdle();
    expect(poller.processedCount).toBe(4);
  });

  it('retries the whole batch when the handler throws or names an unknown record', async () => {
    const stream = scriptedStream();
    stream.addShard('shard-1');
    stream.write('shard-1', 'a');
    stream.write('shard-1', 'b');
    let calls = 0;
    const poller = startPoller(stream, async (event) => {
      calls += 1;
      if (calls === 1) throw new Error('boom');
      if (calls === 2) return { batchItemFailures: [{ itemIdentifier: 'not-a-sequence-number' }] };
      expect(event.Records.map(keyOf)).toEqual(['a', 'b']);
      return { batchItemFailures: [] };
    });
    await poller.start();

    await vi.waitFor(() => expect(poller.processedCount).toBe(2));
    expect(calls).toBe(3);
  });

  it('skips a record that keeps failing after maxRetryAttempts and carries on', async () => {
    const stream = scriptedStream();
    stream.addShard('shard-1');
    for (const key of ['a', 'poison', 'b']) stream.write('shard-1', key);
    const handled: string[] = [];
    const poller = startPoller(
      stream,
      async (event) => {
        for (const record of event.Records) {
          if (keyOf(record) === 'poison') {
            return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber as string }] };
          }
          handled.push(keyOf(record) as string);
        }
        return { batchItemFailures: [] };
      },
      { maxRetryAttempts: 2 },
    );
    await poller.start();

    await vi.waitFor(() => expect(handled).toEqual(['a', 'b']));
    expect(poller.stats.discardedCount).toBe(1);
  });
});
