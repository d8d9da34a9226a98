import { createStreamHandler, replayKeptRecords, tableRecordKeeper } from '@crm/app/streams';
import { newId, type Reaction } from '@crm/domain';
import { KeptStreamRecordRepository, keys, streamFilter, TenantTable } from '@crm/dynamodb';
import { createStreamPoller, type StreamPoller } from '@crm/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownTestTable, testDynamoDbEndpoint } from '../support/test-table.js';

// A suite's own table: the kept records are platform items, listed table-wide by the replay.
const own = ownTestTable('kept-records');

describe('stream records the consumer gives up on', () => {
  // The reaction under test: notes every customer change it applies in `applied` (twice if applied
  // twice); fails on a poison item until the "fix" ships.
  const applied: string[] = [];
  let fixed = false;
  const ledger: Reaction = {
    name: 'ledger',
    entityTypes: ['customer'],
    async handle(change) {
      if (change.after?.poison === true && !fixed) throw new Error('cannot apply a poison change');
      applied.push(change.eventId);
    },
  };
  const keeper = tableRecordKeeper({ table: own.client, keepAfterAttempts: 3 });
  let poller: StreamPoller;

  beforeAll(async () => {
    await own.ensure();
    poller = createStreamPoller({
      endpoint: testDynamoDbEndpoint(),
      tableName: own.tableName,
      handler: createStreamHandler({ reactions: [ledger], keeper }),
      filter: streamFilter,
      startingPosition: 'LATEST',
      retryBackoff: { initialMs: 10, maxMs: 50 },
      idleBackoff: { initialMs: 10, maxMs: 50 },
      log: () => {},
    });
    await poller.start();
  });

  afterAll(async () => {
    await poller.stop();
  });

  it('keeps a poison record whole, lets the records behind it through, and replays it once after the fix', async () => {
    const tenantId = newId();
    const table = new TenantTable(own.client, tenantId);
    const key = keys.customer(tenantId, newId());
    // Two changes of one item: one stream shard, in this order.
    await table.put({ ...key, entityType: 'customer', name: 'Poison', poison: true });
    await table.put({ ...key, entityType: 'customer', name: 'Cured', poison: false });
    // Wait for the effects themselves: "idle" alone can come before a loaded machine has shown the
    // poller the new records (a shard not yet reading counts as idle).
    const keptRecords = () => new KeptStreamRecordRepository(own.client).list();
    await expect.poll(async () => (await keptRecords()).length, { timeout: 20_000 }).toBe(1);
    await expect.poll(() => applied.length, { timeout: 20_000 }).toBe(1);
    await poller.waitUntilIdle({ timeoutMs: 20_000 });

    const kept = await keptRecords();
    // The second change went through although the first never did: the shard is not blocked.
    expect(applied).toHaveLength(1);
    expect(kept).toHaveLength(1);
    const [poison] = kept;
    expect(poison?.attempts).toBe(3);
    expect(poison?.error).toContain('cannot apply a poison change');
    // Kept whole: the item images themselves, not a pointer into the stream.
    expect(poison?.record.dynamodb?.NewImage).toMatchObject({
      name: { S: 'Poison' },
      poison: { BOOL: true },
    });
    expect(poller.stats.discardedCount).toBe(0);

    // Replay without the fix: it fails again and stays kept.
    const replayHandler = createStreamHandler({ reactions: [ledger] });
    expect(await replayKeptRecords({ table: own.client, handler: replayHandler })).toEqual({
      replayed: [],
      failed: [poison?.eventId],
    });

    fixed = true;
    const first = await replayKeptRecords({ table: own.client, handler: replayHandler });
    const second = await replayKeptRecords({ table: own.client, handler: replayHandler });

    expect(first).toEqual({ replayed: [poison?.eventId], failed: [] });
    expect(second).toEqual({ replayed: [], failed: [] });
    expect(applied.filter((eventId) => eventId === poison?.eventId)).toHaveLength(1);
    expect(await new KeptStreamRecordRepository(own.client).list()).toEqual([]);
  });
});
