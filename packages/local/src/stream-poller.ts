import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { _Record, GetShardIteratorCommandInput, Shard } from '@aws-sdk/client-dynamodb-streams';
import { passesStreamFilter, type StreamFilter } from '@crm/dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { type CheckpointStore, type Checkpoints, memoryCheckpointStore } from './checkpoint-store.js';
import { createLocalLambdaContext } from './lambda-context.js';
import { toLambdaStreamRecord } from './lambda-stream-record.js';
import { createLocalDynamoDbClient, createLocalStreamsClient } from './local-clients.js';
import { type StreamsApi, sdkStreamsApi } from './streams-api.js';

/** The stream Lambda's handler signature; `createStreamHandler` from @crm/app/streams returns one. */
export type StreamBatchHandler = (
  event: DynamoDBStreamEvent,
  context: Context,
) => Promise<DynamoDBBatchResponse>;

export type StartingPosition = 'TRIM_HORIZON' | 'LATEST';

export type StreamBatchInfo = {
  shardId: string;
  /** The records the handler received (Lambda-shaped). */
  records: readonly DynamoDBRecord[];
  /** 1 for the first delivery of these records, 2+ for redeliveries after a failure. */
  attempt: number;
  /** Index (in `records`) of the first failed record; undefined when the whole batch succeeded. */
  failedAt: number | undefined;
  durationMs: number;
};

export type StreamPollerStats = {
  /** Records the handler finished (checkpointed), counted once each. */
  processedCount: number;
  batchCount: number;
  failedBatchCount: number;
  /** Records skipped after `maxRetryAttempts` (in AWS they would go to the on-failure DLQ). */
  discardedCount: number;
  shards: { total: number; reading: number; done: number };
};

export type StreamPollerOptions = {
  endpoint: string;
  region?: string;
  /** The table whose latest stream is read; or give `streamArn` directly. */
  tableName?: string;
  streamArn?: string;
  handler: StreamBatchHandler;
  /**
   * Only records passing this filter reach the handler; the rest are checkpointed unseen, like
   * the event source mapping's event filtering. Default: every record.
   */
  filter?: StreamFilter;
  /** Reported in the Lambda context. Default `crm-streams-local`. */
  functionName?: string;
  /** Where per-shard checkpoints live. Default: in memory. */
  checkpoints?: CheckpointStore;
  /**
   * Where to start in shards that have no checkpoint when the poller has never run against this
   * stream. LATEST skips history (tests on a shared table); shards that appear later always start
   * at TRIM_HORIZON, as Lambda reads a split's children from their start. Default TRIM_HORIZON.
   */
  startingPosition?: StartingPosition;
  /** Records per handler call, like the event source mapping's BatchSize. Default 100. */
  batchSize?: number;
  /** Delay between empty polls grows from `initialMs` to `maxMs`. Default 50 → 250 ms (Lambda polls 4×/s). */
  idleBackoff?: { initialMs: number; maxMs: number };
  /** Delay before redelivering a failed record grows from `initialMs` to `maxMs`. Default 100 ms → 5 s. */
  retryBackoff?: { initialMs: number; maxMs: number };
  /**
   * Redeliveries of a failing record before it is skipped (logged, counted in `discardedCount`),
   * like the event source mapping's finite retry attempts. Default 10; `Infinity` retries forever.
   */
  maxRetryAttempts?: number;
  /** How often DescribeStream looks for new shards. Default 5 s (and at once when a shard closes). */
  discoveryIntervalMs?: number;
  onBatch?: (info: StreamBatchInfo) => void;
  /** Default: DynamoDB Streams at `endpoint`; tests pass a scripted stream. */
  streamsApi?: StreamsApi;
  log?: (message: string) => void;
};

export type StreamPoller = {
  /** Resolves once every readable shard holds an iterator: writes after this are delivered. */
  start: () => Promise<void>;
  /** Stops reading; an in-flight handler call finishes and is checkpointed first. */
  stop: () => Promise<void>;
  /**
   * Resolves once every shard being read has come up empty after this call (all records written
   * before the call are handled, or being retried after failure—check `stats`).
   */
  waitUntilIdle: (options?: { timeoutMs?: number }) => Promise<void>;
  /**
   * Resolves once every shard being read has handled a read that began after this call and reached
   * the shard's end then (fewer records than the batch size): all records written before the call
   * are handled, however busy the stream stays with later writes (which an idle wait would wait out).
   */
  waitUntilCaughtUp: (options?: { timeoutMs?: number }) => Promise<void>;
  readonly stats: StreamPollerStats;
  readonly processedCount: number;
  /** The stream being read; known after `start()`. */
  readonly streamArn: string | undefined;
  /** The record filter in force (undefined: every record is delivered). */
  readonly filter: StreamFilter | undefined;
};

type ShardState = {
  shard: Shard;
  status: 'waiting' | 'reading' | 'done';
  /** Position for a shard without a checkpoint. */
  initialPosition: StartingPosition;
  lastEmptyPollAt: number;
  /** When the last read began that reached the shard's end and whose records are handled. */
  caughtUpWithReadAt: number;
  busy: boolean;
};

const errorName = (error: unknown) => (error instanceof Error ? error.name : '');

/**
 * Reads the table's DynamoDB stream the way Lambda's event source mapping does, and invokes the
 * same handler the stream Lambda runs: records are wrapped into a `DynamoDBStreamEvent`, batches
 * are delivered in order per shard, and `batchItemFailures` are honoured exactly like Lambda's
 * ReportBatchItemFailures: everything before the first failed sequence number is checkpointed and
 * never delivered again; delivery resumes at the failed record after a backoff.
 *
 * Shard lineage is followed: a child shard is read only after its parent is drained; closed
 * shards are finished and remembered; new shards are picked up by periodic DescribeStream.
 *
 * @example
 * const poller = createStreamPoller({ endpoint, tableName: 'crm', handler, checkpoints });
 * await poller.start();
 * // …
 * await poller.stop();
 */
export function createStreamPoller(options: StreamPollerOptions): StreamPoller {
  const region = options.region ?? 'us-east-1';
  const streams: StreamsApi =
    options.streamsApi ?? sdkStreamsApi(createLocalStreamsClient({ endpoint: options.endpoint, region }));
  const store = options.checkpoints ?? memoryCheckpointStore();
  const batchSize = options.batchSize ?? 100;
  const idle = options.idleBackoff ?? { initialMs: 50, maxMs: 250 };
  const retry = options.retryBackoff ?? { initialMs: 100, maxMs: 5000 };
  const maxRetryAttempts = options.maxRetryAttempts ?? 10;
  const discoveryIntervalMs = options.discoveryIntervalMs ?? 5000;
  const functionName = options.functionName ?? 'crm-streams-local';
  const log = options.log ?? ((message: string) => console.log(`[stream-poller] ${message}`));

  let streamArn = options.streamArn;
  let checkpoints: Checkpoints = { streamArn: '', shards: {} };
  let firstRun = true;
  let running = false;
  let started: Promise<void> | undefined;
  const shards = new Map<string, ShardState>();
  const tasks = new Set<Promise<void>>();
  const abort = new AbortController();
  const sleepers = new Set<() => void>();
  let discoveryWake: (() => void) | undefined;
  const counters = { processedCount: 0, batchCount: 0, failedBatchCount: 0, discardedCount: 0 };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      sleepers.add(done);
    });

  const saveCheckpoint = (shardId: string, update: { sequenceNumber?: string; done?: boolean }) => {
    const current = checkpoints.shards[shardId] ?? {};
    checkpoints.shards[shardId] = { ...current, ...update };
    store.save(checkpoints);
  };

  async function resolveStreamArn(): Promise<string> {
    if (streamArn) return streamArn;
    if (!options.tableName) throw new Error('createStreamPoller needs tableName or streamArn');
    const client = createLocalDynamoDbClient({ endpoint: options.endpoint, region });
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: options.tableName }));
      if (!Table?.LatestStreamArn) throw new Error(`table ${options.tableName} has no stream`);
      return Table.LatestStreamArn;
    } finally {
      client.destroy();
    }
  }

  async function listShards(arn: string): Promise<Shard[]> {
    const all: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await streams.describeStream(
        { StreamArn: arn, ExclusiveStartShardId: exclusiveStartShardId },
        abort.signal,
      );
      all.push(...(StreamDescription?.Shards ?? []));
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    return all;
  }

  async function iteratorFor(state: ShardState): Promise<string | undefined> {
    const shardId = state.shard.ShardId as string;
    const sequenceNumber = checkpoints.shards[shardId]?.sequenceNumber;
    const input: GetShardIteratorCommandInput = sequenceNumber
      ? {
          StreamArn: streamArn,
          ShardId: shardId,
          ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
          SequenceNumber: sequenceNumber,
        }
      : { StreamArn: streamArn, ShardId: shardId, ShardIteratorType: state.initialPosition };
    try {
      return (await streams.getShardIterator(input, abort.signal)).ShardIterator;
    } catch (error) {
      if (sequenceNumber && errorName(error) === 'TrimmedDataAccessException') {
        log(
          `shard ${shardId}: checkpoint ${sequenceNumber} is past the retention window; reading from the oldest record`,
        );
        const oldest = { StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' as const };
        return (await streams.getShardIterator(oldest, abort.signal)).ShardIterator;
      }
      throw error;
    }
  }

  function retryDelay(attempt: number): number {
    return Math.min(retry.maxMs, retry.initialMs * 2 ** Math.max(0, attempt - 1));
  }

  /** Delivers records until all are handled (or skipped after too many attempts), like Lambda. */
  async function deliver(state: ShardState, records: _Record[]): Promise<void> {
    const shardId = state.shard.ShardId as string;
    const filter = options.filter;
    const all = records.map((record) =>
      toLambdaStreamRecord(record, { streamArn: streamArn as string, region }),
    );
    let pending = filter ? all.filter((record) => passesStreamFilter(filter, record)) : all;
    if (pending.length === 0) {
      // Lambda drops filtered-out records and moves on: so does the checkpoint.
      const last = all.at(-1)?.dynamodb?.SequenceNumber;
      if (last) saveCheckpoint(shardId, { sequenceNumber: last });
      return;
    }
    let attempt = 0;
    while (pending.length > 0 && running) {
      attempt += 1;
      const startedAt = performance.now();
      let failedAt: number | undefined;
      try {
        const response = await options.handler(
          { Records: pending },
          createLocalLambdaContext({ functionName }),
        );
        const failures = response?.batchItemFailures ?? [];
        if (failures.length > 0) {
          const indices = failures.map((failure) =>
            pending.findIndex((record) => record.dynamodb?.SequenceNumber === failure.itemIdentifier),
          );
          // Lambda treats an unknown or empty identifier as a failure of the whole batch.
          failedAt = indices.includes(-1) ? 0 : Math.min(...indices);
        }
      } catch (error) {
        log(`shard ${shardId}: handler threw (${(error as Error).message}); the whole batch is retried`);
        failedAt = 0;
      }
      const succeeded = failedAt === undefined ? pending : pending.slice(0, failedAt);
      // A batch that went through is checkpointed at its last record, filtered out or not.
      const last = (failedAt === undefined ? all : succeeded).at(-1)?.dynamodb?.SequenceNumber;
      if (last) saveCheckpoint(shardId, { sequenceNumber: last });
      counters.processedCount += succeeded.length;
      counters.batchCount += 1;
      if (failedAt !== undefined) counters.failedBatchCount += 1;
      options.onBatch?.({
        shardId,
        records: pending,
        attempt,
        failedAt,
        durationMs: performance.now() - startedAt,
      });
      if (failedAt === undefined) return;
      pending = pending.slice(failedAt);
      if (attempt > maxRetryAttempts) {
        const [poison, ...rest] = pending;
        const sequenceNumber = poison?.dynamodb?.SequenceNumber;
        log(
          `shard ${shardId}: record ${sequenceNumber} (${poison?.eventName} ${JSON.stringify(poison?.dynamodb?.Keys)}) ` +
            `failed ${attempt} times; skipping it (in AWS it would go to the on-failure destination)`,
        );
        if (sequenceNumber) saveCheckpoint(shardId, { sequenceNumber });
        counters.discardedCount += 1;
        pending = rest;
        attempt = 0;
        continue;
      }
      await sleep(retryDelay(attempt));
    }
  }

  async function readShard(state: ShardState, ready: () => void): Promise<void> {
    const shardId = state.shard.ShardId as string;
    let iterator: string | undefined;
    let idleDelay = idle.initialMs;
    let failures = 0;
    let drained = false;
    try {
      while (running) {
        try {
          iterator ??= await iteratorFor(state);
          ready();
          if (!iterator) {
            drained = true;
            break;
          }
          const readAt = performance.now();
          const response = await streams.getRecords(
            { ShardIterator: iterator, Limit: batchSize },
            abort.signal,
          );
          failures = 0;
          const records = response.Records ?? [];
          if (records.length > 0) {
            state.busy = true;
            try {
              await deliver(state, records);
            } finally {
              state.busy = false;
            }
            if (!running) break;
          } else {
            state.lastEmptyPollAt = performance.now();
          }
          // Set after the batch is handled: a later read in flight does not undo what this one reached.
          if (records.length < batchSize) state.caughtUpWithReadAt = readAt;
          iterator = response.NextShardIterator;
          if (!iterator) {
            drained = true;
            break;
          }
          if (records.length > 0) {
            idleDelay = idle.initialMs;
          } else {
            await sleep(idleDelay);
            idleDelay = Math.min(idle.maxMs, idleDelay * 2);
          }
        } catch (error) {
          if (!running) break;
          const name = errorName(error);
          if (name === 'ExpiredIteratorException' || name === 'TrimmedDataAccessException') {
            // Ask again from the checkpoint: nothing processed is lost, nothing is read twice.
            iterator = undefined;
            continue;
          }
          if (name === 'ResourceNotFoundException') {
            log(`shard ${shardId}: gone from the stream (${(error as Error).message}); no longer reading it`);
            break;
          }
          failures += 1;
          ready();
          if (failures === 1 || failures % 20 === 0)
            log(`shard ${shardId}: ${name}: ${(error as Error).message}`);
          await sleep(Math.min(5000, 100 * 2 ** Math.min(failures, 6)));
        }
      }
    } finally {
      ready();
    }
    if (!running) return;
    state.status = 'done';
    if (drained) {
      // No next iterator: the shard is closed and every record handled. Its children may start now.
      saveCheckpoint(shardId, { done: true });
      log(`shard ${shardId}: closed and drained`);
    }
    discoveryWake?.();
  }

  /** Starts every waiting shard whose parent is drained (or no longer listed). */
  function schedule(): Promise<void>[] {
    const ready: Promise<void>[] = [];
    for (const state of shards.values()) {
      if (state.status !== 'waiting') continue;
      const parentId = state.shard.ParentShardId;
      const parent = parentId ? shards.get(parentId) : undefined;
      if (parent && parent.status !== 'done') continue;
      state.status = 'reading';
      let markReady: () => void = () => {};
      ready.push(
        new Promise<void>((resolve) => {
          markReady = resolve;
        }),
      );
      const task = readShard(state, markReady).catch((error: unknown) => {
        log(`shard ${state.shard.ShardId}: reader stopped: ${(error as Error).message}`);
      });
      tasks.add(task);
      void task.finally(() => tasks.delete(task));
    }
    return ready;
  }

  async function discover(initial: boolean): Promise<Promise<void>[]> {
    const listed = await listShards(streamArn as string);
    for (const shard of listed) {
      const shardId = shard.ShardId;
      if (!shardId || shards.has(shardId)) continue;
      const saved = checkpoints.shards[shardId];
      const closed = Boolean(shard.SequenceNumberRange?.EndingSequenceNumber);
      let status: ShardState['status'] = saved?.done ? 'done' : 'waiting';
      let initialPosition: StartingPosition = 'TRIM_HORIZON';
      if (initial && firstRun && options.startingPosition === 'LATEST' && !saved) {
        // Starting at LATEST means history is skipped: closed shards are finished already.
        if (closed) status = 'done';
        initialPosition = 'LATEST';
      }
      shards.set(shardId, {
        shard,
        status,
        initialPosition,
        lastEmptyPollAt: 0,
        caughtUpWithReadAt: 0,
        busy: false,
      });
    }
    // Shards past the 24-hour retention drop out of the listing; so do their checkpoints.
    const listedIds = new Set(listed.map((shard) => shard.ShardId));
    const gone = Object.keys(checkpoints.shards).filter(
      (shardId) => !listedIds.has(shardId) && shards.get(shardId)?.status !== 'reading',
    );
    for (const shardId of gone) {
      delete checkpoints.shards[shardId];
      shards.delete(shardId);
    }
    if (gone.length > 0) store.save(checkpoints);
    return schedule();
  }

  async function discoveryLoop(): Promise<void> {
    while (running) {
      await new Promise<void>((resolve) => {
        discoveryWake = resolve;
        void sleep(discoveryIntervalMs).then(resolve);
      });
      discoveryWake = undefined;
      if (!running) break;
      try {
        await discover(false);
      } catch (error) {
        if (running) log(`DescribeStream failed: ${(error as Error).message}`);
      }
    }
  }

  const poller: StreamPoller = {
    start: () => {
      started ??= (async () => {
        streamArn = await resolveStreamArn();
        const saved = store.load();
        if (saved && saved.streamArn === streamArn) {
          checkpoints = saved;
          firstRun = false;
        } else {
          if (saved)
            log('checkpoints belong to an earlier stream (the table was recreated); starting afresh');
          checkpoints = { streamArn, shards: {} };
        }
        running = true;
        await Promise.all(await discover(true));
        const loop = discoveryLoop();
        tasks.add(loop);
        void loop.finally(() => tasks.delete(loop));
      })();
      return started;
    },
    stop: async () => {
      if (!running) {
        await started?.catch(() => {});
      }
      running = false;
      for (const wake of [...sleepers]) wake();
      discoveryWake?.();
      // Only reads are aborted; a handler call in flight finishes and is checkpointed.
      abort.abort();
      while (tasks.size > 0) await Promise.allSettled([...tasks]);
      streams.destroy();
    },
    waitUntilIdle: async ({ timeoutMs = 10_000 } = {}) => {
      const since = performance.now();
      const deadline = since + timeoutMs;
      for (;;) {
        const reading = [...shards.values()].filter((state) => state.status === 'reading');
        if (reading.every((state) => !state.busy && state.lastEmptyPollAt > since)) return;
        if (performance.now() > deadline) throw new Error(`stream poller not idle after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    waitUntilCaughtUp: async ({ timeoutMs = 10_000 } = {}) => {
      const since = performance.now();
      const deadline = since + timeoutMs;
      for (;;) {
        const reading = [...shards.values()].filter((state) => state.status === 'reading');
        if (reading.every((state) => state.caughtUpWithReadAt > since)) return;
        if (performance.now() > deadline) {
          throw new Error(`stream poller not caught up after ${timeoutMs} ms`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    get stats(): StreamPollerStats {
      const states = [...shards.values()];
      return {
        ...counters,
        shards: {
          total: states.length,
          reading: states.filter((state) => state.status === 'reading').length,
          done: states.filter((state) => state.status === 'done').length,
        },
      };
    },
    get processedCount() {
      return counters.processedCount;
    },
    get streamArn() {
      return streamArn;
    },
    filter: options.filter,
  };
  return poller;
}
