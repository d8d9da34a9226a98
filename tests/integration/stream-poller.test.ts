import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStreamHandler } from '@crm/app/streams';
import { type EntityChange, newId, type Reaction } from '@crm/domain';
import { keys, TenantTable } from '@crm/dynamodb';
import {
  type CheckpointStore,
  createStreamPoller,
  fileCheckpointStore,
  type StreamBatchInfo,
  type StreamPoller,
  type StreamPollerOptions,
} from '@crm/local';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testDynamoDbEndpoint, testTableClient, testTableName } from '../support/test-table.js';
import { newTestTenantId } from '../support/test-tenant.js';

// The shared table's stream also carries every other suite's writes: each poller here starts at
// LATEST (or from its own checkpoint) and each reaction only looks at its own test's tenant.

const pollers: StreamPoller[] = [];

async function startPoller(
  reactions: Reaction[],
  options: Partial<StreamPollerOptions> = {},
): Promise<StreamPoller> {
  const poller = createStreamPoller({
    endpoint: testDynamoDbEndpoint(),
    tableName: testTableName(),
    handler: createStreamHandler({ reactions }),
    startingPosition: 'LATEST',
    retryBackoff: { initialMs: 20, maxMs: 200 },
    log: () => {},
    ...options,
  });
  pollers.push(poller);
  await poller.start();
  return poller;
}

/** Records every change of one tenant's customers; `failOnce` ids throw on their first attempt. */
function recordingReaction(tenantId: string, failOnce: ReadonlySet<string> = new Set()) {
  const attempts = new Map<string, number>();
  const handled = new Map<string, number>();
  const changes: EntityChange[] = [];
  const reaction: Reaction = {
    name: 'test-recorder',
    entityTypes: ['customer'],
    handle: async (change) => {
      if (change.tenantId !== tenantId) return;
      const attempt = (attempts.get(change.eventId) ?? 0) + 1;
      attempts.set(change.eventId, attempt);
      if (attempt === 1 && failOnce.has(String(change.after?.customerId))) {
        throw new Error('simulated failure on first delivery');
      }
      handled.set(change.eventId, (handled.get(change.eventId) ?? 0) + 1);
      changes.push(change);
    },
  };
  return { reaction, attempts, handled, changes };
}

function customer(tenantId: string, customerId: string, name: string) {
  return { ...keys.customer(tenantId, customerId), entityType: 'customer', customerId, name };
}

afterEach(async () => {
  await Promise.all(pollers.splice(0).map((poller) => poller.stop()));
});

describe('stream poller on DynamoDB Local', () => {
  it('delivers a write made through the tenant table to the stream handler within 2 s', async () => {
    const tenantId = newTestTenantId();
    const recorder = recordingReaction(tenantId);
    const batches: StreamBatchInfo[] = [];
    await startPoller([recorder.reaction], { onBatch: (batch) => batches.push(batch) });
    const customerId = newId();

    const writtenAt = performance.now();
    await new TenantTable(testTableClient(), tenantId).put(customer(tenantId, customerId, 'Ada'));
    await vi.waitFor(() => expect(recorder.changes).toHaveLength(1), { timeout: 2000, interval: 5 });

    expect(performance.now() - writtenAt).toBeLessThan(2000);
    expect(recorder.changes[0]).toMatchObject({
      tenantId,
      entityType: 'customer',
      kind: 'created',
      after: { customerId, name: 'Ada' },
    });
    // The handler saw what Lambda delivers: the stream ARN and epoch-second timestamps.
    const delivered = batches
      .flatMap((batch) => batch.records)
      .find((record) => {
        return record.dynamodb?.Keys?.pk?.S === keys.customer(tenantId, customerId).pk;
      });
    expect(delivered).toMatchObject({
      eventSource: 'aws:dynamodb',
      eventSourceARN: expect.stringContaining(':table/'),
    });
    expect(typeof delivered?.dynamodb?.ApproximateCreationDateTime).toBe('number');
  });

  it('redelivers from the first failed record and never reprocesses the records before it', async () => {
    const tenantId = newTestTenantId();
    const customerIds = Array.from({ length: 6 }, () => newId());
    const failing = customerIds[2] as string;
    const recorder = recordingReaction(tenantId, new Set([failing]));
    const batches: StreamBatchInfo[] = [];
    const poller = await startPoller([recorder.reaction], { onBatch: (batch) => batches.push(batch) });
    const table = new TenantTable(testTableClient(), tenantId);

    // One BatchWriteItem: the records usually reach the poller in one batch.
    await table.batchPut(customerIds.map((id, index) => customer(tenantId, id, `customer ${index}`)));
    await vi.waitFor(() => expect(recorder.handled.size).toBe(customerIds.length), {
      timeout: 5000,
      interval: 10,
    });
    await poller.waitUntilIdle();

    const failingEvent = recorder.changes.find((change) => change.after?.customerId === failing);
    expect(failingEvent).toBeDefined();
    // Every change was handled exactly once, whatever batch it arrived in.
    expect([...recorder.handled.values()].every((count) => count === 1)).toBe(true);
    // Only the failing record was attempted twice; the ones before it were never delivered again
    // and the ones after it were skipped (not attempted) by the handler until the retry.
    for (const [eventId, attempts] of recorder.attempts) {
      expect(attempts, eventId).toBe(eventId === failingEvent?.eventId ? 2 : 1);
    }
    const redelivery = batches.find((batch) => batch.attempt === 2);
    expect(redelivery?.records[0]?.eventID).toBe(failingEvent?.eventId);
  });

  it('resumes after the last processed record when restarted with the same checkpoint file', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'crm-checkpoints-'));
    try {
      const store: CheckpointStore = fileCheckpointStore(join(directory, 'stream-checkpoints.json'));
      const tenantId = newTestTenantId();
      const table = new TenantTable(testTableClient(), tenantId);
      const first = recordingReaction(tenantId);
      const firstPoller = await startPoller([first.reaction], { checkpoints: store });
      const before = [newId(), newId()];
      for (const id of before) await table.put(customer(tenantId, id, 'before restart'));
      await vi.waitFor(() => expect(first.handled.size).toBe(2), { timeout: 3000, interval: 10 });
      await firstPoller.stop();

      const after = [newId(), newId()];
      for (const id of after) await table.put(customer(tenantId, id, 'while stopped'));
      const second = recordingReaction(tenantId);
      // LATEST only applies to a poller with no checkpoints: this one resumes from the file.
      await startPoller([second.reaction], { checkpoints: store });
      await vi.waitFor(() => expect(second.handled.size).toBe(2), { timeout: 3000, interval: 10 });
      await pollers.at(-1)?.waitUntilIdle();

      expect(second.changes.map((change) => change.after?.customerId)).toEqual(after);
      const firstIds = new Set(first.handled.keys());
      expect([...second.handled.keys()].some((eventId) => firstIds.has(eventId))).toBe(false);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
